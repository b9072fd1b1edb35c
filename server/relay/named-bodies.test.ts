// Which bodies a dossier's document names, as the relay's body API sees it: the open
// document's names follow its edits; a hash it stopped naming stays uploadable for the grace
// only; the stored state answers for a dossier not open here (reused for a moment) and for
// a hash an edit through another process named.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBodyStore, createDossier, createMemoryBlobStore } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { createNamedBodies } from './named-bodies.js';

function dossierDoc() {
  const doc = new Y.Doc();
  const dossier = createDossier(doc, { now: () => 1, bodies: createBodyStore(createMemoryBlobStore()) });
  const add = (text: string) => {
    const id = dossier.clips.add({ capture: makeCapture({ title: text, text }) });
    return { id, hash: dossier.clips.get(id)!.body!.hash };
  };
  const removeForGood = (id: string) => {
    dossier.clips.trash([id]);
    dossier.clips.emptyTrash();
  };
  return { doc, add, removeForGood };
}

describe('the bodies a dossier names, for the relay', () => {
  it('follows the open document; a hash it stopped naming is uploadable for the grace only', async () => {
    let clock = 1_000;
    const live = dossierDoc();
    const a = live.add('Buurtkamer');
    const b = live.add('Moestuin');
    const names = createNamedBodies({ store: { loadState: async () => null }, liveDoc: () => live.doc, graceMs: 500, now: () => clock });
    expect(await names.named('d', [a.hash, b.hash, 'f'.repeat(64)])).toEqual(new Set([a.hash, b.hash]));
    live.removeForGood(b.id);
    expect(await names.named('d', [a.hash, b.hash])).toEqual(new Set([a.hash]));
    expect(await names.uploadable('d', [a.hash, b.hash])).toEqual(new Set([a.hash, b.hash]));
    clock += 501;
    expect(await names.uploadable('d', [a.hash, b.hash])).toEqual(new Set([a.hash]));
    // A clip added later is named at once.
    const c = live.add('Talentenbank');
    expect(await names.named('d', [c.hash])).toEqual(new Set([c.hash]));
  });

  it('reads a dossier open nowhere here from the store, reused for a moment, and the store for what the open document lacks', async () => {
    let clock = 0;
    const stored = dossierDoc();
    const a = stored.add('Buurtkamer');
    let loads = 0;
    const store = {
      loadState: async () => {
        loads++;
        return Y.encodeStateAsUpdate(stored.doc);
      },
    };
    let open: Y.Doc | undefined;
    const names = createNamedBodies({ store, liveDoc: () => open, graceMs: 500, storedTtlMs: 100, now: () => clock });
    expect(await names.named('d', [a.hash])).toEqual(new Set([a.hash]));
    const b = stored.add('Moestuin');
    expect(await names.named('d', [b.hash])).toEqual(new Set());
    expect(loads).toBe(1);
    clock += 101;
    expect(await names.named('d', [b.hash])).toEqual(new Set([b.hash]));
    expect(loads).toBe(2);
    // Open here without the latest edit (another process took it): the store names it.
    open = new Y.Doc();
    const c = stored.add('Talentenbank');
    clock += 101;
    expect(await names.named('d', [a.hash, c.hash])).toEqual(new Set([a.hash, c.hash]));
  });
});
