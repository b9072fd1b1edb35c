// y-webrtc's own signalling encryption (PBKDF2 → AES-GCM), which its package exports do not
// expose: loaded from its source file so the tests use exactly what the peers use.
import type * as CryptoModule from '../../../node_modules/y-webrtc/dist/src/crypto.js';
// @ts-ignore -- plain JS without declarations; typed through the import above.
import * as source from '../../../node_modules/y-webrtc/src/crypto.js';

export const { deriveKey, encryptJson, decryptJson } = source as typeof CryptoModule;
