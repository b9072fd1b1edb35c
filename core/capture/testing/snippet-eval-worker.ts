// Worker thread of the snippet evaluation: evaluates each case it is sent and posts the result
// back, which asks for the next one. Starts by asking for a first case.
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateCase, type EvalOptions } from './snippet-eval.js';
import type { SnippetCase } from './snippet-corpus.js';

const options = workerData as EvalOptions;

parentPort?.on('message', (message: { index: number; case: SnippetCase }) => {
  const page = evaluateCase(message.case, options);
  // Let jsdom's tasks for the closed page run before the next page is parsed.
  setTimeout(() => parentPort?.postMessage({ index: message.index, page }), 0);
});
parentPort?.postMessage({ ready: true });
