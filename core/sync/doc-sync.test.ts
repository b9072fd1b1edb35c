import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '../dossier/dossier.js';
import { makeCapture } from '../testing/captures.js';
import { createDocSync, type DocSync } from './doc-sync.js';

function pair(a: Y.Doc, b: Y.Doc) {
  const queueAB: Uint8Array[] = [];
  const queueBA: Uint8Array[] = [];
  const rejects: string[] = [];
  const sa = createDocSync(a, (m) => queueAB.push(m), { onReject: (r) => rejects.push(r) });
  const sb = createDocSync(b, (m) => queueBA.push(m), { onReject: (r) => rejects.push(r) });
  const pump = () => {
    while (queueAB.length || queueBA.length) {
      while (queueAB.length) sb.receive(queueAB.shift()!);
      while (queueBA.length) sa.receive(queueBA.shift()!);
    }
  };
  return { sa, sb, pump, rejects };
}

function dossierDoc(name: string) {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'd', name });
  return doc;
}

describe('doc sync', () => {
  it('brings two replicas together and keeps them together', () => {
    const a = dossierDoc('A');
    const b = new Y.Doc();
    const da = createDossier(a);
    da.clips.add({ capture: makeCapture({ title: 'Voor de verbinding' }) });
    const { sa, sb, pump } = pair(a, b);
    sa.start();
    sb.start();
    pump();
    expect(sa.synced && sb.synced).toBe(true);
    const db = createDossier(b);
    expect(db.clips.all().map((c) => c.title)).toEqual(['Voor de verbinding']);
    db.clips.add({ capture: makeCapture({ title: 'Van B' }) });
    pump();
    expect(
      da.clips
        .all()
        .map((c) => c.title)
        .sort(),
    ).toEqual(['Van B', 'Voor de verbinding']);
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b));
  });

  it('does not echo remote updates back', () => {
    const a = dossierDoc('A');
    const b = new Y.Doc();
    const sent: Uint8Array[] = [];
    const sb = createDocSync(b, (m) => sent.push(m));
    const update = Y.encodeStateAsUpdate(a);
    const encoder = [2, ...lengthPrefixed(update)];
    expect(sb.receive(new Uint8Array(encoder))).toBe(true);
    expect(sent).toEqual([]);
  });

  it('drops garbage without changing the doc (seeded, replayable)', () => {
    const doc = dossierDoc('Veilig');
    createDossier(doc).clips.add({ capture: makeCapture() });
    const before = Y.encodeStateAsUpdate(doc);
    const rejects: string[] = [];
    const sync: DocSync = createDocSync(doc, () => undefined, { onReject: (r) => rejects.push(r) });
    const valid = new Uint8Array([2, ...lengthPrefixed(Y.encodeStateAsUpdate(dossierDoc('x')))]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, byte]) => {
            const copy = valid.slice();
            copy[i] = byte;
            return copy;
          }),
          fc.nat({ max: valid.length - 1 }).map((n) => valid.slice(0, n)),
        ),
        (bytes) => {
          const copy = new Y.Doc();
          Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
          const accepted = createDocSync(copy, () => undefined).receive(bytes);
          if (!accepted) {
            // A rejected message changes nothing in the real doc either.
            sync.receive(bytes);
            expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
          }
        },
      ),
      { numRuns: Number(process.env.KNIPSEL_FUZZ_RUNS ?? 300), seed: process.env.KNIPSEL_SEED ? Number(process.env.KNIPSEL_SEED) : undefined },
    );
    expect(rejects.length).toBeGreaterThan(0);
  });
});

function lengthPrefixed(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let n = bytes.length;
  while (n > 127) {
    out.push((n & 127) | 128);
    n >>>= 7;
  }
  out.push(n);
  return [...out, ...bytes];
}
