// Bodies between peers: a peer fetches the bodies its doc names from another peer's store;
// a forged body is refused (and the next peer asked); a body no clip of the dossier names is
// never served — not even when another dossier on the same device, sharing the body store,
// holds it, and the answer is the same as for a body the device never had; malformed or
// oversized messages are dropped unanswered.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createDossier } from '../../dossier/dossier.js';
import { bodyHashes } from '../../dossier/body-migration.js';
import { createMemoryBlobStore } from '../../storage/blob-store.js';
import { bodyHashSync, createBodyStore, encodeBody } from '../../storage/body-store.js';
import { makeCapture } from '../../testing/captures.js';
import { createBodyExchange, decodeBodyMessage, encodeBodyMessage, maxBodyMessageBytes, messageBodies, type PeerLink } from './body-exchange.js';

/** A replica with a dossier of `count` clips whose bodies are in its store. */
async function replicaWithClips(count: number) {
  const doc = new Y.Doc();
  const bodies = createBodyStore(createMemoryBlobStore());
  const dossier = createDossier(doc, { now: () => 1, bodies });
  for (let i = 0; i < count; i++) dossier.clips.add({ capture: makeCapture({ title: `Clip ${i}`, text: `Tekst ${i}`, html: `<p>Tekst ${i}</p>` }) });
  await bodies.written();
  return { doc, bodies };
}

/** An empty replica that has received `from`'s doc (not its bodies). */
function joiner(from: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  return { doc, bodies: createBodyStore(createMemoryBlobStore()) };
}

/** Connect exchanges: `asker` asks each of `servers` in turn; answers come back through `receive`. */
function wire(asker: { doc: Y.Doc; bodies: ReturnType<typeof createBodyStore> }, servers: Array<(message: Uint8Array, reply: PeerLink) => void>, log: string[] = []) {
  let exchange: ReturnType<typeof createBodyExchange>;
  const reply: PeerLink = (message) => void exchange.receive(message, () => undefined);
  exchange = createBodyExchange({
    doc: asker.doc,
    blobs: asker.bodies.blobs,
    log: (line) => log.push(line),
    answerMs: 2000,
    peers: () => servers.map((serve) => (message: Uint8Array) => serve(message, reply)),
  });
  return exchange;
}

function server(replica: { doc: Y.Doc; bodies: ReturnType<typeof createBodyStore> }, log: string[] = []) {
  const exchange = createBodyExchange({ doc: replica.doc, blobs: replica.bodies.blobs, log: (line) => log.push(line), peers: () => [] });
  return (message: Uint8Array, reply: PeerLink) => void exchange.receive(message, reply);
}

describe('bodies between peers', () => {
  it('fetches the bodies the doc names from a peer, each stored and readable', async () => {
    const a = await replicaWithClips(3);
    const b = joiner(a.doc);
    const hashes = [...bodyHashes(b.doc)];
    expect(await b.bodies.missing(hashes)).toHaveLength(3);
    const got = await wire(b, [server(a)]).fetch(hashes);
    expect(got.sort()).toEqual([...hashes].sort());
    expect(await b.bodies.missing(hashes)).toEqual([]);
    for (const hash of hashes) expect(await b.bodies.get(hash)).toEqual(await a.bodies.get(hash));
  });

  it('refuses a forged body under a hash it names, and takes the true one from the next peer', async () => {
    const a = await replicaWithClips(1);
    const b = joiner(a.doc);
    const [hash] = bodyHashes(b.doc);
    const forged = encodeBody({ html: '<p>Vervalst</p>', markdown: 'Vervalst', text: 'Vervalst' });
    const forger = (message: Uint8Array, reply: PeerLink) => {
      const decoded = decodeBodyMessage(message);
      if (decoded.ok && decoded.message.t === 'bodies-want') reply(encodeBodyMessage({ t: 'bodies', id: decoded.message.id, bodies: [{ hash, bytes: forged }] }));
    };
    const log: string[] = [];
    // The forger alone: nothing is kept.
    expect(await wire(b, [forger], log).fetch([hash])).toEqual([]);
    expect(await b.bodies.has(hash)).toBe(false);
    expect(log.join('\n')).toMatch(/do not match its hash/);
    // The forger first, an honest peer next: the true body is kept.
    expect(await wire(b, [forger, server(a)]).fetch([hash])).toEqual([hash]);
    expect((await b.bodies.get(hash))?.text).toContain('Tekst 0');
  });

  it('never serves a body that no clip of the dossier names, though the store holds it', async () => {
    const a = await replicaWithClips(1);
    const other = await a.bodies.put({ html: '<p>Ander dossier</p>', markdown: 'Ander dossier', text: 'Ander dossier' });
    expect(other).toBe(bodyHashSync({ html: '<p>Ander dossier</p>', markdown: 'Ander dossier', text: 'Ander dossier' }));
    const b = joiner(a.doc);
    expect(await wire(b, [server(a)]).fetch([other])).toEqual([]);
    expect(await b.bodies.has(other)).toBe(false);
  });

  it("serves a dossier's own bodies (trashed clips too), never another dossier's on the same device, nor a file under a body's name", async () => {
    // One device, one body store, two dossiers: a private one and a shared one.
    const bodies = createBodyStore(createMemoryBlobStore());
    const privateDoc = new Y.Doc();
    const privateDossier = createDossier(privateDoc, { now: () => 1, bodies });
    privateDossier.clips.add({ capture: makeCapture({ title: 'Privé', text: 'Mijn eigen verslag van het intakegesprek.', html: '<p>Privé</p>' }) });
    const sharedDoc = new Y.Doc();
    const shared = createDossier(sharedDoc, { now: () => 1, bodies });
    shared.clips.add({ capture: makeCapture({ title: 'Gedeeld', text: 'Een buurtkamer voor iedereen.', html: '<p>Gedeeld</p>' }) });
    const trashed = shared.clips.add({ capture: makeCapture({ title: 'Weggegooid', text: 'Ooit gedeeld.', html: '<p>Weg</p>' }) });
    shared.clips.trash([trashed]);
    await bodies.written();
    const [privateHash] = bodyHashes(privateDoc);
    const sharedHashes = [...bodyHashes(sharedDoc)];
    expect(sharedHashes).toHaveLength(2);
    // A file of the private dossier (a PDF) sits in the same store.
    const pdf = await bodies.blobs.put(new TextEncoder().encode('%PDF-1.4 privé'), 'application/pdf');

    const device = { doc: sharedDoc, bodies };
    const answers: Uint8Array[] = [];
    const ask = async (hashes: string[]) => {
      server(device)(encodeBodyMessage({ t: 'bodies-want', id: 7, hashes }), (message) => answers.push(message));
      await vi.waitFor(() => expect(answers).toHaveLength(1));
      const answer = answers.pop()!;
      const decoded = decodeBodyMessage(answer);
      return { raw: answer, hashes: decoded.ok && decoded.message.t === 'bodies' ? decoded.message.bodies.map((body) => body.hash) : null };
    };
    // A peer of the shared dossier gets the shared dossier's bodies, the trashed clip's too.
    expect((await ask([...sharedHashes, privateHash, pdf])).hashes?.sort()).toEqual([...sharedHashes].sort());
    // Naming the private dossier's body or file: the same answer, to the byte, as a hash nobody has.
    const never = 'e'.repeat(64);
    const empty = (await ask([never])).raw;
    expect((await ask([privateHash])).raw).toEqual(empty);
    expect((await ask([pdf])).raw).toEqual(empty);
    // A peer that writes a clip naming the file's hash into the shared doc still gets no file.
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(sharedDoc));
    const [clipId] = [...(forger.getMap('clips') as Y.Map<Y.Map<unknown>>).keys()];
    (forger.getMap('clips') as Y.Map<Y.Map<unknown>>).get(clipId)!.set('body', pdf);
    Y.applyUpdate(sharedDoc, Y.encodeStateAsUpdate(forger, Y.encodeStateVector(sharedDoc)));
    expect(bodyHashes(sharedDoc).has(pdf)).toBe(true);
    expect((await ask([pdf])).raw).toEqual(empty);
  });

  it('drops malformed and oversized body messages unanswered', async () => {
    const a = await replicaWithClips(1);
    const log: string[] = [];
    const serve = server(a, log);
    const answers: Uint8Array[] = [];
    const reply = (message: Uint8Array) => answers.push(message);
    /** A body message with any kind byte, header and payload. */
    const raw = (kind: number, header: unknown, payload: number[] = []) => {
      const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
      const length = [json.length >>> 24, (json.length >>> 16) & 255, (json.length >>> 8) & 255, json.length & 255];
      return Uint8Array.of(messageBodies, kind, ...length, ...json, ...payload);
    };
    const hash = '0'.repeat(64);
    const junk = [
      raw(1, { id: 1, hashes: ['../../etc/passwd'] }),
      raw(1, { id: 1, hashes: Array.from({ length: 201 }, (_, i) => i.toString(16).padStart(64, '0')) }),
      raw(1, { id: 1, hashes: [], extra: true }),
      raw(1, { id: 1, hashes: [hash] }, [1, 2, 3]),
      raw(3, { id: 1, hashes: [] }),
      raw(1, '{"id": 1, "hashes": ['),
      raw(2, { id: 1, bodies: [{ hash, size: 10 }] }, [1, 2, 3]),
      Uint8Array.of(messageBodies, 1, 255, 255, 255, 255, 0),
      new Uint8Array(maxBodyMessageBytes + 1).fill(messageBodies, 0, 1),
    ];
    for (const message of junk) serve(message, reply);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(answers).toEqual([]);
    expect(log).toHaveLength(junk.length);
  });
});
