// Checks that bytes from outside (a peer, the bridge, a file) are a well-formed Yjs update
// before anything is applied; applies it only then, with the caller's origin.
import * as Y from 'yjs';

/** True when `update` decodes completely as a Yjs (v1) update. Never throws. */
export function isWellFormedUpdate(update: Uint8Array): boolean {
  try {
    if (!(update instanceof Uint8Array) || update.length < 2) return false;
    const { structs, ds } = Y.decodeUpdate(update);
    // Empty ranges decode but make Yjs throw halfway through applying (after the structs
    // are in): a delete range of length 0 fails when kept as a pending delete set.
    for (const struct of structs) if (!(struct.length >= 1)) return false;
    for (const ranges of ds.clients.values()) for (const range of ranges) if (!(range.len >= 1)) return false;
    return true;
  } catch {
    return false;
  }
}

/**
 * Apply an update from outside. Returns false (and changes nothing) when it is malformed.
 * Yjs integrates structs and the delete set only after decoding both, so a decoding error
 * cannot leave the doc half-changed; isWellFormedUpdate also refuses the decodable shapes
 * that throw later (found by tests/reliability/garbage.rel.ts). Open: Yjs can still throw
 * halfway on some crafted updates (e.g. an origin in a client with no structs); peer input
 * is safe from that (it integrates in a mirror doc first), the bridge and tab paths are not.
 */
export function applyCheckedUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): boolean {
  if (!isWellFormedUpdate(update)) return false;
  try {
    Y.applyUpdate(doc, update, origin);
    return true;
  } catch {
    return false;
  }
}
