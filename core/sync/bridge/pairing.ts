// The cryptography of pairing the extension with the web app (WebCrypto only: pages,
// extension workers and Node alike). Pairing is an ECDH P-256 exchange over the bridge; HKDF
// turns the shared secret (salted with both nonces and both public keys) into a 32-byte pair
// key and a six-digit code that both sides show: the user confirms in the extension that
// the codes match. Later sessions prove possession of the key with HMAC-SHA-256 over both
// handshake nonces, a label per direction and the app's origin, so a proof can be neither
// replayed into another session nor reflected back to its sender.
import { fromBase64, toBase64 } from '../base64.js';

/** Why a pairing cannot happen here: WebCrypto needs a secure context (https or this computer). */
export function pairingUnavailable(): string | null {
  return globalThis.crypto?.subtle ? null : 'WebCrypto is not available (the page is not a secure context)';
}

const subtle = () => globalThis.crypto.subtle;
const utf8 = (text: string) => new TextEncoder().encode(text);
const curve = { name: 'ECDH', namedCurve: 'P-256' } as const;
const salt = utf8('knipsel-bridge pairing 2');

export interface PairingKeys {
  privateKey: CryptoKey;
  /** The raw public key, base64 (what travels). */
  publicKey: string;
}

export async function createPairingKeys(): Promise<PairingKeys> {
  const pair = (await subtle().generateKey(curve, false, ['deriveBits'])) as CryptoKeyPair;
  const raw = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64(raw) };
}

export interface PairingContext {
  appNonce: string;
  extensionNonce: string;
  appKey: string;
  extensionKey: string;
}

export interface DerivedPairing {
  /** The pair key (32 bytes). */
  key: Uint8Array;
  /** Six digits, shown as "123 456" on both sides. */
  code: string;
}

/** Both sides derive the same key and code from their private key and the other's public key. */
export async function derivePairing(mine: PairingKeys, peerPublicKey: string, context: PairingContext): Promise<DerivedPairing> {
  const peer = await subtle().importKey('raw', fromBase64(peerPublicKey) as Uint8Array<ArrayBuffer>, curve, false, []);
  const shared = await subtle().deriveBits({ name: 'ECDH', public: peer }, mine.privateKey, 256);
  const material = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveBits']);
  const info = utf8([context.appNonce, context.extensionNonce, context.appKey, context.extensionKey].join('\n'));
  const bits = new Uint8Array(await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, material, 256 + 64));
  const key = bits.slice(0, 32);
  let number = 0n;
  for (const byte of bits.slice(32, 40)) number = (number << 8n) | BigInt(byte);
  const digits = String(number % 1_000_000n).padStart(6, '0');
  return { key, code: `${digits.slice(0, 3)} ${digits.slice(3)}` };
}

export type ProofLabel = 'welcome' | 'auth' | 'paired';

function hmacKey(key: Uint8Array, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return subtle().importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

function proofMessage(label: ProofLabel, parts: readonly string[]): Uint8Array<ArrayBuffer> {
  return utf8(['knipsel-bridge', label, ...parts].join('\n')) as Uint8Array<ArrayBuffer>;
}

/** HMAC-SHA-256 of a label and the session's parts, hex. */
export async function createProof(key: Uint8Array, label: ProofLabel, parts: readonly string[]): Promise<string> {
  const mac = new Uint8Array(await subtle().sign('HMAC', await hmacKey(key, 'sign'), proofMessage(label, parts)));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Checks a proof in constant time (WebCrypto's verify). */
export async function verifyProof(key: Uint8Array, label: ProofLabel, parts: readonly string[], proof: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(proof)) return false;
  const mac = new Uint8Array(32);
  for (let i = 0; i < 32; i++) mac[i] = parseInt(proof.slice(i * 2, i * 2 + 2), 16);
  return subtle().verify('HMAC', await hmacKey(key, 'verify'), mac, proofMessage(label, parts));
}

/** A confirmed pairing as each side keeps it. */
export interface StoredPair {
  id: string;
  /** The pair key, base64. */
  key: string;
  /** The web app origin the pairing was made on. */
  origin: string;
  pairedAt: number;
}

export const encodePairKey = (key: Uint8Array) => toBase64(key);
export function decodePairKey(text: string): Uint8Array | null {
  try {
    const key = fromBase64(text);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
}

/** Where a side keeps its pairing(s) (see PairStore in session.ts). */
export interface PairStoreLike {
  get(id: string | null): Promise<StoredPair | null>;
  save(pair: StoredPair): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Pairings in memory (tests); `get(null)` is the one saved last. */
export function createMemoryPairStore(initial: StoredPair[] = []): PairStoreLike & { all(): StoredPair[] } {
  let pairs = [...initial];
  return {
    get: async (id) => (id === null ? (pairs.at(-1) ?? null) : (pairs.find((p) => p.id === id) ?? null)),
    save: async (pair) => void (pairs = [...pairs.filter((p) => p.origin !== pair.origin), pair]),
    remove: async (id) => void (pairs = pairs.filter((p) => p.id !== id)),
    all: () => [...pairs],
  };
}

/** The web app's one pairing, kept in a local-only preference of its library (never in a dossier or backup). */
export function createPrefPairStore(
  prefs: { getPref<T>(key: string): Promise<T | undefined>; setPref(key: string, value: unknown): Promise<void> },
  key = 'bridgePair',
): PairStoreLike {
  const read = async () => {
    const stored = await prefs.getPref<StoredPair | null>(key);
    return stored && typeof stored === 'object' && typeof stored.id === 'string' && typeof stored.key === 'string' ? stored : null;
  };
  return {
    async get(id) {
      const pair = await read();
      return pair && (id === null || pair.id === id) ? pair : null;
    },
    save: (pair) => prefs.setPref(key, pair),
    async remove(id) {
      if ((await read())?.id === id) await prefs.setPref(key, null);
    },
  };
}
