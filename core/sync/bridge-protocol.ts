// The wire format of the extension ↔ web app bridge: versioned frames in an envelope,
// checked against one schema with size limits before anything reads them. Used by the web
// app (window.postMessage), the content script relay and the extension background (port).
import * as v from 'valibot';

export const bridgeProtocolVersion = 1;
/** Largest frame accepted, in characters of its JSON (base64 payloads included). */
export const maxFrameChars = 48 * 1024 * 1024;
/** Marker that tells bridge envelopes from any other message on the page. */
export const bridgeTag = 'knipsel-bridge';

export type BridgeRole = 'app' | 'extension';

const nonce = v.pipe(v.string(), v.regex(/^[0-9a-z]{16,64}$/));
const session = v.pipe(v.string(), v.maxLength(140), v.regex(/^[0-9a-z.]+$/));
const dossierId = v.pipe(v.string(), v.minLength(1), v.maxLength(128), v.regex(/^[\w:.-]+$/));
const role = v.picklist(['app', 'extension']);

const dossierEntry = v.object({
  id: dossierId,
  name: v.pipe(v.string(), v.maxLength(200)),
  kind: v.picklist(['personal', 'shared']),
});

export const frameSchema = v.variant('t', [
  v.object({ t: v.literal('hello'), v: v.pipe(v.number(), v.integer()), nonce, role }),
  v.object({ t: v.literal('welcome'), v: v.pipe(v.number(), v.integer()), nonce, peerNonce: nonce, role }),
  v.object({
    t: v.literal('mismatch'),
    v: v.pipe(v.number(), v.integer()),
    peerVersion: v.pipe(v.number(), v.integer()),
    role,
  }),
  v.object({
    t: v.literal('dossiers'),
    session,
    list: v.pipe(v.array(dossierEntry), v.maxLength(1000)),
    deleted: v.pipe(v.array(dossierId), v.maxLength(10_000)),
    personalId: v.nullable(dossierId),
    personalLinked: v.boolean(),
  }),
  v.object({
    t: v.literal('sync'),
    session,
    dossierId,
    data: v.pipe(v.string(), v.minLength(2), v.regex(/^[A-Za-z0-9+/]+={0,2}$/)),
  }),
  v.object({ t: v.literal('bye'), session }),
]);

export type BridgeFrame = v.InferOutput<typeof frameSchema>;

export const envelopeSchema = v.object({
  tag: v.literal(bridgeTag),
  from: role,
  frame: v.unknown(),
});

export interface Envelope {
  tag: typeof bridgeTag;
  from: BridgeRole;
  frame: BridgeFrame;
}

export type CheckResult = { ok: true; envelope: Envelope } | { ok: false; reason: string };

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

export function envelope(from: BridgeRole, frame: BridgeFrame): Envelope {
  return { tag: bridgeTag, from, frame };
}
