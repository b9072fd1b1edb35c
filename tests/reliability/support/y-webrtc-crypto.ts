// y-webrtc's own signalling encryption (PBKDF2 → AES-GCM), which its package exports do not
// expose: loaded from its source file so the tests use exactly what the peers use.
//
// y-webrtc's `decrypt` creates a rejected promise for a frame whose algorithm tag is not
// 'AES-GCM', drops it (an unhandled rejection no caller can catch) and then tries AES-GCM
// anyway. `decryptJson` here does the same for such a frame minus the dropped promise, and
// hands every other frame to y-webrtc's unchanged: the same frames open as in a peer.
import * as decoding from 'lib0/decoding';
import type * as CryptoModule from '../../../node_modules/y-webrtc/dist/src/crypto.js';
// @ts-ignore -- plain JS without declarations; typed through the import above.
import * as source from '../../../node_modules/y-webrtc/src/crypto.js';

const yWebrtc = source as typeof CryptoModule;

export const { deriveKey, encryptJson } = yWebrtc;

export async function decryptJson(data: Uint8Array, key: CryptoKey): Promise<any> {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarString(decoder) === 'AES-GCM') return yWebrtc.decryptJson(data, key);
  const iv = decoding.readVarUint8Array(decoder);
  const cipher = decoding.readVarUint8Array(decoder);
  const plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource }, key, cipher as BufferSource);
  return decoding.readAny(decoding.createDecoder(new Uint8Array(plain)));
}
