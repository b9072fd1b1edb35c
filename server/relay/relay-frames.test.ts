// Large messages as frames on the relay's WebSocket (message-gate.ts, core's framed channel):
// stream frames are refused before authentication (a stranger's deflate bomb is never
// inflated), and a broken stream after it — frames out of order, a whole message inside a
// stream, a bomb over the joined-size cap — closes the socket with its reason and leaves the
// stored dossier as it was. A client without frames still syncs with whole messages.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRelayAdmin, relayProtocols } from '@knipsel/core/relay';
import { connectRelay } from '@knipsel/core/relay/session';
import { deflatedZeros, encodeStreamFrame, makeCapture } from '@knipsel/core/testing';
import { WebSocket } from 'ws';
import { relaysPerTest } from './test-relays.js';
import { createDossier } from '@knipsel/core';
import { connectDoc, dossierName, frames, newDossierDoc, rawClient, until } from './relay-test-support.js';

const { start, keep } = relaysPerTest();

/** A stream frame as a framed socket carries it: 0, then core's frame (75 chunk: field = count; 76 compressed: field = final). */
function streamFrame(type: 75 | 76, id: number, index: number, field: number, part: Uint8Array): Uint8Array {
  const frame = encodeStreamFrame(type, { id, index, field, part });
  const framed = new Uint8Array(frame.length + 1);
  framed.set(frame, 1);
  return framed;
}

/** Adds `count` clips in one transaction; returns the update it made. */
function addClips(doc: Y.Doc, who: string, count: number): Uint8Array {
  let update: Uint8Array = new Uint8Array();
  const keep = (u: Uint8Array) => (update = u);
  doc.on('update', keep);
  const dossier = createDossier(doc);
  doc.transact(() => {
    for (let i = 0; i < count; i++) dossier.clips.add({ capture: makeCapture({ title: `${who} ${i}`, url: `https://example.org/${who}/${i}` }), note: `Notitie ${i}` });
  });
  doc.off('update', keep);
  return update;
}

/** A relay with dossier `id` holding its owner's first version, as stored, and a way to open framed raw sockets as its owner. */
async function dossierOnRelay(id: string, limits = {}) {
  const relay = await start({ limits });
  const { ownerSecret } = await createRelayAdmin(relay.wsUrl).register(id);
  const owner = newDossierDoc(id, 'Voor de aanval');
  const session = connectDoc(owner, relay.wsUrl, id, ownerSecret);
  keep({ close: () => session.destroy() });
  await session.whenAcknowledged();
  const stored = await relay.store.loadState(id);
  const authenticated = async () => {
    const client = await rawClient(relay.wsUrl, relayProtocols);
    keep({ close: () => client.ws.terminate() });
    expect(client.ws.protocol).toBe('knipsel-relay-frames.1');
    client.send(frames.auth(id, ownerSecret));
    await client.waitFor((f) => f.type === 2 && f.subtype === 2);
    return client;
  };
  const unchanged = async () => Buffer.from((await relay.store.loadState(id))!).equals(Buffer.from(stored!));
  return { relay, owner, session, ownerSecret, authenticated, unchanged };
}

describe('stream frames before authentication', () => {
  it('refuses a compressed bomb and an oversized frame from a stranger without inflating or keeping them', async () => {
    const relay = await start();
    await createRelayAdmin(relay.wsUrl).register('framesdossier001');
    const bomb = deflatedZeros(64 * 1024 * 1024); // 64 MiB of zeros in ~64 KB
    const stranger = await rawClient(relay.wsUrl, relayProtocols);
    stranger.send(streamFrame(76, 2, 0, 1, bomb.subarray(0, 60 * 1024)));
    expect(await stranger.closedWith).toEqual({ code: 1008, reason: 'stream frame before authentication' });

    const big = await rawClient(relay.wsUrl, relayProtocols);
    big.send(frames.update('framesdossier001', new Uint8Array(1024 * 1024)));
    expect(await big.closed).toBe(1006); // cut while it arrives: past the pre-auth budget
    expect(relay.stats()).toMatchObject({ rejectedFrames: 1, preAuthBudgetClosed: 1 });
    expect(await relay.store.logLength('framesdossier001')).toBe(0);
  });
});

describe('broken streams after authentication', () => {
  it('close on frames out of order, a message inside a stream and unknown frames; nothing of them is kept', async () => {
    const id = 'framesdossier002';
    const { relay, owner, session, authenticated, unchanged } = await dossierOnRelay(id);
    const outOfOrder = await authenticated();
    outOfOrder.send(streamFrame(75, 2, 1, 3, new Uint8Array(100))); // the second chunk first
    expect(await outOfOrder.closedWith).toEqual({ code: 1008, reason: 'chunk frame out of order' });

    const interrupted = await authenticated();
    const update = new Uint8Array(frames.update(id, Y.encodeStateAsUpdate(newDossierDoc(id, 'Ingevoegd'))));
    interrupted.send(streamFrame(75, 2, 0, 2, update.subarray(0, 10)));
    interrupted.send(frames.syncStep1(id));
    expect(await interrupted.closedWith).toEqual({ code: 1008, reason: 'a message inside a chunk stream' });

    const unknown = await authenticated();
    unknown.send(new Uint8Array([0, 99, 1, 2, 3]));
    expect(await unknown.closedWith).toEqual({ code: 1008, reason: 'unknown stream frame' });

    expect(relay.stats().rejectedFrames).toBe(3);
    expect(await unchanged()).toBe(true);
    // The owner's own connection carries on.
    createDossier(owner).updateMeta({ name: 'Na de aanval' });
    await session.whenAcknowledged();
    await until(() => dossierName(relay.hocuspocus.documents.get(id)!) === 'Na de aanval', 'the edit on the relay');
  });

  it('closes with 1009 when a compressed stream inflates past the cap (a bomb), before it is inflated whole', async () => {
    const id = 'framesdossier003';
    const { relay, authenticated, unchanged } = await dossierOnRelay(id, { joinedMessageBytes: 4 * 1024 * 1024 });
    const client = await authenticated();
    const bomb = deflatedZeros(64 * 1024 * 1024);
    const parts = Math.ceil(bomb.length / (64 * 1024));
    for (let i = 0; i < parts; i++) client.send(streamFrame(76, 2, i, i === parts - 1 ? 1 : 0, bomb.subarray(i * 64 * 1024, (i + 1) * 64 * 1024)));
    expect(await client.closedWith).toEqual({ code: 1009, reason: 'inflated message too large' });
    expect(relay.metrics.closed['too-large']).toBe(1);
    expect(await unchanged()).toBe(true);
  });
});

describe('clients with and without frames', () => {
  it('a client that does not offer frames sends and gets whole messages beside one that does', async () => {
    const id = 'framesdossier004';
    const { relay, owner, session, ownerSecret } = await dossierOnRelay(id);
    const older = await rawClient(relay.wsUrl, ['knipsel-relay']);
    expect(older.ws.protocol).toBe('knipsel-relay'); // what an older relay answers a framed client, too
    older.ws.terminate();

    const plain = new Y.Doc();
    const plainSession = connectRelay(plain, { url: relay.wsUrl, dossierId: id, token: ownerSecret, WebSocketPolyfill: WebSocket, frames: false });
    keep({ close: () => plainSession.destroy() });
    await plainSession.whenAcknowledged();
    addClips(owner, 'eigenaar', 150); // one update well above a frame: the framed owner sends it compressed
    await until(() => plain.getMap('clips').size === 150, 'the clips at the plain client');
    const update = addClips(plain, 'zonder frames', 150); // one whole message to the relay
    expect(update.length).toBeGreaterThan(64 * 1024);
    await plainSession.whenAcknowledged();
    await until(() => owner.getMap('clips').size === 300, "the plain client's clips at the owner");
    await session.whenAcknowledged();
  });
});
