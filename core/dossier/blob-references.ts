// Every blob a dossier doc names: what the collector (storage/body-gc.ts) must keep. A clip
// names its body (`body`), the images its capture kept, a kept PDF, photos shared before
// attachments existed and its attachments; a handed-in version (core/together) names the
// attachments of its frozen portfolio. Trashed clips count: they can come back. History
// entries (core/history) hold titles, notes and themes, never a hash.
//
// Read generously: every SHA-256-shaped string in a plain value of a clip's map or of a
// hand-in counts, wherever it sits, so a field added later is kept before anyone tells the
// collector about it. Y types inside a clip (note, themes, highlights, reflections) hold
// the user's words, not hashes.
import * as Y from 'yjs';
import { bodyHashOf, roots } from './doc-layout.js';

const hashShape = /^[0-9a-f]{64}$/;

function walk(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 12 || value === null || value instanceof Y.AbstractType) return;
  if (typeof value === 'string') {
    if (value.length === 64 && hashShape.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) walk(item, into, depth + 1);
  } else if (typeof value === 'object') {
    for (const item of Object.values(value)) walk(item, into, depth + 1);
  }
}

/** The hashes of every blob `doc` names (bodies, kept images and files, attachments, hand-ins), added to `into`. */
export function blobReferences(doc: Y.Doc, into = new Set<string>()): Set<string> {
  const { clips, handIns } = roots(doc);
  for (const map of clips.values()) {
    if (!(map instanceof Y.Map)) continue;
    const body = bodyHashOf(map);
    if (body) into.add(body);
    for (const value of map.values()) walk(value, into);
  }
  for (const value of handIns.values()) walk(value, into);
  return into;
}
