// The y-protocols messages of one bridge session on the wire: base64 in 'sync' frames, and
// a message above `chunkBytes` as a run of chunk frames (the peer chunk format), joined again
// per dossier on the other side (frames of one dossier arrive in order).
import { fromBase64, toBase64 } from '../base64.js';
import { createChunkJoiner, isChunkFrame, splitMessage } from '../frames/chunking.js';

/**
 * Sync messages above this many bytes travel as a run of chunk frames, each a 'sync' frame of
 * its own: a big dossier's first sync step 2 (over 100 MB at 5,000 clips) would exceed the
 * frame limit and the browsers' message size limits otherwise.
 */
export const bridgeChunkBytes = 4 * 1024 * 1024;
/** The largest message joined from chunks (a whole dossier state). */
export const maxBridgeMessageBytes = 1024 * 1024 * 1024;

export function createSyncWire(options: { chunkBytes: number; sendData: (dossierId: string, data: string) => void; log: (message: string) => void }) {
  const { chunkBytes, log } = options;
  const joiners = new Map<string, ReturnType<typeof createChunkJoiner>>();
  let streamId = 0;
  return {
    /** Sends the messages of one dossier's DocSync. */
    sender(dossierId: string) {
      return (message: Uint8Array) => {
        for (const part of splitMessage(message, streamId++, chunkBytes)) options.sendData(dossierId, toBase64(part));
      };
    },
    /** The whole message of a received frame; null when it is bad (logged) or waits for more chunks. */
    receive(dossierId: string, data: string): Uint8Array | null {
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(data);
      } catch {
        log('bridge: sync payload is not base64');
        return null;
      }
      if (!isChunkFrame(bytes)) return bytes;
      let joiner = joiners.get(dossierId);
      if (!joiner) joiners.set(dossierId, (joiner = createChunkJoiner(maxBridgeMessageBytes, Math.max(chunkBytes, bridgeChunkBytes))));
      const joined = joiner.push(bytes);
      if ('rejected' in joined) {
        log(`bridge: ${dossierId}: ${joined.rejected}`);
        return null;
      }
      return 'pending' in joined ? null : joined.done;
    },
    /** Forgets chunks half joined (the session ended). */
    clear() {
      joiners.clear();
    },
  };
}
