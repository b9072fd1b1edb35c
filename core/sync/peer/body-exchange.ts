// Bodies between peers: after the doc has synced, a peer asks the others for the bodies it
// lacks ('want', at most 200 hashes) and each answers with the bodies it has ('bodies', at
// most 8 MiB a message; what did not fit is asked for again). Messages travel on the peer's
// data channel (chunked and compressed like sync messages): one byte `messageBodies`, one
// byte for the kind, a 4-byte length and a JSON header checked against a schema, then (in an
// answer) the bodies' bytes one after another, as the header's sizes say — binary, so a
// body is neither base64-encoded nor parsed as JSON on the way.
//
// What is served: only bodies that clips of this dossier's doc name (trashed clips too), and
// only blobs stored as bodies — the body store is shared by every dossier on the device, so
// a peer that names the hash of another dossier's body gets nothing, although the store
// holds it; a dossier's attachments and kept images (other blob types) never travel to
// peers. A hash the doc does not name is answered before the store is read, and exactly like
// a body this device lacks (left out of the answer), so the answer does not confirm that
// the device holds it. Limit: a member who may edit the shared doc can write a clip naming
// any hash whose body's exact bytes it already has; this device then serves that body for
// the dossier if it holds it, which tells that member only that it does. What is kept:
// only bodies asked for, true to their hash (body-wire.ts); a forged or substituted body is
// refused and the next peer is asked.
import * as v from 'valibot';
import type * as Y from 'yjs';
import { bodyHashes } from '../../dossier/body-migration.js';
import { bodyType } from '../../storage/body-store.js';
import type { BlobStore } from '../../storage/blob-store.js';
import { bodyHashSchema, checkArrivedBytes, hashListSchema, maxAnswerBytes, maxHashesPerRequest, maxWireBodyBytes } from './body-wire.js';

/** The first byte of a body message on the data channel (y-webrtc's own are 0–4, frames 75–76). */
export const messageBodies = 90;
const kindWant = 1;
const kindBodies = 2;
/** Largest header (200 hashes and sizes as JSON). */
const maxHeaderBytes = 64 * 1024;
/** Largest body message accepted from a peer: an answer of 8 MiB of bodies, or of one body up to the largest that travels. */
export const maxBodyMessageBytes = maxWireBodyBytes + maxHeaderBytes + 6;

const idSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 31));
const wantSchema = v.strictObject({ id: idSchema, hashes: hashListSchema });
const bodiesSchema = v.strictObject({
  id: idSchema,
  bodies: v.pipe(
    v.array(v.strictObject({ hash: bodyHashSchema, size: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(maxWireBodyBytes)) })),
    v.maxLength(maxHashesPerRequest),
  ),
});

export type BodyMessage = { t: 'bodies-want'; id: number; hashes: string[] } | { t: 'bodies'; id: number; bodies: { hash: string; bytes: Uint8Array }[] };

function frame(kind: number, header: unknown, payload: Uint8Array[] = []): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const size = 6 + json.length + payload.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(size);
  out[0] = messageBodies;
  out[1] = kind;
  new DataView(out.buffer).setUint32(2, json.length);
  out.set(json, 6);
  let at = 6 + json.length;
  for (const part of payload) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function encodeBodyMessage(message: BodyMessage): Uint8Array {
  if (message.t === 'bodies-want') return frame(kindWant, { id: message.id, hashes: message.hashes });
  return frame(
    kindBodies,
    { id: message.id, bodies: message.bodies.map((body) => ({ hash: body.hash, size: body.bytes.length })) },
    message.bodies.map((body) => body.bytes),
  );
}

/** A body message from a peer, or the reason it is refused (never its content). */
export function decodeBodyMessage(message: Uint8Array): { ok: true; message: BodyMessage } | { ok: false; reason: string } {
  if (message[0] !== messageBodies || message.length < 6) return { ok: false, reason: 'not a body message' };
  if (message.length > maxBodyMessageBytes) return { ok: false, reason: `body message too large (${message.length} bytes)` };
  const headerLength = new DataView(message.buffer, message.byteOffset, message.byteLength).getUint32(2);
  if (headerLength > maxHeaderBytes || 6 + headerLength > message.length) return { ok: false, reason: 'malformed body message header' };
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(message.subarray(6, 6 + headerLength)));
  } catch {
    return { ok: false, reason: 'undecodable body message' };
  }
  const payload = message.subarray(6 + headerLength);
  if (message[1] === kindWant) {
    const parsed = v.safeParse(wantSchema, header);
    if (!parsed.success) return { ok: false, reason: `malformed body message: ${parsed.issues[0].message}` };
    if (payload.length > 0) return { ok: false, reason: 'trailing bytes after a body request' };
    return { ok: true, message: { t: 'bodies-want', id: parsed.output.id, hashes: parsed.output.hashes } };
  }
  if (message[1] === kindBodies) {
    const parsed = v.safeParse(bodiesSchema, header);
    if (!parsed.success) return { ok: false, reason: `malformed body message: ${parsed.issues[0].message}` };
    if (parsed.output.bodies.reduce((sum, body) => sum + body.size, 0) !== payload.length) return { ok: false, reason: 'body sizes do not match the bytes sent' };
    let at = 0;
    const bodies = parsed.output.bodies.map(({ hash, size }) => {
      const bytes = payload.subarray(at, at + size);
      at += size;
      return { hash, bytes };
    });
    return { ok: true, message: { t: 'bodies', id: parsed.output.id, bodies } };
  }
  return { ok: false, reason: `unknown body message kind ${message[1]}` };
}

type Arrived = { hash: string; bytes: Uint8Array };

/** One connected peer: how to send it a message. */
export type PeerLink = (message: Uint8Array) => void;

export interface BodyExchangeOptions {
  /** The dossier's doc: only bodies its clips name are served. */
  doc: Y.Doc;
  /** Where bodies are read from and stored (the body store's blobs). */
  blobs: BlobStore;
  /** The peers connected now, asked one after another. */
  peers: () => PeerLink[];
  log: (line: string) => void;
  /** How long one peer has to answer. Default 15 s. */
  answerMs?: number;
}

export interface BodyExchange {
  /** A body message from a peer (`reply` answers that peer). */
  receive(message: Uint8Array, reply: PeerLink): Promise<void>;
  /** Ask the peers for bodies; resolves with the hashes that arrived true and were stored. */
  fetch(hashes: string[]): Promise<string[]>;
  destroy(): void;
}

export function createBodyExchange(options: BodyExchangeOptions): BodyExchange {
  const { blobs, log } = options;
  const answerMs = options.answerMs ?? 15_000;
  let nextId = 1;
  const waiting = new Map<number, { asked: Set<string>; done: (bodies: Arrived[]) => void }>();

  async function serve(id: number, hashes: string[], reply: PeerLink): Promise<void> {
    const named = bodyHashes(options.doc);
    const bodies: Arrived[] = [];
    let bytes = 0;
    for (const hash of new Set(hashes)) {
      if (!named.has(hash)) continue;
      const blob = await blobs.get(hash).catch(() => undefined);
      if (!blob || blob.type !== bodyType || blob.bytes.length > maxWireBodyBytes) continue;
      if (bodies.length > 0 && bytes + blob.bytes.length > maxAnswerBytes) break;
      bytes += blob.bytes.length;
      bodies.push({ hash, bytes: blob.bytes });
    }
    reply(encodeBodyMessage({ t: 'bodies', id, bodies }));
  }

  function ask(peer: PeerLink, hashes: string[]): Promise<Arrived[]> {
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish([]), answerMs);
      const finish = (bodies: Arrived[]) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(bodies);
      };
      waiting.set(id, { asked: new Set(hashes), done: finish });
      try {
        peer(encodeBodyMessage({ t: 'bodies-want', id, hashes }));
      } catch {
        finish([]);
      }
    });
  }

  async function keep(bodies: Arrived[], asked: Set<string>, stored: Set<string>): Promise<void> {
    for (const body of bodies) {
      if (!asked.has(body.hash) || stored.has(body.hash)) continue;
      // A copy: the view into the message would keep the whole answer alive.
      const bytes = body.bytes.slice();
      if (!(await checkArrivedBytes(body.hash, bytes))) {
        log('refused a body from a peer: its bytes do not match its hash');
        continue;
      }
      try {
        await blobs.put(bytes, bodyType, body.hash);
        stored.add(body.hash);
      } catch (error) {
        log(`a body from a peer could not be kept: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  return {
    async receive(message, reply) {
      const decoded = decodeBodyMessage(message);
      if (!decoded.ok) return log(`dropped a body message from a peer: ${decoded.reason}`);
      const body = decoded.message;
      if (body.t === 'bodies-want') return serve(body.id, body.hashes, reply);
      const asked = waiting.get(body.id);
      if (!asked) return log('dropped bodies nobody asked for');
      asked.done(body.bodies);
    },
    async fetch(hashes) {
      const stored = new Set<string>();
      for (let i = 0; i < hashes.length; i += 200) {
        let wanted = [...new Set(hashes.slice(i, i + 200))];
        for (const peer of options.peers()) {
          if (wanted.length === 0) break;
          const asked = new Set(wanted);
          await keep(await ask(peer, wanted), asked, stored);
          wanted = wanted.filter((hash) => !stored.has(hash));
        }
      }
      return hashes.filter((hash) => stored.has(hash));
    },
    destroy() {
      for (const { done } of [...waiting.values()]) done([]);
    },
  };
}
