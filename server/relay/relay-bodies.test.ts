// Clip bodies through the relay: a member who may edit uploads the bodies the relay lacks, a
// read-only member fetches them, a forged upload is refused whole, a revoked member and
// another dossier's member get nothing, and a body the client receives is checked again.
import { describe, expect, it } from 'vitest';
import { createRelayAdmin, createRelayBodies } from '@knipsel/core/relay';
import { createBodyStore, createDossier, createMemoryBlobStore, encodeBody, type ClipBody } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { connectDoc, newDossierDoc, until } from './relay-test-support.js';
import { relaysPerTest } from './test-relays.js';

const { start, keep } = relaysPerTest();

const body = (n: number): ClipBody => ({ html: `<p>Verslag ${n}</p>`, markdown: `Verslag ${n}`, text: `Verslag ${n}` });

async function withDossier() {
  const relay = await start();
  const admin = createRelayAdmin(relay.wsUrl);
  const id = 'dossier0000000001';
  const { ownerSecret } = await admin.register(id);
  const edit = await admin.createToken(id, ownerSecret, 'edit', 'Sanne');
  const readOnly = await admin.createToken(id, ownerSecret, 'read-only', 'Assessor');
  const member = (token: string, dossierId = id) => {
    const bodies = createBodyStore(createMemoryBlobStore());
    return { bodies, relay: createRelayBodies({ url: relay.wsUrl, dossierId, token, blobs: bodies.blobs }) };
  };
  return { relay, admin, id, ownerSecret, edit, readOnly, member };
}

const post = (url: string, token: string, payload: unknown) =>
  fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(payload) });

describe('bodies through the relay', () => {
  it('drops the bodies no clip names any more once its doc is compacted, and keeps the named ones', async () => {
    const relay = await start({ compactDebounceMs: 50, bodyGraceMs: 0 });
    const admin = createRelayAdmin(relay.wsUrl);
    const id = 'dossier0000000003';
    const { ownerSecret } = await admin.register(id);
    const doc = newDossierDoc(id);
    const bodies = createBodyStore(createMemoryBlobStore());
    const dossier = createDossier(doc, { bodies });
    const kept = dossier.clips.add({ capture: makeCapture({ title: 'Blijft', text: 'Een buurtkamer die blijft. '.repeat(20) }) });
    const gone = dossier.clips.add({ capture: makeCapture({ title: 'Weg', text: 'Een moestuin die weggaat. '.repeat(20) }) });
    const hashOf = (clipId: string) => dossier.clips.get(clipId)!.body!.hash;
    const [keptHash, goneHash] = [hashOf(kept), hashOf(gone)];
    await bodies.written();
    const session = connectDoc(doc, relay.wsUrl, id, ownerSecret);
    keep({ close: () => session.destroy() });
    await session.whenAcknowledged();
    const uploader = createRelayBodies({ url: relay.wsUrl, dossierId: id, token: ownerSecret, blobs: bodies.blobs });
    expect((await uploader.upload([keptHash, goneHash])).sort()).toEqual([keptHash, goneHash].sort());
    // The clip is deleted for good; the next compaction lets its body go.
    dossier.clips.trash([gone]);
    dossier.clips.emptyTrash();
    await session.whenAcknowledged();
    let missing: string[] = [];
    const poll = setInterval(() => void relay.store.missingBodies(id, [keptHash, goneHash]).then((m) => (missing = m)), 25);
    try {
      await until(() => missing.includes(goneHash), 'the unnamed body to be dropped');
    } finally {
      clearInterval(poll);
    }
    expect(missing).toEqual([goneHash]);
  });

  it('an editing member uploads what the relay lacks; a read-only member fetches every body, true to its hash', async () => {
    const { edit, readOnly, member } = await withDossier();
    const writer = member(edit.token);
    const hashes = await Promise.all([1, 2, 3].map((n) => writer.bodies.put(body(n))));
    expect((await writer.relay.upload(hashes)).sort()).toEqual([...hashes].sort());
    // Uploading again sends nothing: the relay has them.
    expect(await writer.relay.upload(hashes)).toEqual([]);

    const reader = member(readOnly.token);
    expect((await reader.relay.fetch(hashes)).sort()).toEqual([...hashes].sort());
    for (const [i, hash] of hashes.entries()) expect(await reader.bodies.get(hash)).toEqual(body(i + 1));
    // A read-only member cannot upload.
    const other = await reader.bodies.put(body(9));
    expect(await reader.relay.upload([other])).toEqual([]);
  });

  it('refuses an upload whose bytes do not match its hash, and keeps nothing of it', async () => {
    const { relay, id, edit, readOnly, member } = await withDossier();
    const hash = (await member(edit.token).bodies.put(body(1))) as string;
    const forged = Buffer.from(encodeBody({ html: '<p>Vervalst</p>', markdown: 'Vervalst', text: 'Vervalst' })).toString('base64');
    const response = await post(`${relay.url}/api/dossiers/${id}/bodies/put`, edit.token, { bodies: [{ hash, data: forged }] });
    expect(response.status).toBe(422);
    expect(await relay.store.missingBodies(id, [hash])).toEqual([hash]);
    expect(await member(readOnly.token).relay.fetch([hash])).toEqual([]);
    // Wrongly shaped requests are refused with 400.
    expect((await post(`${relay.url}/api/dossiers/${id}/bodies/get`, readOnly.token, { hashes: ['nope'] })).status).toBe(400);
    expect((await post(`${relay.url}/api/dossiers/${id}/bodies/get`, readOnly.token, { hashes: [], more: 1 })).status).toBe(400);
  });

  it("a revoked member, another dossier's member and no token get nothing", async () => {
    const { relay, admin, id, ownerSecret, edit, readOnly, member } = await withDossier();
    const writer = member(edit.token);
    const hash = await writer.bodies.put(body(1));
    await writer.relay.upload([hash]);
    const otherId = 'dossier0000000002';
    const other = await admin.register(otherId);
    const stranger = await admin.createToken(otherId, other.ownerSecret, 'edit', 'Vreemde');
    // The stranger's token names this dossier: refused; naming its own dossier: the body is not there.
    expect(await member(stranger.token).relay.fetch([hash])).toEqual([]);
    expect((await post(`${relay.url}/api/dossiers/${id}/bodies/get`, stranger.token, { hashes: [hash] })).status).toBe(403);
    expect(await member(stranger.token, otherId).relay.fetch([hash])).toEqual([]);
    expect((await post(`${relay.url}/api/dossiers/${id}/bodies/get`, '', { hashes: [hash] })).status).toBe(403);

    await admin.revokeToken(id, ownerSecret, readOnly.id);
    expect((await post(`${relay.url}/api/dossiers/${id}/bodies/get`, readOnly.token, { hashes: [hash] })).status).toBe(403);
    expect(await member(readOnly.token).relay.fetch([hash])).toEqual([]);
  });

  it('a client refuses a body the relay hands over under another hash', async () => {
    const { id, edit, member } = await withDossier();
    const hash = await member(edit.token).bodies.put(body(1));
    const forged = Buffer.from(encodeBody(body(2))).toString('base64');
    const lying = (async () => new Response(JSON.stringify({ bodies: [{ hash, data: forged }], more: [] }), { status: 200 })) as typeof fetch;
    const bodies = createBodyStore(createMemoryBlobStore());
    const client = createRelayBodies({ url: 'ws://127.0.0.1:1', dossierId: id, token: edit.token, blobs: bodies.blobs, fetch: lying });
    expect(await client.fetch([hash])).toEqual([]);
    expect(await bodies.has(hash)).toBe(false);
  });
});
