// Worker thread: scores the corpus cases whose ids it is given and posts the score back.
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from './corpus.js';
import { scoreCases } from './score-corpus.js';

const ids = new Set(workerData as string[]);
parentPort?.postMessage(scoreCases(loadCorpus(undefined, ids)));
