// Reading picked files off the main thread: each file gets a fresh worker (workers/file-worker.ts)
// that is ended after its answer or after a time limit, whichever comes first, so neither a
// hostile file nor a bug in a parser can freeze the app or keep memory. The bytes are moved
// (transferred) to the worker, not copied. Where there are no workers (Node tests) the same
// task runs inline.
import type { Backup } from '@knipsel/core/export';
import type { ParsedImport } from '@knipsel/core/import';
import { answerValue, tooSlow, unreadable, type FileTask } from './file-task.js';

export interface FileReaders {
  /** Parse a bookmark file (a zip is opened); refuses one without importable bookmarks. */
  bookmarks(bytes: Uint8Array, name: string): Promise<ParsedImport>;
  /** Read and fully validate a backup file. */
  backup(bytes: Uint8Array): Promise<Backup>;
}

/** What a worker is to this module (a `Worker` fits; tests pass a stand-in). */
export interface WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
}

const megabyte = 1024 * 1024;

/**
 * How long a file may take: far above what a real file needs (a 50 MB bookmark export parses
 * in about a second, a 200 MB backup in a few), so only a runaway read is stopped.
 */
export function timeLimitMs(task: FileTask): number {
  const perMegabyte = Math.ceil(task.bytes.length / megabyte) * 1_000;
  return (task.kind === 'backup' ? 20_000 : 10_000) + perMegabyte;
}

/** Run one task in a worker from `start`, ending the worker after its answer or `limitMs`. */
export function runFileTask(start: () => WorkerLike, task: FileTask, limitMs = timeLimitMs(task)): Promise<ParsedImport | Backup> {
  return new Promise((resolve, reject) => {
    let worker: WorkerLike;
    try {
      worker = start();
    } catch (error) {
      reject(unreadable(task, String(error)));
      return;
    }
    const finish = () => {
      clearTimeout(timer);
      worker.onmessage = worker.onerror = worker.onmessageerror = null;
      worker.terminate();
    };
    const timer = setTimeout(() => {
      finish();
      reject(tooSlow(task, limitMs));
    }, limitMs);
    worker.onmessage = (event) => {
      finish();
      try {
        resolve(answerValue(task, event.data));
      } catch (error) {
        reject(error);
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(unreadable(task, event.message ?? event.type));
    };
    worker.onmessageerror = (event) => {
      finish();
      reject(unreadable(task, event.type));
    };
    worker.postMessage(task, [task.bytes.buffer as ArrayBuffer]);
  });
}

function startFileWorker(): WorkerLike {
  return new Worker(new URL('../workers/file-worker.ts', import.meta.url), { type: 'module', name: 'knipsel-bestand' });
}

/** Readers that run every file in its own worker (the web app). */
export function createWorkerFileReaders(start: () => WorkerLike = startFileWorker): FileReaders {
  return {
    bookmarks: (bytes, name) => runFileTask(start, { kind: 'bookmarks', bytes, name }) as Promise<ParsedImport>,
    backup: (bytes) => runFileTask(start, { kind: 'backup', bytes }) as Promise<Backup>,
  };
}

async function inline(task: FileTask): Promise<ParsedImport | Backup> {
  const { performFileTask } = await import('./perform-file-task.js');
  return answerValue(task, (await performFileTask(task)).answer);
}

/** Readers that run on the calling thread: for Node, which has no web workers. */
export const inlineFileReaders: FileReaders = {
  bookmarks: (bytes, name) => inline({ kind: 'bookmarks', bytes, name }) as Promise<ParsedImport>,
  backup: (bytes) => inline({ kind: 'backup', bytes }) as Promise<Backup>,
};

/** Workers where the platform has them, else inline. */
export function defaultFileReaders(): FileReaders {
  return typeof Worker === 'function' ? createWorkerFileReaders() : inlineFileReaders;
}
