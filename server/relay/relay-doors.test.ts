// The relay's doors for clients it does not know yet: little memory and little time before
// authentication, a cap on connections per client address, rate limits per client (the
// forwarded address behind a trusted proxy), and registration closed on network addresses
// unless the operator opens it.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createRelayAdmin } from '@knipsel/core/relay';
import type { Relay } from './create-relay.js';
import { relaysPerTest } from './test-relays.js';
import { connectDoc, dossierName, frames, newDossierDoc, rawClient, rename, until } from './relay-test-support.js';

const { start, keep } = relaysPerTest();

/** A valid update frame of about `size` bytes for `documentName`. */
function bigUpdate(documentName: string, size: number): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap('meta').set('padding', 'x'.repeat(size));
  return frames.update(documentName, update);
}

/** Opens a WebSocket; resolves with 'open' or the HTTP status that refused it. */
function tryConnect(url: string, options: { localAddress?: string; headers?: Record<string, string> } = {}): Promise<{ ws: WebSocket; status: 'open' | number }> {
  const ws = new WebSocket(url, options);
  keep({ close: () => ws.terminate() });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, status: 'open' }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? 0 }));
    ws.once('error', (error) => reject(error));
  });
}

describe('before authentication', () => {
  it('cuts a socket that sends more than the pre-auth budget, and keeps none of it', async () => {
    const relay = await start({ limits: { bytesBeforeAuth: 16 * 1024 } });
    const { ownerSecret } = await createRelayAdmin(relay.wsUrl).register('budgetdossier001');
    const client = await rawClient(relay.wsUrl);
    for (let i = 0; i < 4; i++) client.send(bigUpdate('budgetdossier001', 8 * 1024)); // never authenticates
    await client.closed;
    expect(relay.stats().preAuthBudgetClosed).toBe(1);
    expect(await relay.store.logLength('budgetdossier001')).toBe(0);
    expect(relay.hocuspocus.documents.has('budgetdossier001')).toBe(false);

    // A real member is not affected: it authenticates, then sends as much as it likes.
    const doc = newDossierDoc('budgetdossier001', 'Na de aanval');
    const session = connectDoc(doc, relay.wsUrl, 'budgetdossier001', ownerSecret);
    keep({ close: () => session.destroy() });
    await session.whenAcknowledged();
    doc.getMap('meta').set('padding', 'y'.repeat(64 * 1024));
    await session.whenAcknowledged();
    expect(relay.hocuspocus.documents.get('budgetdossier001')!.getMap('meta').get('padding')).toHaveLength(64 * 1024);
  });

  it('an authenticated socket may not park more than the budget for another document', async () => {
    const relay = await start({ limits: { bytesBeforeAuth: 16 * 1024 } });
    const { ownerSecret } = await createRelayAdmin(relay.wsUrl).register('budgetdossier002');
    const client = await rawClient(relay.wsUrl);
    client.send(frames.auth('budgetdossier002', ownerSecret));
    client.send(frames.syncStep1('budgetdossier002'));
    await client.waitFor((f) => f.type === 0 && f.subtype === 1);
    for (let i = 0; i < 4; i++) client.send(bigUpdate('otherdossier0003', 8 * 1024)); // no auth for this one
    await client.closed;
    expect(relay.stats().preAuthBudgetClosed).toBe(1);
  });

  it('closes sockets that do not authenticate in time, and keeps those that do', async () => {
    const relay = await start({ limits: { authTimeoutMs: 300 } });
    const { ownerSecret } = await createRelayAdmin(relay.wsUrl).register('deadlinedossier1');
    const silent = await rawClient(relay.wsUrl); // says nothing
    const unauthenticated = await rawClient(relay.wsUrl); // syncs without a token
    unauthenticated.send(frames.syncStep1('deadlinedossier1'));
    const later = await rawClient(relay.wsUrl); // authenticates one document, then parks another
    later.send(frames.auth('deadlinedossier1', ownerSecret));
    later.send(frames.syncStep1('deadlinedossier1'));
    await later.waitFor((f) => f.type === 0 && f.subtype === 1);
    later.send(frames.syncStep1('neverauthorised1'));
    const doc = newDossierDoc('deadlinedossier1', 'Op tijd');
    const session = connectDoc(doc, relay.wsUrl, 'deadlinedossier1', ownerSecret);
    keep({ close: () => session.destroy() });
    await session.whenAcknowledged();

    expect(await silent.closed).toBe(4408);
    expect(await unauthenticated.closed).toBe(4408);
    expect(await later.closed).toBe(4408);
    expect(relay.stats().authTimeouts).toBe(3);
    // The member who authenticated at once is still connected and still syncing.
    rename(doc, 'Nog steeds verbonden');
    await session.whenAcknowledged();
    expect(session.state().status).toBe('connected');
    expect(dossierName(relay.hocuspocus.documents.get('deadlinedossier1')!)).toBe('Nog steeds verbonden');
  });

  it('refuses an authentication message with an oversized token', async () => {
    const relay = await start();
    const client = await rawClient(relay.wsUrl);
    client.send(frames.auth('tokendossier0001', 't'.repeat(2000)));
    expect(await client.closed).toBe(1008);
  });
});

describe('connections per address', () => {
  it('caps one address and still lets another in', async () => {
    const relay = await start({ limits: { connectionsPerAddress: 3 } });
    const first = await Promise.all([1, 2, 3].map(() => tryConnect(relay.wsUrl)));
    expect(first.map((c) => c.status)).toEqual(['open', 'open', 'open']);
    expect((await tryConnect(relay.wsUrl)).status).toBe(429);
    expect((await tryConnect(relay.wsUrl, { localAddress: '127.0.0.2' })).status).toBe('open');
    expect(relay.stats().refusedPerAddress).toBe(1);
    first[0].ws.close();
    await until(() => relay.stats().connections === 3, 'the closed connection to be released');
    expect((await tryConnect(relay.wsUrl)).status).toBe('open');
  });

  it('behind a trusted proxy, caps the forwarded address, not the proxy', async () => {
    const relay = await start({ limits: { connectionsPerAddress: 2 }, trustedProxies: ['127.0.0.1'] });
    const as = (client: string) => ({ headers: { 'x-forwarded-for': client } });
    expect((await tryConnect(relay.wsUrl, as('198.51.100.1'))).status).toBe('open');
    expect((await tryConnect(relay.wsUrl, as('198.51.100.1'))).status).toBe('open');
    expect((await tryConnect(relay.wsUrl, as('198.51.100.1'))).status).toBe(429);
    expect((await tryConnect(relay.wsUrl, as('198.51.100.2'))).status).toBe('open');
  });
});

describe("owners' API limits", () => {
  const ask = (relay: Relay, client?: string) =>
    fetch(`${relay.url}/api/dossiers/limitdossier0001/tokens`, { headers: client ? { 'x-forwarded-for': client } : {} }).then((res) => res.status);

  it('behind a trusted proxy, each forwarded client has its own rate limit', async () => {
    const relay = await start({ limits: { apiRatePerSecond: 1 }, trustedProxies: ['127.0.0.1'] }); // bursts of 5
    const flood = [];
    for (let i = 0; i < 8; i++) flood.push(await ask(relay, '198.51.100.1'));
    expect(flood).toContain(429);
    expect(await ask(relay, '198.51.100.2')).toBe(403); // another user behind the same proxy: not limited
    expect(relay.stats().rateLimited).toBeGreaterThanOrEqual(3);
  });

  it('without a trusted proxy, X-Forwarded-For is ignored (it cannot buy a fresh bucket)', async () => {
    const relay = await start({ limits: { apiRatePerSecond: 1 } });
    for (let i = 0; i < 8; i++) await ask(relay, `198.51.100.${i + 1}`);
    expect(await ask(relay, '198.51.100.99')).toBe(429);
  });
});

describe('registration', () => {
  it('is open on a loopback relay, closed without a key when the operator did not open it', async () => {
    const loopback = await start();
    await expect(createRelayAdmin(loopback.wsUrl).register('opendossier00001')).resolves.toMatchObject({ ownerSecret: expect.any(String) });

    const closed = await start({ openRegistration: false });
    await expect(createRelayAdmin(closed.wsUrl).register('opendossier00002')).rejects.toMatchObject({ details: { reason: 'registration-closed' } });
    expect(await closed.store.isRegistered('opendossier00002')).toBe(false);

    const keyed = await start({ openRegistration: false, registrationKey: 'cohort-key' });
    await expect(createRelayAdmin(keyed.wsUrl, { registrationKey: 'cohort-key' }).register('opendossier00003')).resolves.toMatchObject({ ownerSecret: expect.any(String) });
  });
});
