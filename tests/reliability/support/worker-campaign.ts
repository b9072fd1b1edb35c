// Runs one seeded campaign in a worker thread with a watchdog, so a hang (no progress for
// `hangMs`) fails the test with the input's index instead of freezing the run. The module
// at `moduleUrl` exports the campaign: (rng, count, progress) => Promise<figures>.
import { Worker } from 'node:worker_threads';

export type Figures = Record<string, number>;

export function runInWorker(moduleUrl: URL, name: string, count: number, seed: number, hangMs = 15_000): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const entry = new URL('./campaign-entry.ts', import.meta.url).href;
    // The worker loads TypeScript through tsx's loader, registered inside the thread.
    const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: { moduleUrl: moduleUrl.href, name, seed, count } });
    let index = -1;
    let lastProgress = Date.now();
    const finish = () => {
      clearInterval(watchdog);
      void worker.terminate();
    };
    const watchdog = setInterval(() => {
      if (Date.now() - lastProgress > hangMs) {
        finish();
        reject(new Error(`${name}: no progress for ${hangMs} ms after input #${index} (seed ${seed}): a hang`));
      }
    }, 500);
    worker.on('message', (message: { progress?: number; figures?: Figures; error?: string; index?: number }) => {
      lastProgress = Date.now();
      if (message.progress !== undefined) index = message.progress;
      if (message.figures) {
        finish();
        resolve(message.figures);
      }
      if (message.error) {
        finish();
        reject(new Error(`${name} (seed ${seed}, input #${message.index}): ${message.error}`));
      }
    });
    worker.on('error', (error) => {
      clearInterval(watchdog);
      reject(new Error(`${name} (seed ${seed}) crashed the worker: ${error.message}`));
    });
    worker.on('exit', (code) => {
      clearInterval(watchdog);
      if (code !== 0) reject(new Error(`${name} (seed ${seed}) worker exited with ${code}`));
    });
  });
}
