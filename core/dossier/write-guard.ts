// The one way the dossier's operations change a doc: `localEdit` runs the change as this
// replica's edit (`localOrigin`), unless the doc is read-only here (a read-only relay
// member): then it throws a `read-only` KnipselError before anything changes. Operations
// validate their input first, so a refused edit leaves the doc exactly as it was.
// Migrations and sync adapters write with their own origins and are not edits of the user.
import type * as Y from 'yjs';
import { KnipselError } from '../errors.js';
import { localOrigin } from './doc-layout.js';
import { readAuthor } from './author.js';
import type { Author } from './author.js';

const readOnlyDocs = new WeakSet<Y.Doc>();

/** Mark a doc read-only on this replica (or editable again). */
export function setDocReadOnly(doc: Y.Doc, readOnly: boolean): void {
  if (readOnly) readOnlyDocs.add(doc);
  else readOnlyDocs.delete(doc);
}

export function isDocReadOnly(doc: Y.Doc): boolean {
  return readOnlyDocs.has(doc);
}

export const readOnlyMessageNl = 'Dit dossier is hier alleen-lezen: je kunt het bekijken, niet veranderen.';

/** Throws `read-only` when the doc may not be changed here. */
export function assertWritable(doc: Y.Doc): void {
  if (readOnlyDocs.has(doc)) {
    throw new KnipselError('read-only', 'This dossier is read-only here: it can be viewed, not changed.', { reason: 'read-only', nl: readOnlyMessageNl });
  }
}

/** Run `change` as the user's own edit of `doc`; refused (nothing changes) when read-only. */
export function localEdit(doc: Y.Doc, change: () => void): void {
  assertWritable(doc);
  doc.transact(change, localOrigin);
}

const authors = new WeakMap<Y.Doc, Author>();

/** Tell the dossier who is editing here; clips added from now on carry this author. */
export function setDocAuthor(doc: Y.Doc, author: Author | null): void {
  if (author) authors.set(doc, { id: author.id, name: author.name });
  else authors.delete(doc);
}

export function docAuthor(doc: Y.Doc): Author | null {
  return authors.get(doc) ?? null;
}

/**
 * A guided reflection belongs to the member who started it: others comment beside it
 * (core/together), they do not write in it. Throws `read-only` for anyone else. Reflections
 * without a recorded member (made before members were recorded, or by the extension) and a
 * replica that has not said who it is are not restricted. The free note of a clip stays a
 * note the members of a shared dossier write together.
 */
export function assertOwnReflection(doc: Y.Doc, reflection: Y.Map<unknown>): void {
  const owner = readAuthor(reflection.get('by'));
  const me = authors.get(doc);
  if (!owner || !me || owner.id === me.id) return;
  const name = owner.name || 'een collega';
  throw new KnipselError('read-only', `This reflection belongs to ${owner.name || 'another member'}; comment beside it instead.`, {
    reason: 'not-your-reflection',
    owner: name,
    nl: `Dit is de reflectie van ${name}: je kunt ernaast reageren, niet erin schrijven.`,
  });
}
