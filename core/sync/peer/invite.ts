// Invite links for shared dossiers: a random secret that travels only in the URL fragment,
// and the y-webrtc room name and password derived from it (HKDF-SHA-256, WebCrypto).
//
// The fragment is never sent to a server (not in requests, not in Referer). The room name
// is a one-way derivation, so the signalling server learns a random-looking topic and
// nothing of the secret; the password feeds y-webrtc's AES-GCM encryption of signalling
// and BroadcastChannel traffic. A new secret (rotation) gives a new room: old links then
// reach nobody.
import * as v from 'valibot';
import { KnipselError } from '../../errors.js';
import { idSchema } from '../../dossier/schema.js';

/** Bytes of randomness in an invite secret. */
export const secretBytes = 32;
/** Invite links this code writes; older/newer ones are refused with a clear error. */
export const inviteVersion = 1;

const hkdfSalt = 'knipsel/peer/v1';
const roomInfo = 'knipsel/peer/room-name/v1';
const passwordInfo = 'knipsel/peer/room-password/v1';
const joinPrefix = '#/join/';
/** Longest encoded invite payload accepted (a name of 200 characters fits easily). */
const maxPayloadChars = 4096;

export interface InviteDetails {
  /** The invite secret (base64url, ≥ 32 random bytes). */
  secret: string;
  /** Id of the shared dossier, so a replica that already has it opens it instead of a copy. */
  dossierId: string;
  /** Name shown on the join screen before anything has synced. */
  dossierName: string;
  /** Display name of who shared it. */
  sharedBy: string;
}

export interface DerivedRoom {
  /** `knipsel-<32 hex>`: the signalling topic; reveals nothing of the secret. */
  roomName: string;
  /** The y-webrtc password (base64url of 32 derived bytes). */
  password: string;
}

const base64url = /^[A-Za-z0-9_-]+$/;

export const secretSchema = v.pipe(
  v.string(),
  v.minLength(43, 'secret is too short'), // 32 bytes
  v.maxLength(128, 'secret is too long'),
  v.regex(base64url, 'secret must be base64url'),
);

const payloadSchema = v.strictObject({
  v: v.literal(inviteVersion),
  s: secretSchema,
  d: idSchema,
  n: v.pipe(v.string(), v.trim(), v.minLength(1, 'dossier name is empty'), v.maxLength(200)),
  by: v.pipe(v.string(), v.trim(), v.maxLength(60)),
});

export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Throws on anything that is not base64url. */
export function base64urlToBytes(text: string): Uint8Array {
  if (!base64url.test(text)) throw new Error('not base64url');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A fresh invite secret: 32 random bytes, base64url (43 characters). */
export function createInviteSecret(): string {
  const bytes = new Uint8Array(secretBytes);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToBase64url(bytes);
}

function checkSecret(secret: string): Uint8Array {
  const result = v.safeParse(secretSchema, secret);
  if (!result.success) {
    throw new KnipselError('invalid-input', `Invalid invite secret: ${result.issues[0].message}.`, { reason: 'invalid-secret' });
  }
  const bytes = base64urlToBytes(secret);
  if (bytes.length < secretBytes) throw new KnipselError('invalid-input', 'Invalid invite secret: too short.', { reason: 'invalid-secret' });
  return bytes;
}

/**
 * Room name and password for a secret. Deterministic per secret; two HKDF outputs with
 * distinct `info` strings, so knowing the room name tells nothing about the password.
 */
export async function deriveRoom(secret: string): Promise<DerivedRoom> {
  const ikm = checkSecret(secret);
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', ikm as BufferSource, 'HKDF', false, ['deriveBits']);
  const derive = async (info: string, bytes: number) =>
    new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode(hkdfSalt), info: new TextEncoder().encode(info) }, key, bytes * 8));
  const [room, password] = await Promise.all([derive(roomInfo, 16), derive(passwordInfo, 32)]);
  const hex = [...room].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return { roomName: `knipsel-${hex}`, password: bytesToBase64url(password) };
}

/** `appUrl` with `#/join/<payload>`; any fragment already on `appUrl` is replaced. */
export function makeInviteLink(appUrl: string, details: InviteDetails): string {
  const payload = v.safeParse(payloadSchema, {
    v: inviteVersion,
    s: details.secret,
    d: details.dossierId,
    n: details.dossierName,
    by: details.sharedBy,
  });
  if (!payload.success) {
    const issue = payload.issues[0];
    throw new KnipselError('invalid-input', `Cannot make an invite link: ${fieldOf(issue)} ${issue.message}.`, {
      reason: 'invalid-field',
    });
  }
  let base: URL;
  try {
    base = new URL(appUrl);
  } catch {
    throw new KnipselError('invalid-input', `Cannot make an invite link: "${appUrl}" is not a URL.`, { reason: 'invalid-app-url' });
  }
  base.hash = '';
  const json = new TextEncoder().encode(JSON.stringify(payload.output));
  return `${base.href.replace(/#$/, '')}${joinPrefix}${bytesToBase64url(json)}`;
}

function damaged(reason: string, message: string): KnipselError {
  return new KnipselError('invalid-input', message, { reason });
}

function fieldOf(issue: v.BaseIssue<unknown>): string {
  const key = issue.path?.map((item) => String(item.key)).join('.');
  const names: Record<string, string> = { s: 'secret', d: 'dossier id', n: 'dossier name', by: 'shared by', v: 'version' };
  return key ? (names[key] ?? key) : 'invite';
}

/**
 * Read an invite link: a full URL, or just its fragment (`#/join/…`). Throws a KnipselError
 * 'invalid-input' with `details.reason` ('not-an-invite' | 'damaged' | 'unsupported-version'
 * | 'invalid-field') for anything else; the UI can map reasons to its own words.
 */
export function parseInviteLink(urlOrFragment: string): InviteDetails {
  if (typeof urlOrFragment !== 'string') throw damaged('not-an-invite', 'This is not a Knipsel invite link.');
  const text = urlOrFragment.trim();
  const at = text.indexOf(joinPrefix);
  if (at === -1) throw damaged('not-an-invite', 'This is not a Knipsel invite link (no #/join/ part).');
  const encoded = text.slice(at + joinPrefix.length);
  if (encoded.length === 0) throw damaged('damaged', 'The invite link is incomplete: the part after #/join/ is missing.');
  if (encoded.length > maxPayloadChars) throw damaged('damaged', 'The invite link is too long to be a Knipsel invite.');
  if (!base64url.test(encoded)) throw damaged('damaged', 'The invite link is damaged: it contains characters that do not belong in it.');
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64urlToBytes(encoded)));
  } catch {
    throw damaged('damaged', 'The invite link is damaged or incomplete (was it cut off when copied?).');
  }
  if (typeof data === 'object' && data !== null && 'v' in data && (data as { v: unknown }).v !== inviteVersion) {
    throw damaged('unsupported-version', 'This invite link was made by another version of Knipsel and cannot be read here.');
  }
  const result = v.safeParse(payloadSchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    throw damaged('invalid-field', `The invite link is damaged: ${fieldOf(issue)} ${issue.message}.`);
  }
  const { s, d, n, by } = result.output;
  return { secret: s, dossierId: d, dossierName: n, sharedBy: by };
}
