// Clip bodies through the relay: a member who may edit uploads the bodies the relay lacks, a
// read-only member fetches them, a forged upload is refused whole, a revoked member and
// another dossier's member get nothing, and a body the client receives is checked again.
// Only bodies the dossier's document names travel: an upload of another is refused (and
// offered again once the document names it), a body no clip names any more is not served,
// and the dossier's quota of stored body bytes refuses an upload past it, keeping nothing.
import { describe, expect, it } from 'vitest';
import { createRelayAdmin, createRelayBodies } from '@knipsel/core/relay';
import { createBodyStore, createDossier, createMemoryBlobStore, encodeBody, isKnipselError, type ClipBody } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { connectDoc, newDossierDoc, until } from './relay-test-support.js';
import { relaysPerTest } from './test-relays.js';
import type { RelayOptions } from './relay-options.js';

const { start, keep } = relaysPerTest();

const body = (n: number): ClipBody => ({ html: `<p>Verslag ${n}</p>`, markdown: `Verslag ${n}`, text: `Verslag ${n}` });

/**
 * A registered dossier whose editor has `clips` clips (bodies in its store) and whose doc the
 * relay holds; `member(token)` is another device with an empty body store.
 */
async function withDossier(clips = 3, options: Partial<RelayOptions> = {}) {
  const relay = await start(options);
  const admin = createRelayAdmin(relay.wsUrl);
  const id = 'dossier0000000001';
  const { ownerSecret } = await admin.register(id);
  const edit = await admin.createToken(id, ownerSecret, 'edit', 'Sanne');
  const readOnly = await admin.createToken(id, ownerSecret, 'read-only', 'Assessor');
  const member = (token: string, dossierId = id) => {
    const bodies = createBodyStore(createMemoryBlobStore());
    return { bodies, relay: createRelayBodies({ url: relay.wsUrl, dossierId, token, blobs: bodies.blobs }) };
  };
  const writer = member(edit.token);
  const doc = newDossierDoc(id);
  const dossier = createDossier(doc, { bodies: writer.bodies });
  const session = connectDoc(doc, relay.wsUrl, id, edit.token);
  keep({ close: () => session.destroy() });
  /** Add a clip with body `n`, durable on the relay; resolves with its body's hash. */
  const addClip = async (n: number) => {
    const clipId = dossier.clips.add({ capture: makeCapture({ title: `Verslag ${n}`, ...body(n) }) });
    await writer.bodies.written();
    await session.whenAcknowledged();
    return dossier.clips.get(clipId)!.body!.hash;
  };
  const hashes: string[] = [];
  await until(() => session.state().synced, 'the editor to sync');
  for (let n = 1; n <= clips; n++) hashes.push(await addClip(n));
  return { relay, admin, id, ownerSecret, edit, readOnly, member, writer, dossier, session, addClip, hashes };
}

const post = (url: string, token: string, payload: unknown) =>
  fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
const wire = (hash: string, bytes: Uint8Array) => ({ hash, data: Buffer.from(bytes).toString('base64') });

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
    expect((await uploader.upload([keptHash, goneHash])).uploaded.sort()).toEqual([keptHash, goneHash].sort());
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
    const { readOnly, member, writer, hashes, session } = await withDossier(3);
    expect((await writer.relay.upload(hashes)).uploaded.sort()).toEqual([...hashes].sort());
    // Uploading again sends nothing: the relay has them.
    expect(await writer.relay.upload(hashes)).toEqual({ uploaded: [], pending: [] });

    // With nobody connected the relay reads what the doc names from its store.
    session.destroy();
    const reader = member(readOnly.token);
    expect((await reader.relay.fetch(hashes)).sort()).toEqual([...hashes].sort());
    for (const [i, hash] of hashes.entries()) expect(await reader.bodies.get(hash)).toMatchObject(body(i + 1));
    // A read-only member cannot upload.
    expect(await reader.relay.upload(hashes)).toEqual({ uploaded: [], pending: hashes });
  });

  it('refuses an upload the doc does not name, keeps nothing of it, and takes it once a clip names it', async () => {
    const { relay, id, edit, readOnly, member, writer, hashes, addClip } = await withDossier(1);
    const loose = await writer.bodies.put(body(7));
    const bytes = (await writer.bodies.blobs.get(loose))!.bytes;
    const response = await post(`${relay.url}/api/dossiers/${id}/bodies/put`, edit.token, {
      bodies: [wire(hashes[0], (await writer.bodies.blobs.get(hashes[0]))!.bytes), wire(loose, bytes)],
    });
    expect(response.status).toBe(409);
    expect((await response.json()).error).toBe('not-named');
    expect(await relay.store.missingBodies(id, [hashes[0], loose])).toEqual([hashes[0], loose]);
    // The client asks first: the unnamed body stays pending (on this device), the named one goes.
    expect(await writer.relay.upload([hashes[0], loose])).toEqual({ uploaded: [hashes[0]], pending: [loose] });
    expect(await relay.store.missingBodies(id, [loose])).toEqual([loose]);
    // A clip names it now: the next upload takes it, and members can read it.
    expect(await addClip(7)).toBe(loose);
    expect(await writer.relay.upload([loose])).toEqual({ uploaded: [loose], pending: [] });
    expect(await member(readOnly.token).relay.fetch([loose])).toEqual([loose]);
  });

  it('serves no body that no clip names any more, though the relay still keeps it, and answers it like one it never had', async () => {
    const { relay, id, edit, readOnly, member, writer, dossier, session, hashes } = await withDossier(2);
    await writer.relay.upload(hashes);
    const [kept, gone] = hashes;
    const goneClip = dossier.clips.list().find((clip) => clip.body?.hash === gone)!.id;
    dossier.clips.trash([goneClip]);
    dossier.clips.emptyTrash();
    await session.whenAcknowledged();
    expect(await relay.store.missingBodies(id, hashes)).toEqual([]);
    const never = 'f'.repeat(64);
    const answer = await (await post(`${relay.url}/api/dossiers/${id}/bodies/get`, readOnly.token, { hashes: [gone, never] })).json();
    expect(answer).toEqual({ bodies: [], more: [] });
    expect(await member(readOnly.token).relay.fetch([kept, gone])).toEqual([kept]);
    // Within the grace a member whose copy is behind may still upload it again.
    const again = await post(`${relay.url}/api/dossiers/${id}/bodies/put`, edit.token, { bodies: [wire(gone, (await writer.bodies.blobs.get(gone))!.bytes)] });
    expect(again.status).toBe(200);
  });

  it('refuses an upload whose bytes do not match its hash, and keeps nothing of it', async () => {
    const { relay, id, edit, readOnly, member, hashes } = await withDossier(1);
    const [hash] = hashes;
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
    const { relay, admin, id, ownerSecret, readOnly, member, writer, hashes } = await withDossier(1);
    const [hash] = hashes;
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

  it("refuses an upload past the dossier's quota, keeps nothing of it, and the client keeps the bodies for later", async () => {
    const bodyBytes = encodeBody(body(1)).length;
    const { relay, id, edit, writer, hashes, addClip } = await withDossier(2, { bodyQuotaBytes: 2 * bodyBytes + 1 });
    expect((await writer.relay.upload(hashes)).uploaded.sort()).toEqual([...hashes].sort());
    expect(await relay.store.bodyBytes(id)).toBe(2 * bodyBytes);
    const third = await addClip(3);
    const refused = await writer.relay.upload([third]).catch((error: unknown) => error);
    expect(isKnipselError(refused, 'conflict') && refused.details.reason).toBe('relay-quota');
    expect(await relay.store.missingBodies(id, [third])).toEqual([third]);
    expect(await writer.bodies.has(third)).toBe(true);
    const direct = await post(`${relay.url}/api/dossiers/${id}/bodies/put`, edit.token, { bodies: [wire(third, (await writer.bodies.blobs.get(third))!.bytes)] });
    expect([direct.status, (await direct.json()).error]).toEqual([413, 'quota-exceeded']);
    // A body the relay keeps already adds nothing: uploading it again is fine.
    const again = await post(`${relay.url}/api/dossiers/${id}/bodies/put`, edit.token, { bodies: [wire(hashes[0], (await writer.bodies.blobs.get(hashes[0]))!.bytes)] });
    expect(again.status).toBe(200);
  });

  it('a client refuses a body the relay hands over under another hash', async () => {
    const { id, edit, member } = await withDossier(0);
    const hash = await member(edit.token).bodies.put(body(1));
    const forged = Buffer.from(encodeBody(body(2))).toString('base64');
    const lying = (async () => new Response(JSON.stringify({ bodies: [{ hash, data: forged }], more: [] }), { status: 200 })) as typeof fetch;
    const bodies = createBodyStore(createMemoryBlobStore());
    const client = createRelayBodies({ url: 'ws://127.0.0.1:1', dossierId: id, token: edit.token, blobs: bodies.blobs, fetch: lying });
    expect(await client.fetch([hash])).toEqual([]);
    expect(await bodies.has(hash)).toBe(false);
  });
});
