// Bodies between peers: after the doc has synced, a peer asks the others for the bodies it
// lacks ('bodies-want', at most 200 hashes) and each answers with the bodies it has
// ('bodies', at most 8 MiB a message; what did not fit is asked for again). Messages travel
// on the peer's data channel (chunked and compressed like sync messages) as one byte
// `messageBodies` and JSON, checked against a schema before use.
//
// What is served: only bodies that clips of this dossier's doc name — a peer that guesses
// the hash of another dossier's body gets nothing, although the body store holds it. What
// is kept: only bodies asked for, true to their hash (body-wire.ts); a forged or
// substituted body is refused and the next peer is asked.
import * as v from 'valibot';
import type * as Y from 'yjs';
import { toBase64 } from '../base64.js';
import { bodyHashes } from '../../dossier/body-migration.js';
import { bodyType } from '../../storage/body-store.js';
import type { BlobStore } from '../../storage/blob-store.js';
import { checkArrivedBody, hashListSchema, maxAnswerBytes, maxWireBodyBytes, wireBodiesSchema, type WireBody } from './body-wire.js';

/** The first byte of a body message on the data channel (y-webrtc's own are 0–4, frames 75–76). */
export const messageBodies = 90;
/** Largest body message accepted from a peer: an answer of 8 MiB of bodies, or of one body up to the largest that travels, in base64 and JSON. */
export const maxBodyMessageBytes = Math.ceil(maxWireBodyBytes / 3) * 4 + 64 * 1024;

const idSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 31));
const bodyMessageSchema = v.variant('t', [
  v.strictObject({ t: v.literal('bodies-want'), id: idSchema, hashes: hashListSchema }),
  v.strictObject({ t: v.literal('bodies'), id: idSchema, bodies: wireBodiesSchema }),
]);
export type BodyMessage = v.InferOutput<typeof bodyMessageSchema>;

export function encodeBodyMessage(message: BodyMessage): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(message));
  const out = new Uint8Array(json.length + 1);
  out[0] = messageBodies;
  out.set(json, 1);
  return out;
}

/** A body message from a peer, or the reason it is refused (never its content). */
export function decodeBodyMessage(message: Uint8Array): { ok: true; message: BodyMessage } | { ok: false; reason: string } {
  if (message[0] !== messageBodies) return { ok: false, reason: 'not a body message' };
  if (message.length > maxBodyMessageBytes) return { ok: false, reason: `body message too large (${message.length} bytes)` };
  try {
    const parsed = v.safeParse(bodyMessageSchema, JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(message.subarray(1))));
    return parsed.success ? { ok: true, message: parsed.output } : { ok: false, reason: `malformed body message: ${parsed.issues[0].message}` };
  } catch {
    return { ok: false, reason: 'undecodable body message' };
  }
}

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
  const waiting = new Map<number, { asked: Set<string>; done: (bodies: WireBody[]) => void }>();

  async function serve(id: number, hashes: string[], reply: PeerLink): Promise<void> {
    const named = bodyHashes(options.doc);
    const bodies: WireBody[] = [];
    let bytes = 0;
    for (const hash of new Set(hashes)) {
      if (!named.has(hash)) continue;
      const blob = await blobs.get(hash).catch(() => undefined);
      if (!blob || blob.bytes.length > maxWireBodyBytes) continue;
      if (bodies.length > 0 && bytes + blob.bytes.length > maxAnswerBytes) break;
      bytes += blob.bytes.length;
      bodies.push({ hash, data: toBase64(blob.bytes) });
    }
    reply(encodeBodyMessage({ t: 'bodies', id, bodies }));
  }

  function ask(peer: PeerLink, hashes: string[]): Promise<WireBody[]> {
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish([]), answerMs);
      const finish = (bodies: WireBody[]) => {
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

  async function keep(bodies: WireBody[], asked: Set<string>, stored: Set<string>): Promise<void> {
    for (const body of bodies) {
      if (!asked.has(body.hash) || stored.has(body.hash)) continue;
      const bytes = await checkArrivedBody(body);
      if (!bytes) {
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
