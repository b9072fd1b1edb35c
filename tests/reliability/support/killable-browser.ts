// A Chromium that can be killed like a crash: started by us (its own process group, a
// profile on disk) and driven over the DevTools protocol; kill() sends SIGKILL to the whole
// group — browser, renderers, utility processes — with no chance to flush or clean up.
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { chromiumPath } from '../../support/browser.js';

export interface KillableBrowser {
  browser: Browser;
  context: BrowserContext;
  kill(): Promise<void>;
  /** A normal shutdown (between runs). */
  close(): Promise<void>;
}

export async function startKillable(profileDir: string): Promise<KillableBrowser> {
  const child: ChildProcess = spawn(
    chromiumPath,
    [
      '--headless=new',
      '--no-sandbox',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      '--hide-crash-restore-bubble',
      '--lang=nl-NL',
      `--user-data-dir=${profileDir}`,
      '--remote-debugging-port=0',
      ...(process.env.KNIPSEL_CHROMIUM_LOG ? ['--enable-logging=stderr', '--v=0'] : []),
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('Chromium did not start')), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', () => reject(new Error(`Chromium exited early: ${buffer.slice(-500)}`)));
  });
  if (process.env.KNIPSEL_CHROMIUM_LOG) {
    const { appendFileSync } = await import('node:fs');
    child.stderr!.on('data', (chunk: Buffer) => appendFileSync(process.env.KNIPSEL_CHROMIUM_LOG!, chunk));
  }
  child.stderr!.resume();
  const browser = await chromium.connectOverCDP(wsUrl);
  const context = browser.contexts()[0];
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  return {
    browser,
    context,
    async kill() {
      killGroup();
      await exited;
      await browser.close().catch(() => undefined);
    },
    async close() {
      const session = await browser.newBrowserCDPSession().catch(() => null);
      await session?.send('Browser.close').catch(() => undefined);
      const timer = setTimeout(killGroup, 10_000);
      await exited;
      clearTimeout(timer);
      await browser.close().catch(() => undefined);
    },
  };
}
