// The checked bridge between a dossier's real Y.Doc and the mirror doc that y-webrtc is
// given. Real → mirror flows freely (our own edits, and whatever other sync adapters
// brought in); mirror → real only after the update is well-formed and fits the dossier
// layout (update-shape.ts). y-webrtc never holds the real doc, so nothing a peer sends
// reaches it unchecked, whatever y-webrtc's internals do.
//
// Cost: the mirror holds a second copy of the dossier's CRDT state (roughly the size of
// its encoded state again in memory) and every update is applied twice. Each check runs
// once: well-formedness on the peer's raw bytes in the gate (the bridge re-checks only
// what no gate vouched for, e.g. relay updates), the shape on the mirror's store. Applying is
// linear in the update, so a local edit costs microseconds; the initial copy of a dossier
// of 500 clipped articles takes tens of milliseconds (see mirror-bridge.test.ts).
//
// A rejected update stays in the mirror (Yjs cannot take an integrated update back), so
// the mirror may hold more than the real doc; later updates that build on rejected items
// wait as pending structs in the real doc and never show. Only the rejected peer's own
// content is affected: other peers' edits do not depend on it unless they built on it.
import * as Y from 'yjs';
import { isWellFormedUpdate } from '../update-check.js';
import { checkDossierTransaction } from './update-shape.js';

export interface MirrorBridgeOptions {
  /** Called once per rejected update with the reason (never its content). */
  onReject?: (reason: string) => void;
}

export interface MirrorBridge {
  /** The doc to hand to y-webrtc. It never edits; its clientID is the awareness id. */
  readonly mirror: Y.Doc;
  /** Origin of transactions that applied peer updates to the real doc. */
  readonly remoteOrigin: object;
  /**
   * Run `read` (y-webrtc reading one message into the mirror) for a message whose updates
   * were already found well-formed on their raw bytes (the gate, peer-messages.ts): the
   * mirror's re-encoding of them is then not decoded again. The shape check still runs.
   */
  checkedWellFormed<T>(read: () => T): T;
  /** Updates applied to / rejected from the real doc so far. */
  stats(): { applied: number; rejected: number };
  destroy(): void;
}

export function createMirrorBridge(doc: Y.Doc, options: MirrorBridgeOptions = {}): MirrorBridge {
  // Its own clientID: Yjs renames a doc that receives remote items under its own id.
  const mirror = new Y.Doc({ gc: doc.gc });
  /** Origin on the mirror of updates copied from the real doc: never sent back. */
  const fromReal = { peerMirror: 'from-real' };
  /** Same, when the mirror had pending structs that the copy may have released. */
  const fromRealReleasing = { peerMirror: 'from-real-releasing' };
  const remoteOrigin = { peerMirror: 'remote' };
  let applied = 0;
  let rejected = 0;
  let destroyed = false;
  let wellFormedChecked = false;

  Y.applyUpdate(mirror, Y.encodeStateAsUpdate(doc), fromReal);

  const onRealUpdate = (update: Uint8Array, origin: unknown) => {
    if (destroyed || origin === remoteOrigin) return;
    const pending = mirror.store.pendingStructs !== null || mirror.store.pendingDs !== null;
    Y.applyUpdate(mirror, update, pending ? fromRealReleasing : fromReal);
  };

  const onMirrorUpdate = (update: Uint8Array, origin: unknown, _mirror: Y.Doc, transaction: Y.Transaction) => {
    if (destroyed || origin === fromReal) return;
    // For fromRealReleasing the update also holds what the real doc already has; applying
    // that part again is a no-op, the released peer items are what matters. The shape is
    // checked on the items the transaction added (update-shape.ts), which are exactly
    // the structs of `update`; that needs no decoding.
    const wellFormed = (wellFormedChecked && origin !== fromRealReleasing) || isWellFormedUpdate(update);
    const problem = wellFormed ? checkDossierTransaction(transaction) : 'malformed Yjs update';
    if (problem) {
      rejected++;
      options.onReject?.(problem);
      return;
    }
    try {
      Y.applyUpdate(doc, update, remoteOrigin);
      applied++;
    } catch (error) {
      rejected++;
      options.onReject?.(`update failed to apply: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  doc.on('update', onRealUpdate);
  mirror.on('update', onMirrorUpdate);

  return {
    mirror,
    remoteOrigin,
    checkedWellFormed(read) {
      const outer = wellFormedChecked;
      wellFormedChecked = true;
      try {
        return read();
      } finally {
        wellFormedChecked = outer;
      }
    },
    stats: () => ({ applied, rejected }),
    destroy() {
      destroyed = true;
      doc.off('update', onRealUpdate);
      mirror.off('update', onMirrorUpdate);
      mirror.destroy();
    },
  };
}
