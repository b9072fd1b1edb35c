// Worker thread of the snippet evaluation: evaluates each case it is sent with the extractors
// named, posting each extractor's result as soon as it has it (so a page that runs out of time
// keeps what was done) and then `done`, which asks for the next case. Starts by saying it is ready.
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateCase, type EvalOptions, type ExtractorName } from './snippet-eval.js';
import type { SnippetCase } from './snippet-corpus.js';

const options = workerData as EvalOptions;

parentPort?.on('message', (message: { index: number; case: SnippetCase; extractors: ExtractorName[] }) => {
  evaluateCase(message.case, { ...options, extractors: message.extractors }, (report) => parentPort?.postMessage({ index: message.index, report }));
  // Let jsdom's tasks for the closed page run before the next page is parsed.
  setTimeout(() => parentPort?.postMessage({ index: message.index, done: true }), 0);
});
parentPort?.postMessage({ ready: true });
