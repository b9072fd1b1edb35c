// Kept files over the bridge (the images a page kept when the extension clipped it): the app
// asks for the hashes a clip names and this device lacks ('files-want', up to 100 at a time);
// the other side answers with a 'file' frame for each it has. A file is stored only when it
// was asked for and its bytes hash to its name. Files no side asks for never travel, and
// nothing goes from the app to the extension yet (the extension's reader shows only what it
// clipped itself).
import { fromBase64, toBase64 } from '../base64.js';
import { sha256Hex, type BlobStore } from '../../storage/blob-store.js';
import type { BridgeFrame, BridgeFrameInput } from './protocol.js';

/** How long an ask waits for its answers. */
const answerMs = 10_000;

export function createBridgeFiles(options: { files?: BlobStore; send: (frame: BridgeFrameInput) => void; session: () => string | null; log: (message: string) => void }) {
  const { files, send, session, log } = options;
  /** Hashes asked for and not yet here, with who waits for each. */
  const waiting = new Map<string, ((got: boolean) => void)[]>();

  function settle(hash: string, got: boolean) {
    const resolvers = waiting.get(hash) ?? [];
    waiting.delete(hash);
    for (const resolve of resolvers) resolve(got);
  }

  return {
    /** Ask the other side for files; resolves with the hashes that arrived and were stored. */
    async want(hashes: string[]): Promise<string[]> {
      const current = session();
      const unique = [...new Set(hashes)].filter((hash) => /^[0-9a-f]{64}$/.test(hash)).slice(0, 100);
      if (!files || !current || unique.length === 0) return [];
      const arrivals = unique.map(
        (hash) =>
          new Promise<boolean>((resolve) => {
            waiting.set(hash, [...(waiting.get(hash) ?? []), resolve]);
            setTimeout(() => resolve(false), answerMs);
          }),
      );
      send({ t: 'files-want', session: current, hashes: unique });
      const got = await Promise.all(arrivals);
      return unique.filter((_, i) => got[i]);
    },
    /** The other side asks: send each file this side has. */
    async answer(frame: Extract<BridgeFrame, { t: 'files-want' }>) {
      if (!files) return;
      for (const hash of frame.hashes) {
        const file = await files.get(hash).catch(() => undefined);
        const current = session();
        if (!file || !current) continue;
        send({ t: 'file', session: current, sha256: hash, type: file.type, data: toBase64(file.bytes) });
      }
    },
    /** A file arrives: kept only when asked for and true to its hash. */
    async receive(frame: Extract<BridgeFrame, { t: 'file' }>) {
      if (!files || !waiting.has(frame.sha256)) return log('bridge: a file nobody asked for dropped');
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(frame.data);
      } catch {
        return settle(frame.sha256, false);
      }
      if ((await sha256Hex(bytes)) !== frame.sha256) {
        log('bridge: a file whose bytes do not match its hash dropped');
        return settle(frame.sha256, false);
      }
      try {
        await files.put(bytes, frame.type);
        settle(frame.sha256, true);
      } catch (error) {
        log(`bridge: a file could not be kept: ${error instanceof Error ? error.message : String(error)}`);
        settle(frame.sha256, false);
      }
    },
    stop() {
      for (const hash of [...waiting.keys()]) settle(hash, false);
    },
  };
}
