// Bodies between peers: a peer fetches the bodies its doc names from another peer's store;
// a forged body is refused (and the next peer asked); a body no clip of the dossier names is
// never served; malformed or oversized messages are dropped unanswered.
import { describe, expect, it } from 'vitest';
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
