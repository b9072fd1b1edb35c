// Checks that bytes from outside (a peer, the bridge, another tab, a file) are a Yjs update
// that applies whole, before anything is applied; applies it only then, with the caller's
// origin. Yjs applies an update in one transaction but cannot roll one back: when it throws
// halfway (on a struct that references something it assumes exists), the structs before
// that point stay in the doc and the 'update' event that persistence stores still fires.
// So nothing from outside reaches a dossier's doc until (1) it decodes completely and every
// struct is sound on its own, and (2) it has applied without error to a skeleton doc: a
// throwaway doc with the target's exact state vector (for every client the update mentions)
// made of GC placeholders, so Yjs walks the same integration path — which structs it finds,
// which it keeps pending, which it deletes — at a cost that grows with the update, never
// with the dossier (a 5,000-clip dossier is ~100 MB; it is never cloned).
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

interface Ref {
  client: number;
  clock: number;
}

/** The clients a decoded update touches: its own, those its structs reference, its deletions. */
function mentionedClients(decoded: ReturnType<typeof Y.decodeUpdate>, into: Set<number>): void {
  for (const struct of decoded.structs) {
    into.add(struct.id.client);
    if (struct instanceof Y.Item) {
      if (struct.origin) into.add(struct.origin.client);
      if (struct.rightOrigin) into.add(struct.rightOrigin.client);
      if (struct.parent instanceof Y.ID) into.add(struct.parent.client);
    }
  }
  for (const client of decoded.ds.clients.keys()) into.add(client);
}

/**
 * A struct that Yjs would throw on however the doc looks: an empty range, or a reference to
 * its own client at or after its own clock (Yjs looks such references up without checking,
 * since a real client only refers back to what it wrote before; one pointing forward — or at
 * itself — makes the lookup fail after earlier structs are already in). Returns the reason.
 */
function unsoundStruct(struct: Y.Item | Y.GC | Y.Skip): string | null {
  if (!(struct.length >= 1)) return 'empty struct';
  if (!(struct instanceof Y.Item)) return null;
  const own = struct.id;
  const refs: Array<Ref | null> = [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null];
  for (const ref of refs) if (ref && ref.client === own.client && ref.clock >= own.clock) return 'struct refers forward in its own client';
  return null;
}

/** True when `update` decodes completely as a Yjs (v1) update of sound structs. Never throws. */
export function isWellFormedUpdate(update: Uint8Array): boolean {
  return decodeChecked(update) !== null;
}

function decodeChecked(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> | null {
  try {
    if (!(update instanceof Uint8Array) || update.length < 2) return null;
    const decoded = Y.decodeUpdate(update);
    for (const struct of decoded.structs) if (unsoundStruct(struct)) return null;
    // Empty delete ranges decode but make Yjs throw halfway through applying (after the
    // structs are in): a delete range of length 0 fails when kept as a pending delete set.
    for (const ranges of decoded.ds.clients.values()) for (const range of ranges) if (!(range.len >= 1)) return null;
    return decoded;
  } catch {
    return null;
  }
}

/**
 * A throwaway doc with `doc`'s state for `clients` (GC placeholders from clock 0) and `doc`'s
 * pending structs and deletions: applying an update to it takes the same path as applying it
 * to `doc`, except that what would integrate next to real content integrates as GC.
 */
function skeletonOf(doc: Y.Doc, clients: Set<number>): Y.Doc {
  const pendingStructs = doc.store.pendingStructs?.update ?? null;
  const pendingDs = doc.store.pendingDs;
  const all = new Set(clients);
  if (pendingStructs) mentionedClients(Y.decodeUpdateV2(pendingStructs), all);
  if (pendingDs) mentionedClients(Y.decodeUpdateV2(pendingDs), all);
  const filled: Array<[number, number]> = [];
  for (const client of all) {
    const clock = Y.getState(doc.store, client);
    if (clock > 0) filled.push([client, clock]);
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, filled.length);
  for (const [client, clock] of filled) {
    encoding.writeVarUint(encoder, 1); // one struct
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, 0); // from clock 0
    encoding.writeUint8(encoder, 0); // a GC struct
    encoding.writeVarUint(encoder, clock); // as long as the client's state
  }
  encoding.writeVarUint(encoder, 0); // no deletions
  const skeleton = new Y.Doc({ gc: false });
  Y.applyUpdate(skeleton, encoding.toUint8Array(encoder));
  if (pendingStructs) Y.applyUpdateV2(skeleton, pendingStructs);
  if (pendingDs) Y.applyUpdateV2(skeleton, pendingDs);
  return skeleton;
}

/** True when `update` applies to `doc` without Yjs throwing; `doc` itself is not touched. */
export function appliesWhole(doc: Y.Doc, update: Uint8Array): boolean {
  const decoded = decodeChecked(update);
  if (!decoded) return false;
  const clients = new Set<number>();
  mentionedClients(decoded, clients);
  let skeleton: Y.Doc | null = null;
  try {
    skeleton = skeletonOf(doc, clients);
    Y.applyUpdate(skeleton, update);
    return true;
  } catch {
    return false;
  } finally {
    skeleton?.destroy();
  }
}

/**
 * Apply an update from outside, all or nothing. Returns false — and `doc` is untouched, so no
 * 'update' event fires and nothing is persisted — when it is malformed or would make Yjs
 * throw halfway (found by tests/reliability/garbage.rel.ts; replay in update-check.test.ts).
 * The final try/catch is a last guard only: every throw the campaigns have found is refused
 * before `doc` is touched, and the campaigns check the doc byte for byte after each refusal.
 */
export function applyCheckedUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): boolean {
  if (!appliesWhole(doc, update)) return false;
  try {
    Y.applyUpdate(doc, update, origin);
    return true;
  } catch {
    return false;
  }
}
