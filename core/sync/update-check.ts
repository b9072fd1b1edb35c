// Checks that bytes from outside (a peer, the bridge, a file) are a well-formed Yjs update
// before anything is applied; applies it only then, with the caller's origin.
import * as Y from 'yjs';

/** True when `update` decodes completely as a Yjs (v1) update. Never throws. */
export function isWellFormedUpdate(update: Uint8Array): boolean {
  try {
    if (!(update instanceof Uint8Array) || update.length < 2) return false;
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

/**
 * Apply an update from outside. Returns false (and changes nothing) when it is malformed.
 * Yjs integrates structs and the delete set only after decoding both, so a decoding error
 * cannot leave the doc half-changed.
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
