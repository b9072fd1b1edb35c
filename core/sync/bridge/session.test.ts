// Pairing the app and the extension over the bridge session: only after the user confirms,
// refused, expired or busy requests, unpairing from either side, and the derived key and code.
// (What the session gives those it should not: session-guards.test.ts.)
import { describe, expect, it } from 'vitest';
import { createProof, derivePairing, createPairingKeys } from './pairing.js';
import { connect, dossierFrames, newLibrary, pairedRig } from '../../testing/bridge-rig.js';

describe('bridge session: pairing and unpairing', () => {
  it('pairs only after the user confirms in the extension, with the same code on both sides', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    await app.ensurePersonal();
    const rig = connect(app, ext);
    await rig.appSession.start();
    await rig.settle();
    expect(rig.appSession.status.state).toBe('unpaired');
    expect(rig.sent.map((m) => m.frame.t)).toEqual(['hello', 'unpaired']);

    await rig.appSession.requestPairing();
    await rig.settle();
    const code = rig.appSession.status.pairCode!;
    expect(code).toMatch(/^\d{3} \d{3}$/);
    expect(rig.extSession.status).toMatchObject({ state: 'pairing', pairCode: code });
    expect(rig.requests).toEqual([{ code }]);
    // Nothing is paired, nothing about dossiers flowed, until the click.
    expect(rig.appPairs.all()).toEqual([]);
    expect(rig.extPairs.all()).toEqual([]);
    expect(dossierFrames(rig.sent)).toEqual([]);

    const pair = await rig.extSession.answerPairing(true);
    await rig.settle();
    expect(rig.requests.at(-1)).toBeNull();
    expect(rig.appSession.status.state).toBe('connected');
    expect(rig.extPairs.all()).toEqual([pair]);
    expect(rig.appPairs.all()).toEqual([{ ...pair, pairedAt: expect.any(Number) }]);
    expect(JSON.stringify(rig.sent)).not.toContain(pair!.key); // the key never travels
    expect((await ext.list()).map((r) => r.id)).toEqual([await app.personalId()]);
  });

  it('tells the app when the user refuses, and when a request waits too long', async () => {
    const refused = connect(newLibrary(), newLibrary());
    await refused.appSession.requestPairing();
    await refused.settle();
    await refused.extSession.answerPairing(false);
    await refused.settle();
    expect(refused.appSession.status).toMatchObject({ state: 'unpaired', pairRefused: 'declined', pairCode: null });
    expect(refused.extPairs.all()).toEqual([]);

    const late = connect(newLibrary(), newLibrary(), { extra: { pairingMs: 50 } });
    await late.appSession.requestPairing();
    await late.settle();
    for (let i = 0; i < 100 && late.appSession.status.pairRefused === null; i++) await new Promise((r) => setTimeout(r, 10));
    await late.settle();
    expect(late.appSession.status).toMatchObject({ state: 'unpaired', pairRefused: 'expired' });
    expect(late.requests.at(-1)).toBeNull();
    expect(await late.extSession.answerPairing(true)).toBeNull(); // too late: nothing to confirm
    expect(late.extPairs.all()).toEqual([]);
  });

  it('refuses pairing requests that come too fast or when the extension says too many wait', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    let allow = true;
    const rig = connect(app, ext, { extra: { onPairRequest: (r) => (r ? allow : undefined) } });
    await rig.appSession.requestPairing();
    await rig.settle();
    await rig.appSession.requestPairing();
    await rig.settle();
    expect(rig.appSession.status).toMatchObject({ state: 'unpaired', pairRefused: 'busy' });
    const other = connect(app, ext, { extra: { onPairRequest: () => (allow = false) } });
    await other.appSession.requestPairing();
    await other.settle();
    expect(other.appSession.status).toMatchObject({ state: 'unpaired', pairRefused: 'busy' });
  });

  it('can be unpaired from either side; the other side forgets the pairing too, and pairing again right away works', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    await app.ensurePersonal();
    // The default gap between pairing requests: a confirmed pairing does not hold up the next one.
    const rig = await pairedRig(app, ext);
    await rig.appSession.unpair();
    await rig.settle();
    expect(rig.appPairs.all()).toEqual([]);
    expect(rig.extPairs.all()).toEqual([]);
    expect(rig.extSession.status.state).toBe('unpaired');
    await rig.appSession.start();
    await rig.settle();
    expect(rig.appSession.status.state).toBe('unpaired');

    await rig.pair();
    expect(rig.appSession.status.state).toBe('connected');
    await rig.extSession.unpair();
    await rig.settle();
    expect(rig.appPairs.all()).toEqual([]);
    expect(rig.extPairs.all()).toEqual([]);
    expect(rig.appSession.status.state).toBe('unpaired');
  });

  it('forgets a pairing the extension no longer knows (reinstalled), so the user can pair again', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const first = await pairedRig(app, ext);
    first.close();
    const rig = connect(app, newLibrary(), { appPairs: first.appPairs });
    await rig.appSession.start();
    await rig.settle();
    expect(rig.appSession.status.state).toBe('unpaired');
    expect(first.appPairs.all()).toEqual([]);
  });

  it('derives the same key and code on both sides, and a different one for another exchange', async () => {
    const a = await createPairingKeys();
    const e = await createPairingKeys();
    const context = { appNonce: 'a'.repeat(24), extensionNonce: 'e'.repeat(24), appKey: a.publicKey, extensionKey: e.publicKey };
    const onApp = await derivePairing(a, e.publicKey, context);
    const onExt = await derivePairing(e, a.publicKey, context);
    expect(onApp).toEqual(onExt);
    const other = await derivePairing(a, (await createPairingKeys()).publicKey, context);
    expect(other.key).not.toEqual(onApp.key);
    expect(await createProof(onApp.key, 'auth', ['x'])).not.toBe(await createProof(onApp.key, 'welcome', ['x']));
  });
});
