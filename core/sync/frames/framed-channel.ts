// One ordered message channel (a WebSocket) carrying messages of any size as small frames:
// the chunk and compressed streams of chunking.ts and deflate-frames.ts, each frame behind a
// `prefix` byte that the channel's own messages never start with. Sending splits (and
// compresses) large messages, paced by the channel's buffer; receiving joins them again,
// capped at `maxBytes`, and hands every message on in the order it came. Unlike the peer
// channel (which drops a broken stream and carries on), a broken stream here is refused:
// `onRefuse` says why, and the owner of the channel closes it.
import { createChunkJoiner, createChunkSender, isChunkFrame, type JoinResult } from './chunking.js';
import { createInflateJoiner, isDeflateFrame, type InflateResult } from './deflate-frames.js';
import { createOrderedDelivery } from './ordered-delivery.js';
import { maxJoinedBytes } from './stream-frames.js';

/** Why a channel refused what it received: a joined message over the cap, or frames that make no sense. */
export type FrameRefusal = 'too-large' | 'malformed';

export interface FramedChannelOptions {
  /** Sends one frame (or small message) on the underlying channel. */
  sendFrame: (frame: Uint8Array) => void;
  /** Bytes queued in the underlying channel (sending pauses above a high-water mark). */
  bufferedAmount: () => number;
  /** A whole message, in the order received. */
  deliver: (message: Uint8Array) => void;
  /** A stream could not be joined; nothing of it was delivered. Called once per channel at most. */
  onRefuse: (reason: string, kind: FrameRefusal) => void;
  /** The byte before each stream frame; no whole message may start with it. */
  prefix: number;
  /** Largest message joined (received compressed and inflated alike). */
  maxBytes?: number;
  /** Compress large messages (default true where the runtime can). */
  compress?: boolean;
}

export interface FramedChannel {
  send(message: Uint8Array): void;
  /** One frame from the underlying channel. */
  receive(frame: Uint8Array): void;
  /** Whether `frame` is a stream frame of this channel (not a whole message). */
  isStreamFrame(frame: Uint8Array): boolean;
  /** Stops sending and receiving (the channel closed). */
  close(): void;
}

const tooLarge = /too large/;

export function createFramedChannel(options: FramedChannelOptions): FramedChannel {
  const { prefix, maxBytes = maxJoinedBytes } = options;
  const sender = createChunkSender(options.sendFrame, options.bufferedAmount, { compress: options.compress, prefix });
  const chunks = createChunkJoiner(maxBytes);
  const inflater = createInflateJoiner(maxBytes);
  let refused = false;
  /** A stream is half received: a whole message now means the sender broke it. */
  let streaming = false;

  const refuse = (reason: string) => {
    if (refused) return;
    refused = true;
    sender.close();
    options.onRefuse(reason, tooLarge.test(reason) ? 'too-large' : 'malformed');
  };
  const inbound = createOrderedDelivery((message) => {
    if (!refused) options.deliver(message);
  }, refuse);
  const joined = (result: JoinResult | InflateResult) => {
    streaming = 'pending' in result;
    if ('rejected' in result) refuse(result.rejected);
    else if ('done' in result) inbound.push(result.done);
  };

  return {
    send: (message) => sender.send(message),
    isStreamFrame: (frame) => frame.length > 0 && frame[0] === prefix,
    receive(frame) {
      if (refused) return;
      if (frame.length === 0 || frame[0] !== prefix) {
        if (streaming) return refuse('a message inside a chunk stream');
        inbound.push(frame);
        return;
      }
      const inner = frame.subarray(1);
      if (isChunkFrame(inner)) joined(chunks.push(inner));
      else if (isDeflateFrame(inner)) joined(inflater.push(inner));
      else refuse('unknown stream frame');
    },
    close() {
      refused = true;
      sender.close();
    },
  };
}
