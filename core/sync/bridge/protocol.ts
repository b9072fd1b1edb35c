// The wire format of the extension ↔ web app bridge: versioned frames in an envelope,
// checked against one schema with size limits before anything reads them. Used by the web
// app (window.postMessage), the content script relay and the extension background (port).
//
// Version 2 adds pairing: nothing about dossiers flows before both sides have proved that
// they hold the key of a pairing the user confirmed (see session.ts and
// pairing.ts).
import * as v from 'valibot';

export const bridgeProtocolVersion = 2;
/** Largest frame accepted, in characters of its JSON (base64 payloads included). */
export const maxFrameChars = 48 * 1024 * 1024;
/** Marker that tells bridge envelopes from any other message on the page. */
export const bridgeTag = 'knipsel-bridge';

export type BridgeRole = 'app' | 'extension';

const version = v.pipe(v.number(), v.integer());
const nonce = v.pipe(v.string(), v.regex(/^[0-9a-z]{16,64}$/));
const session = v.pipe(v.string(), v.maxLength(140), v.regex(/^[0-9a-z.]+$/));
const dossierId = v.pipe(v.string(), v.minLength(1), v.maxLength(128), v.regex(/^[\w:.-]+$/));
const role = v.picklist(['app', 'extension']);
/** Names a pairing (public; the key never travels after the pairing itself). */
export const pairIdSchema = v.pipe(v.string(), v.regex(/^[0-9a-z]{16,64}$/));
/** HMAC-SHA-256, hex. */
const proof = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
/** An ECDH P-256 public key, raw (65 bytes), base64. */
const publicKey = v.pipe(v.string(), v.maxLength(120), v.regex(/^[A-Za-z0-9+/]+={0,2}$/));

const sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
/** A kept file in a 'file' frame: base64 of at most the kept-file limit (20 MB). */
const maxFileChars = Math.ceil((20 * 1024 * 1024) / 3) * 4;

const dossierEntry = v.object({
  id: dossierId,
  name: v.pipe(v.string(), v.maxLength(200)),
  kind: v.picklist(['personal', 'shared']),
});

export const frameSchema = v.variant('t', [
  // The app asks for a session, naming the pairing it holds (null: none).
  v.object({ t: v.literal('hello'), v: version, nonce, role, pair: v.optional(v.nullable(pairIdSchema), null) }),
  // The extension knows that pairing: its nonce and its proof of the key.
  v.object({ t: v.literal('welcome'), v: version, nonce, peerNonce: nonce, role, pair: pairIdSchema, proof }),
  // The extension does not know the pairing named in hello (or the app's proof was wrong).
  v.object({ t: v.literal('unpaired'), v: version, nonce, role }),
  // The app's proof of the key for this session; the extension answers 'ready'.
  v.object({ t: v.literal('auth'), session, proof }),
  v.object({ t: v.literal('ready'), session }),
  v.object({ t: v.literal('mismatch'), v: version, peerVersion: version, role }),
  // Pairing: ECDH public keys both ways; the user confirms the code in the extension.
  v.object({ t: v.literal('pair-request'), v: version, nonce, role, key: publicKey }),
  v.object({ t: v.literal('pair-offer'), nonce, peerNonce: nonce, role, key: publicKey }),
  v.object({ t: v.literal('pair-done'), nonce, pair: pairIdSchema, proof }),
  v.object({ t: v.literal('pair-refused'), nonce, reason: v.picklist(['declined', 'expired', 'busy']) }),
  // Either side forgets the pairing of this session.
  v.object({ t: v.literal('unpair'), session }),
  v.object({
    t: v.literal('dossiers'),
    session,
    list: v.pipe(v.array(dossierEntry), v.maxLength(1000)),
    deleted: v.pipe(v.array(dossierId), v.maxLength(10_000)),
    personalId: v.nullable(dossierId),
    personalLinked: v.boolean(),
    /** Dossier ids this side retired in favour of another (its first personal dossier, after linking). */
    aliases: v.pipe(v.array(v.object({ from: dossierId, to: dossierId })), v.maxLength(100)),
  }),
  v.object({
    t: v.literal('sync'),
    session,
    dossierId,
    data: v.pipe(v.string(), v.minLength(2), v.regex(/^[A-Za-z0-9+/]+={0,2}$/)),
  }),
  // Files kept with clips (a page's images), by hash: the app asks for the ones it lacks,
  // the other side answers with each it has (checked against its hash on arrival).
  v.object({ t: v.literal('files-want'), session, hashes: v.pipe(v.array(sha256), v.minLength(1), v.maxLength(100)) }),
  v.object({
    t: v.literal('file'),
    session,
    sha256,
    type: v.pipe(v.string(), v.maxLength(200)),
    data: v.pipe(v.string(), v.maxLength(maxFileChars), v.regex(/^[A-Za-z0-9+/]*={0,2}$/)),
  }),
  v.object({ t: v.literal('bye'), session }),
]);

export type BridgeFrame = v.InferOutput<typeof frameSchema>;
/** A frame as it is sent (optional fields may be left out). */
export type BridgeFrameInput = v.InferInput<typeof frameSchema>;

export const envelopeSchema = v.object({
  tag: v.literal(bridgeTag),
  from: role,
  frame: v.unknown(),
});

export interface Envelope {
  tag: typeof bridgeTag;
  from: BridgeRole;
  frame: BridgeFrameInput;
}

export interface CheckedEnvelope {
  tag: typeof bridgeTag;
  from: BridgeRole;
  frame: BridgeFrame;
}

export type CheckResult = { ok: true; envelope: CheckedEnvelope } | { ok: false; reason: string };

/**
 * Check a message that claims to be a bridge envelope. `null` reason-free result means the
 * message is simply not for the bridge (other page traffic) and should be ignored silently.
 */
export function checkEnvelope(message: unknown): CheckResult | null {
  if (typeof message !== 'object' || message === null || (message as { tag?: unknown }).tag !== bridgeTag) return null;
  let size: number;
  try {
    size = JSON.stringify(message).length;
  } catch {
    return { ok: false, reason: 'frame is not serialisable' };
  }
  if (size > maxFrameChars) return { ok: false, reason: `frame too large (${size} characters)` };
  const envelope = v.safeParse(envelopeSchema, message);
  if (!envelope.success) return { ok: false, reason: 'malformed envelope' };
  const frame = v.safeParse(frameSchema, envelope.output.frame);
  if (!frame.success) {
    const t = (envelope.output.frame as { t?: unknown } | null)?.t;
    return { ok: false, reason: `malformed frame${typeof t === 'string' ? ` '${t.slice(0, 20)}'` : ''}: ${frame.issues[0]?.message ?? ''}` };
  }
  return { ok: true, envelope: { tag: bridgeTag, from: envelope.output.from, frame: frame.output } };
}

export function envelope(from: BridgeRole, frame: BridgeFrameInput): Envelope {
  return { tag: bridgeTag, from, frame };
}
