// The file worker runner: answers and refusals come back as they were given, a worker that
// does not answer in time is ended with a clear message, a crashed one too; each worker is
// ended after its file. The worker is a stand-in here (Node has no web workers); the real
// one runs in the built app (tests/e2e/export-backups.e2e.ts). The time limit runs on fake timers.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { KnipselError } from '@knipsel/core';
import type { FileAnswer, FileTask } from './file-task.js';
import { createWorkerFileReaders, inlineFileReaders, runFileTask, timeLimitMs, type WorkerLike } from './file-readers.js';
import { fileErrorMessage } from './import-service.js';
import { performFileTask } from './perform-file-task.js';

/** A worker that answers with `reply(task)` (or never, when it returns undefined). */
function standIn(reply: (task: FileTask) => Promise<FileAnswer | 'crash' | undefined>) {
  const state = { started: 0, terminated: 0, transferred: [] as Transferable[][] };
  const start = (): WorkerLike => {
    state.started++;
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      onmessageerror: null,
      postMessage(message, transfer) {
        state.transferred.push(transfer);
        void reply(message as FileTask).then((answer) => {
          if (answer === 'crash') worker.onerror?.(new Event('error') as ErrorEvent);
          else if (answer) worker.onmessage?.(new MessageEvent('message', { data: answer }));
        });
      },
      terminate: () => void state.terminated++,
    };
    return worker;
  };
  return { start, state };
}

const encoder = new TextEncoder();
const bookmarks = () => encoder.encode('<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p><DT><A HREF="https://www.movisie.nl/">Movisie</A></DL>');

afterEach(() => vi.useRealTimers());

describe('file worker runner', () => {
  test('passes the answer of the worker, moves the bytes there and ends the worker', async () => {
    const { start, state } = standIn(async (task) => (await performFileTask(task)).answer);
    const bytes = bookmarks();
    const parsed = await createWorkerFileReaders(start).bookmarks(bytes, 'bookmarks.html');
    expect(parsed.bookmarks.map((b) => b.url)).toEqual(['https://www.movisie.nl/']);
    expect(state.transferred).toEqual([[bytes.buffer]]);
    expect(state).toMatchObject({ started: 1, terminated: 1 });
  });

  test('a refusal in the worker arrives as the same KnipselError, with its Dutch sentence', async () => {
    const { start, state } = standIn(async (task) => (await performFileTask(task)).answer);
    const error = await createWorkerFileReaders(start)
      .backup(encoder.encode('%PDF-1.7\n'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnipselError);
    expect(error).toMatchObject({ code: 'invalid-input', details: { reason: 'wrong-type', nl: 'Dit bestand is geen Knipsel-back-up, maar een pdf-bestand.' } });
    expect(state.terminated).toBe(1);
  });

  test('a worker that does not answer within its time limit is ended, with a clear message in Dutch and English', async () => {
    vi.useFakeTimers();
    const { start, state } = standIn(async () => undefined);
    const task: FileTask = { kind: 'bookmarks', bytes: new Uint8Array(3 * 1024 * 1024), name: 'bookmarks.html' };
    expect(timeLimitMs(task)).toBe(13_000);
    const settled = vi.fn();
    const reading = runFileTask(start, task).then(settled, (e: unknown) => e);
    await vi.advanceTimersByTimeAsync(12_999);
    expect(settled).not.toHaveBeenCalled();
    expect(state.terminated).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    const error = await reading;
    expect(state.terminated).toBe(1);
    expect(fileErrorMessage(error, 'nl', '?')).toBe(
      'Knipsel is gestopt met het lezen van dit bestand: het duurde langer dan 13 seconden. Is het wel een export van je bladwijzers?',
    );
    expect(fileErrorMessage(error, 'en', '?')).toBe('Stopped reading the file: it took longer than 13 seconds.');
  });

  test('a worker that crashes, or cannot start, gives a clear refusal', async () => {
    const { start, state } = standIn(async () => 'crash');
    const crashed = await createWorkerFileReaders(start)
      .backup(new Uint8Array(10))
      .catch((e: unknown) => e);
    expect(fileErrorMessage(crashed, 'nl', '?')).toBe('Knipsel kon deze back-up niet lezen (het lezen liep vast).');
    expect(state.terminated).toBe(1);
    const unstartable = await createWorkerFileReaders(() => {
      throw new Error('no workers here');
    })
      .bookmarks(bookmarks(), 'x.html')
      .catch((e: unknown) => e);
    expect(fileErrorMessage(unstartable, 'nl', '?')).toBe('Knipsel kon dit bestand niet lezen (het lezen liep vast).');
  });

  test('an answer of the wrong kind is not taken', async () => {
    const { start } = standIn(async () => ({ ok: true, kind: 'backup', value: { header: {}, state: new Uint8Array() } }) as unknown as FileAnswer);
    const error = await createWorkerFileReaders(start)
      .bookmarks(bookmarks(), 'x.html')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ details: { reason: 'unreadable' } });
  });

  test('inline readers (Node) do the same work', async () => {
    expect((await inlineFileReaders.bookmarks(bookmarks(), 'x.html')).bookmarks).toHaveLength(1);
  });
});
