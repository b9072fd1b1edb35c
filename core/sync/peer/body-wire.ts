// What bodies look like in transit between peers and to and from the relay: hashes asked
// for, and bodies as { hash, data (base64) }. Shared by the peer exchange, the relay's body
// endpoints and the relay client, so all three check the same way: every message is
// schema-checked and bounded, and a body is kept only when its bytes hash to its name and
// decode as a body (a peer or a relay cannot hand over another body under a hash it names).
import * as v from 'valibot';
import { fromBase64 } from '../base64.js';
import { isBlobHash, sha256Hex } from '../../storage/blob-store.js';
import { decodeBody } from '../../storage/body-store.js';

/** Hashes one request may name. */
export const maxHashesPerRequest = 200;
/** Bytes of bodies one answer carries at most (before base64); the rest is asked for again. */
export const maxAnswerBytes = 8 * 1024 * 1024;
/** The largest body that travels (its encoding; the body store's three fields stay well under). */
export const maxWireBodyBytes = 24 * 1024 * 1024;

export const bodyHashSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'a body hash: 64 lowercase hex digits'));
export const hashListSchema = v.pipe(v.array(bodyHashSchema), v.maxLength(maxHashesPerRequest, `at most ${maxHashesPerRequest} hashes`));
export const wireBodySchema = v.strictObject({
  hash: bodyHashSchema,
  data: v.pipe(v.string(), v.maxLength(Math.ceil(maxWireBodyBytes / 3) * 4 + 4, 'body too large')),
});
export const wireBodiesSchema = v.pipe(v.array(wireBodySchema), v.maxLength(maxHashesPerRequest, `at most ${maxHashesPerRequest} bodies`));

export type WireBody = v.InferOutput<typeof wireBodySchema>;

/**
 * The bytes of a body that arrived, when they are true to the hash they came under and
 * decode as a body; undefined otherwise (a forged, substituted or damaged body).
 */
export async function checkArrivedBody(body: WireBody): Promise<Uint8Array | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(body.data);
  } catch {
    return undefined;
  }
  return (await checkArrivedBytes(body.hash, bytes)) ? bytes : undefined;
}

/** True when `bytes` hash to `hash` and decode as a body (what arrived in binary, between peers). */
export async function checkArrivedBytes(hash: string, bytes: Uint8Array): Promise<boolean> {
  if (!isBlobHash(hash) || bytes.length > maxWireBodyBytes) return false;
  if ((await sha256Hex(bytes)) !== hash) return false;
  return decodeBody(bytes) !== undefined;
}
