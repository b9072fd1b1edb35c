// Clip bodies over the bridge: the doc syncs first (the clip is listed, its body missing),
// then the body follows on demand, checked against its hash — a forged one is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { makeCapture } from '../../testing/captures.js';
import { createLibrary } from '../../library/library.js';
import { createMemoryBlobStore, type BlobStore } from '../../storage/blob-store.js';
import { createBodyStore, encodeBody } from '../../storage/body-store.js';
import { createMemoryLibraryStore } from '../../storage/library-store.js';
import { createMemoryProjectionStore } from '../../storage/projection-store.js';
import { createMemoryUpdateStore } from '../../storage/update-store.js';
import { bodyHashes } from '../../dossier/body-migration.js';
import { followBodies } from '../body-follow.js';
import { pairedRig, type BridgeRig } from '../../testing/bridge-rig.js';

let rig: BridgeRig | null = null;
afterEach(() => rig?.close());

function side(blobs: BlobStore = createMemoryBlobStore()) {
  const bodies = createBodyStore(blobs);
  const library = createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore(), bodies });
  return { blobs, bodies, library };
}

async function clipMadeInExtension(forge?: (blobs: BlobStore) => BlobStore) {
  const app = side();
  const extBlobs = createMemoryBlobStore();
  const ext = side(extBlobs);
  const personal = (await app.library.ensurePersonal()).id;
  await ext.library.ensurePersonal();
  rig = await pairedRig(app.library, ext.library, { appExtra: { files: app.blobs }, extra: { files: forge ? forge(extBlobs) : extBlobs } });
  const text = 'Bewoners richten samen een buurtkamer in. '.repeat(50);
  const id = (await ext.library.open(personal)).dossier.clips.add({ capture: makeCapture({ title: 'Buurtkamer', text }) });
  await (await ext.library.open(personal)).flush();
  await ext.bodies.written();
  await rig.settle();
  const open = await app.library.open(personal);
  return { app, open, id, text };
}

describe('clip bodies over the bridge', () => {
  it('a clip made in the extension is listed in the app at once and its body follows, checked', async () => {
    const { app, open, id, text } = await clipMadeInExtension();
    const listed = open.dossier.clips.get(id)!;
    expect(listed.title).toBe('Buurtkamer');
    expect(listed.body).toMatchObject({ here: false });
    expect(listed.capture.text).toBe('');
    const seen: number[] = [];
    const progress = await followBodies(app.bodies, bodyHashes(open.doc), { fetch: (hashes) => rig!.appSession.wantFiles(hashes), onProgress: (p) => seen.push(p.here) });
    expect(progress).toEqual({ total: 1, here: 1 });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect(open.dossier.clips.get(id)!.capture.text).toBe(text);
    expect(open.dossier.clips.get(id)!.body?.here).toBe(true);
  }, 30_000);

  it('a forged body (other bytes under the clip’s hash) is refused and the clip says its text is missing', async () => {
    const forged = encodeBody({ html: '<p>Nep</p>', markdown: 'Nep', text: 'Nep' });
    const lying = (blobs: BlobStore): BlobStore => ({
      ...blobs,
      get: async (hash) => ((await blobs.has(hash)) ? { bytes: forged, type: 'application/vnd.knipsel.body+json' } : undefined),
    });
    const { app, open, id } = await clipMadeInExtension(lying);
    const progress = await followBodies(app.bodies, bodyHashes(open.doc), { fetch: (hashes) => rig!.appSession.wantFiles(hashes) });
    expect(progress).toEqual({ total: 1, here: 0 });
    expect(open.dossier.clips.get(id)!.body?.here).toBe(false);
    expect(await app.blobs.has(open.dossier.clips.get(id)!.body!.hash)).toBe(false);
    expect(rig!.logs.some((l) => l.includes('do not match'))).toBe(true);
  }, 30_000);
});
