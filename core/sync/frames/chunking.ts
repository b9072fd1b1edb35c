// Splitting large peer messages into chunks and joining them again. Chromium refuses
// data-channel messages above 256 KiB (and y-webrtc swallows the error), so the first sync
// of a dossier with a few dozen clipped articles would silently never arrive. Every
// Knipsel peer sends messages above `chunkBytes` as a run of chunk frames (a message type
// y-webrtc does not use) — compressed from `deflateAboveBytes` on (deflate-frames.ts) —
// and paces them by the channel's buffered amount.
import { canDeflate, deflateAboveBytes, deflateToFrames } from './deflate-frames.js';
import { concatParts, decodeStreamFrame, encodeStreamFrame, framePartBytes, maxJoinedBytes } from './stream-frames.js';

/** Frame type of a chunk; y-webrtc uses 0, 1, 3 and 4. */
export const messageChunk = 75;
/** Payload bytes per chunk; far below every browser's data-channel limit. */
export const chunkBytes = framePartBytes;
/** Pause sending while more than this is queued in the data channel. */
const highWaterBytes = 256 * 1024;

export function isChunkFrame(message: Uint8Array): boolean {
  return message.length > 0 && message[0] === messageChunk;
}

/** The frames to send for `message`: itself when small, else chunk frames. */
export function splitMessage(message: Uint8Array, streamId: number, size = chunkBytes): Uint8Array[] {
  if (message.length <= size) return [message];
  const count = Math.ceil(message.length / size);
  const frames: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    frames.push(encodeStreamFrame(messageChunk, { id: streamId, index, field: count, part: message.subarray(index * size, (index + 1) * size) }));
  }
  return frames;
}

export type JoinResult = { done: Uint8Array } | { pending: true } | { rejected: string };

/**
 * Joins chunk frames from one ordered channel. Frames must come in order, one message at a
 * time; anything else drops the message being joined. The total is capped.
 */
export function createChunkJoiner(maxBytes = maxJoinedBytes, maxChunk = chunkBytes) {
  let current: { id: number; count: number; parts: Uint8Array[]; bytes: number } | null = null;
  return {
    push(frame: Uint8Array): JoinResult {
      if (!isChunkFrame(frame)) return { rejected: 'not a chunk frame' };
      const decoded = decodeStreamFrame(messageChunk, frame);
      if (!decoded) {
        current = null;
        return { rejected: 'undecodable chunk frame' };
      }
      const { id, index, field: count, part } = decoded;
      if (count < 2 || count > 1 << 20 || part.length === 0 || part.length > maxChunk) {
        current = null;
        return { rejected: 'chunk frame out of bounds' };
      }
      if (index === 0) current = { id, count, parts: [], bytes: 0 };
      if (!current || current.id !== id || current.count !== count || current.parts.length !== index) {
        current = null;
        return { rejected: 'chunk frame out of order' };
      }
      current.parts.push(part);
      current.bytes += part.length;
      if (current.bytes > maxBytes) {
        current = null;
        return { rejected: 'chunked message too large' };
      }
      if (current.parts.length < count) return { pending: true };
      const whole = concatParts(current.parts, current.bytes);
      current = null;
      return { done: whole };
    },
  };
}

export interface ChunkSenderOptions {
  /** Compress large messages where the runtime can (default true). */
  compress?: boolean;
  /**
   * A byte put before every chunk and compressed frame (never before a whole message), for
   * channels whose own messages may start with 75 or 76 (the relay: 0, an empty document name).
   */
  prefix?: number;
}

/** `frame` behind one `prefix` byte. */
export function withPrefix(prefix: number, frame: Uint8Array): Uint8Array {
  const out = new Uint8Array(frame.length + 1);
  out[0] = prefix;
  out.set(frame, 1);
  return out;
}

/** A message being compressed: its frames so far, and whether the last one is among them. */
interface DeflatingStream {
  frames: Uint8Array[];
  done: boolean;
}

/**
 * A paced sender for one data channel: keeps the order of messages, splits large ones
 * (compressed, where the runtime can — deflate-frames.ts), and waits while the channel's
 * buffer is above the high-water mark. `bufferedAmount` reads the channel's queue; a frame
 * `sendFrame` throws on (channel not open) is dropped.
 */
export function createChunkSender(sendFrame: (frame: Uint8Array) => void, bufferedAmount: () => number, options: ChunkSenderOptions = {}) {
  const compress = (options.compress ?? true) && canDeflate();
  const { prefix } = options;
  /** A chunk or compressed frame as it goes out (behind `prefix`, where set). */
  const streamFrame = prefix === undefined ? (frame: Uint8Array) => frame : (frame: Uint8Array) => withPrefix(prefix, frame);
  const queue: Array<Uint8Array | DeflatingStream> = [];
  let streamId = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const sendOne = (frame: Uint8Array) => {
    try {
      sendFrame(frame);
    } catch {
      // The channel is not open (yet, or any more): drop this frame, as y-webrtc drops a
      // message simple-peer refuses. Closing here silenced the connection for good when
      // y-webrtc broadcast during the handshake. A stream missing a frame is refused by
      // the joiner on the other side; a new connection starts with a full sync.
    }
  };

  const pump = () => {
    timer = null;
    while (!closed && queue.length > 0) {
      const head = queue[0];
      if (!(head instanceof Uint8Array) && head.frames.length === 0) {
        if (!head.done) return; // the compressor calls pump() with the next frame
        queue.shift();
        continue;
      }
      if (bufferedAmount() > highWaterBytes) {
        timer = setTimeout(pump, 10);
        return;
      }
      sendOne(head instanceof Uint8Array ? (queue.shift() as Uint8Array) : (head.frames.shift() as Uint8Array));
    }
  };
  const wake = () => {
    if (!timer && !closed) pump();
  };

  const deflate = (message: Uint8Array, id: number) => {
    const stream: DeflatingStream = { frames: [], done: false };
    queue.push(stream);
    deflateToFrames(message, id, (frame) => {
      stream.frames.push(streamFrame(frame));
      wake();
    }).then(
      () => {
        stream.done = true;
        wake();
      },
      () => {
        // Compression failed (it should not): send the message uncompressed instead; the
        // frames already sent make a stream the other side abandons.
        stream.frames.push(...splitMessage(message, (id + 1) % 0x7fffffff).map(streamFrame));
        stream.done = true;
        wake();
      },
    );
  };

  const close = () => {
    closed = true;
    queue.length = 0;
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    send(message: Uint8Array) {
      if (closed) return;
      streamId = (streamId + 2) % 0x7fffffff;
      if (compress && message.length >= deflateAboveBytes) deflate(message, streamId);
      else if (message.length <= chunkBytes) queue.push(message);
      else queue.push(...splitMessage(message, streamId).map(streamFrame));
      wake();
    },
    close,
    /** Messages and frames waiting to go out. */
    get queued() {
      return queue.reduce((n, item) => n + (item instanceof Uint8Array ? 1 : item.frames.length + (item.done ? 0 : 1)), 0);
    },
  };
}
