// Compressed streams of frames for large peer messages. A dossier's first sync is tens of
// megabytes of mostly clipped text, and the data channel, not the CPU, is what limits it
// (22 MB took ~2.5 s; deflate makes it ~6× smaller in ~0.4 s). The sender compresses
// (CompressionStream 'deflate-raw', native) while the frames already made go out; the
// receiver inflates while frames still arrive. Output is capped: a peer cannot make us
// inflate more than `maxJoinedBytes` (a deflate bomb is refused, not expanded).
//
// Frame: varUint 76, varUint streamId, varUint index, varUint final (0|1), varUint8Array part.
import { concatParts, decodeStreamFrame, encodeStreamFrame, framePartBytes, maxJoinedBytes } from './stream-frames.js';

/** Frame type of a compressed stream; y-webrtc uses 0, 1, 3 and 4, chunking.ts 75. */
export const messageDeflated = 76;
/** Messages from this size on are sent compressed (smaller ones are not worth a stream). */
export const deflateAboveBytes = 256 * 1024;
/** Uncompressed input handed to the compressor at a time. */
const inputSliceBytes = 1024 * 1024;

export function isDeflateFrame(message: Uint8Array): boolean {
  return message.length > 0 && message[0] === messageDeflated;
}

/** True where the browser (or Node) has native deflate streams. */
export function canDeflate(): boolean {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}

function frame(streamId: number, index: number, final: boolean, part: Uint8Array): Uint8Array {
  return encodeStreamFrame(messageDeflated, { id: streamId, index, field: final ? 1 : 0, part });
}

/**
 * Compress `message` into frames, handing each to `onFrame` as soon as it is full (the last
 * one has `final` set). Resolves when the last frame is handed over.
 */
export async function deflateToFrames(message: Uint8Array, streamId: number, onFrame: (frame: Uint8Array) => void): Promise<void> {
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const feeding = (async () => {
    for (let at = 0; at < message.length; at += inputSliceBytes) {
      await writer.write(message.subarray(at, at + inputSliceBytes) as Uint8Array<ArrayBuffer>);
    }
    await writer.close();
  })();
  const reader = stream.readable.getReader();
  let index = 0;
  let parts: Uint8Array[] = [];
  let held = 0;
  /** Send every full frame held (and, when `final`, the rest as the last frame). */
  const emit = (final: boolean) => {
    const whole = concatParts(parts, held);
    let at = 0;
    for (; whole.length - at >= framePartBytes && !(final && whole.length - at === framePartBytes); at += framePartBytes) {
      onFrame(frame(streamId, index++, false, whole.subarray(at, at + framePartBytes)));
    }
    const rest = whole.subarray(at);
    if (final) {
      onFrame(frame(streamId, index++, true, rest));
      parts = [];
      held = 0;
    } else {
      parts = rest.length > 0 ? [rest.slice()] : [];
      held = rest.length;
    }
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
    held += value.length;
    if (held >= framePartBytes) emit(false);
  }
  await feeding;
  emit(true);
}

export type InflateResult = { done: Promise<Uint8Array> } | { pending: true } | { rejected: string };

/**
 * Receives compressed streams from one ordered channel: frames must come in order, one
 * stream at a time. A stream's message resolves after its final frame; it rejects when the
 * data does not inflate or would exceed `maxBytes`.
 */
export function createInflateJoiner(maxBytes = maxJoinedBytes) {
  let current: { id: number; next: number; writer: WritableStreamDefaultWriter<BufferSource>; done: Promise<Uint8Array>; received: number } | null = null;

  const abandon = () => {
    current?.writer.abort().catch(() => undefined);
    current = null;
  };

  const start = (id: number) => {
    const stream = new DecompressionStream('deflate-raw');
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    const done = (async () => {
      const parts: Uint8Array[] = [];
      let total = 0;
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        total += value.length;
        if (total > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new Error('inflated message too large');
        }
        parts.push(value);
      }
      return concatParts(parts, total);
    })();
    done.catch(() => undefined); // reported through the result handed out at the final frame
    current = { id, next: 0, writer, done, received: 0 };
    return current;
  };

  return {
    push(message: Uint8Array): InflateResult {
      if (!isDeflateFrame(message)) return { rejected: 'not a compressed frame' };
      const decoded = decodeStreamFrame(messageDeflated, message);
      if (!decoded) {
        abandon();
        return { rejected: 'undecodable compressed frame' };
      }
      const { id, index, field: final, part } = decoded;
      if (final > 1 || part.length > framePartBytes) {
        abandon();
        return { rejected: 'compressed frame out of bounds' };
      }
      if (index === 0) {
        abandon();
        start(id);
      }
      const stream = current;
      if (!stream || stream.id !== id || stream.next !== index) {
        abandon();
        return { rejected: 'compressed frame out of order' };
      }
      stream.next++;
      stream.received += part.length;
      if (stream.received > maxBytes) {
        abandon();
        return { rejected: 'compressed message too large' };
      }
      // Not awaited: the stream queues writes; the reader above drains them as they inflate.
      if (part.length > 0) stream.writer.write(part.slice()).catch(() => undefined);
      if (!final) return { pending: true };
      current = null;
      stream.writer.close().catch(() => undefined);
      return { done: stream.done };
    },
  };
}
