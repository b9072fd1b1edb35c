// Moving the bodies of clips that still hold them in their capture (dossiers from before
// schema 3, clips a backup or an older replica brought in) to the body store. Crash-safe by
// order: every body is durable in the store before the doc changes, and the doc changes in
// one transaction. A kill before that transaction leaves the doc as it was (the stored
// bodies are unreferenced until the next try, which finds them already there); a kill after
// it leaves a doc whose bodies are all in the store.
import * as Y from 'yjs';
import type { BodyStore } from '../storage/body-store.js';
import { bodyHashOf, excerptOf, isClipMap, roots, splitCapture } from './doc-layout.js';
import type { Capture } from './types.js';

/** Move inline bodies out; resolves with the number of clips moved. */
export async function moveBodiesOut(doc: Y.Doc, bodies: BodyStore, origin: unknown): Promise<number> {
  const { clips } = roots(doc);
  const moves: { map: Y.Map<unknown>; capture: Capture; hash: string }[] = [];
  for (const map of clips.values()) {
    // The cheap test first: on an open, nearly every clip names its body already.
    if (!(map instanceof Y.Map) || bodyHashOf(map) !== undefined || !isClipMap(map)) continue;
    const capture = map.get('capture') as Capture;
    const { body } = splitCapture(capture);
    if (!body.html && !body.markdown && !body.text) continue;
    moves.push({ map, capture, hash: await bodies.put(body) });
  }
  if (moves.length === 0) return 0;
  let moved = 0;
  doc.transact(() => {
    for (const { map, capture, hash } of moves) {
      // A capture replaced meanwhile (a link completed, a sync) waits for the next open.
      if (map.get('capture') !== capture || bodyHashOf(map) !== undefined) continue;
      map.set('capture', splitCapture(capture).head);
      map.set('body', hash);
      map.set('excerpt', excerptOf(capture.text));
      moved++;
    }
  }, origin);
  return moved;
}

/** The body hashes the clips of a doc name. */
export function bodyHashes(doc: Y.Doc): Set<string> {
  const hashes = new Set<string>();
  for (const map of roots(doc).clips.values()) {
    if (!isClipMap(map)) continue;
    const hash = bodyHashOf(map);
    if (hash) hashes.add(hash);
  }
  return hashes;
}

/**
 * Put the bodies this device has back into their clips' captures (one transaction): for the
 * copy of a doc a backup is made from (a backup stands alone).
 * Resolves with the number of clips changed.
 */
export async function moveBodiesIn(doc: Y.Doc, bodies: BodyStore, origin: unknown): Promise<number> {
  const inline: [Y.Map<unknown>, string, Capture][] = [];
  for (const map of roots(doc).clips.values()) {
    const hash = isClipMap(map) ? bodyHashOf(map) : undefined;
    const body = hash === undefined ? undefined : await bodies.get(hash);
    if (hash && body) inline.push([map, hash, { ...(map.get('capture') as Capture), ...body }]);
  }
  if (inline.length === 0) return 0;
  let moved = 0;
  doc.transact(() => {
    for (const [map, hash, capture] of inline) {
      if (bodyHashOf(map) !== hash) continue;
      map.set('capture', capture);
      map.delete('body');
      map.delete('excerpt');
      moved++;
    }
  }, origin);
  return moved;
}
