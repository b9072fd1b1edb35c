// The frame layout both large-message formats share (chunking.ts: plain chunks, type 75;
// deflate-frames.ts: compressed streams, type 76): varUint type, varUint streamId, varUint
// index, varUint field (the chunk count, or the final flag), varUint8Array part.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The largest message a joiner puts back together (chunked or inflated) unless told otherwise. */
export const maxJoinedBytes = 64 * 1024 * 1024;

/** Payload bytes per frame; far below every browser's data-channel limit. */
export const framePartBytes = 64 * 1024;

export interface StreamFrame {
  id: number;
  index: number;
  /** The chunk count (chunk frames) or 1 on the last frame (compressed frames). */
  field: number;
  part: Uint8Array;
}

export function encodeStreamFrame(type: number, frame: StreamFrame): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, frame.id);
  encoding.writeVarUint(encoder, frame.index);
  encoding.writeVarUint(encoder, frame.field);
  encoding.writeVarUint8Array(encoder, frame.part);
  return encoding.toUint8Array(encoder);
}

/** The frame, or null when `message` is not exactly one well-formed frame of `type`. */
export function decodeStreamFrame(type: number, message: Uint8Array): StreamFrame | null {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== type) return null;
    const frame = { id: decoding.readVarUint(decoder), index: decoding.readVarUint(decoder), field: decoding.readVarUint(decoder), part: decoding.readVarUint8Array(decoder) };
    return decoding.hasContent(decoder) ? null : frame;
  } catch {
    return null;
  }
}

/** The parts as one array (the part itself when there is one). */
export function concatParts(parts: Uint8Array[], total = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  if (parts.length === 1) return parts[0];
  const whole = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}
