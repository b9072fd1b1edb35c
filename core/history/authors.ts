// Who wrote an update: each replica records its member's name under its Yjs client id in the
// dossier's meta (`author:<clientId>` → name), so every replica can name the author of
// whatever arrives. A client id is per loaded doc, so one member has several over time; the
// entries are short strings and the meta check for peers (short primitives) already admits them.
import type * as Y from 'yjs';
import { localOrigin } from '../dossier/doc-layout.js';

export const authorPrefix = 'author:';
const maxName = 60;

/** Record `name` as the author of this replica's edits (no write when already recorded). */
export function recordAuthor(doc: Y.Doc, name: string): void {
  const clean = name.trim().slice(0, maxName);
  if (!clean) return;
  const meta = doc.getMap<unknown>('meta');
  const key = authorPrefix + doc.clientID;
  if (meta.get(key) === clean) return;
  doc.transact(() => meta.set(key, clean), localOrigin);
}

/** The recorded name of a client, or null when it never said. */
export function authorOf(doc: Y.Doc, client: number): string | null {
  const name = doc.getMap<unknown>('meta').get(authorPrefix + client);
  return typeof name === 'string' && name ? name : null;
}

/** Clients whose updates a transaction applied (their clock moved forward). */
export function writersOf(transaction: Y.Transaction): number[] {
  const clients: number[] = [];
  for (const [client, clock] of transaction.afterState) {
    if (clock > (transaction.beforeState.get(client) ?? 0)) clients.push(client);
  }
  return clients;
}

/** The distinct names of `clients` (unknown ones left out). */
export function namesOf(doc: Y.Doc, clients: number[]): string[] {
  return [...new Set(clients.map((client) => authorOf(doc, client)).filter((name): name is string => name !== null))];
}
