// Bodies kept moving for a shared dossier: a run uploads (when allowed) what it has not asked
// about yet and follows with the source; a clip that arrives later starts another run; the
// clip on screen is asked for first; nothing runs after stop; what the relay refused for now
// (or a refusal that throws, the quota: told once) is offered again by a later run.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { bodyHashes, createBodyStore, createDossier, createMemoryBlobStore } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { keepBodiesMoving } from './share-bodies.js';

function dossierWithClips(count: number) {
  const doc = new Y.Doc();
  const dossier = createDossier(doc, { now: () => 1, bodies: createBodyStore(createMemoryBlobStore()) });
  const add = (i: number) => dossier.clips.add({ capture: makeCapture({ title: `Clip ${i}`, text: `Tekst ${i}` }) });
  for (let i = 0; i < count; i++) add(i);
  return { doc, add };
}

describe('keepBodiesMoving', () => {
  it('uploads each hash once when allowed, follows with the clip on screen first, and runs again when clips arrive', async () => {
    const { doc, add } = dossierWithClips(2);
    const uploads: string[][] = [];
    const follows: string[][] = [];
    let mayUpload = true;
    const mover = keepBodiesMoving({
      doc,
      source: { fetch: async () => [], upload: async (hashes) => (uploads.push(hashes), { pending: [] }) },
      follow:
        () =>
        async (_fetch, first = []) =>
          void follows.push(first),
      mayUpload: () => mayUpload,
      report: (error) => {
        throw error;
      },
      delayMs: 0,
    });
    const [first] = bodyHashes(doc);
    mover.kick([first]);
    await vi.waitFor(() => expect(follows).toHaveLength(1));
    expect(follows[0]).toEqual([first]);
    expect(uploads.flat().sort()).toEqual([...bodyHashes(doc)].sort());

    // A clip arrives: another run, which uploads only the new hash.
    add(9);
    await vi.waitFor(() => expect(follows).toHaveLength(2), { timeout: 3000 });
    expect(uploads).toHaveLength(2);
    expect(uploads[1]).toHaveLength(1);

    // Not allowed to upload (read-only): follows only.
    mayUpload = false;
    add(10);
    await vi.waitFor(() => expect(follows).toHaveLength(3), { timeout: 3000 });
    expect(uploads).toHaveLength(2);

    mover.stop();
    add(11);
    mover.kick();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(follows).toHaveLength(3);
  });

  it('offers again what an upload left pending, and after a refused upload, only those', async () => {
    const { doc } = dossierWithClips(3);
    const [a, b, c] = bodyHashes(doc);
    const uploads: string[][] = [];
    const reported: unknown[] = [];
    const full = () => {
      throw new Error('quota');
    };
    const answers: Array<() => { pending: string[] }> = [() => ({ pending: [b] }), full, full, () => ({ pending: [] })];
    const mover = keepBodiesMoving({
      doc,
      source: { fetch: async () => [], upload: async (hashes) => (uploads.push(hashes), answers[uploads.length - 1]()) },
      follow: () => undefined,
      mayUpload: () => true,
      report: (error) => reported.push(error),
      delayMs: 0,
      retryMs: 10,
    });
    mover.kick();
    await vi.waitFor(() => expect(uploads).toHaveLength(4));
    expect(uploads[0].sort()).toEqual([a, b, c].sort());
    // The retries ask about the pending one only; a refusal keeps it pending for the next,
    // and the same refusal twice is told once.
    expect(uploads.slice(1)).toEqual([[b], [b], [b]]);
    expect(reported).toEqual([new Error('quota')]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uploads).toHaveLength(4);
    mover.stop();
  });
});
