import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryBlobStore, sha256Hex } from '../../storage/blob-store.js';
import { bridgeTag } from './protocol.js';
import { newLibrary, pairedRig, type BridgeRig } from '../../testing/bridge-rig.js';

let rig: BridgeRig | null = null;
afterEach(() => rig?.close());

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('kept files over the bridge', () => {
  it('the app gets the images the extension kept, checked against their hash', async () => {
    const appFiles = createMemoryBlobStore();
    const extFiles = createMemoryBlobStore();
    const hash = await extFiles.put(png, 'image/png');
    rig = await pairedRig(newLibrary(), newLibrary(), { appExtra: { files: appFiles }, extra: { files: extFiles } });
    const unknown = 'b'.repeat(64);
    expect(await rig.appSession.wantFiles([hash, unknown])).toEqual([hash]);
    expect((await appFiles.get(hash))?.bytes).toEqual(png);
    expect(await appFiles.has(unknown)).toBe(false);
  }, 15_000);

  it('a file nobody asked for, or whose bytes are not its hash, is not kept', async () => {
    const appFiles = createMemoryBlobStore();
    rig = await pairedRig(newLibrary(), newLibrary(), { appExtra: { files: appFiles }, extra: { files: createMemoryBlobStore() } });
    const session = rig.sent.find((m) => m.frame.t === 'ready')!.frame.session as string;
    const hash = await sha256Hex(png);
    const data = btoa(String.fromCharCode(...png));
    rig.appSession.receive({ tag: bridgeTag, from: 'extension', frame: { t: 'file', session, sha256: hash, type: 'image/png', data } });
    const wrong = 'c'.repeat(64);
    const asked = rig.appSession.wantFiles([wrong]);
    rig.appSession.receive({ tag: bridgeTag, from: 'extension', frame: { t: 'file', session, sha256: wrong, type: 'image/png', data } });
    expect(await asked).toEqual([]);
    await rig.settle();
    expect(await appFiles.has(hash)).toBe(false);
    expect(await appFiles.has(wrong)).toBe(false);
    expect(rig.logs.some((l) => l.includes('nobody asked'))).toBe(true);
    expect(rig.logs.some((l) => l.includes('do not match'))).toBe(true);
  }, 30_000);
});
