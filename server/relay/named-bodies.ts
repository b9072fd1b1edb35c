// Which bodies a dossier's document names, for the body API: a member reads and uploads only
// those. Read from the document this process has open (kept up to date by the sync), with
// the stored state (snapshot + log: every acknowledged edit, whichever process took it) for
// hashes the open document does not name — an edit made through another process may not
// have reached this one yet. A dossier nobody has open here is read from the store alone.
//
// "Recently named": a hash the document named when this process last looked and no longer
// names (its clip was deleted for good) may still be uploaded within the grace — a member
// whose copy is behind still names it, and the relay's own collection lets it go after the
// same grace. Remembered in memory only; after a restart such a body is simply refused
// (the member's device keeps it, nothing is lost).
import * as Y from 'yjs';
import { bodyHashes } from '@knipsel/core/relay';
import type { RelayStore } from './relay-store.js';

export interface NamedBodiesOptions {
  store: Pick<RelayStore, 'loadState'>;
  /** The dossier's document when this process has it open. */
  liveDoc: (dossierId: string) => Y.Doc | undefined;
  /** How long a hash the document stopped naming may still be uploaded (ms). */
  graceMs: number;
  /** How long the names read from the stored state are reused (ms); default 2 s. */
  storedTtlMs?: number;
  now?: () => number;
}

export interface NamedBodies {
  /** Of `hashes`, those the dossier's document names now. */
  named(dossierId: string, hashes: readonly string[]): Promise<Set<string>>;
  /** Of `hashes`, those the document names now or named within the grace. */
  uploadable(dossierId: string, hashes: readonly string[]): Promise<Set<string>>;
}

interface LiveNames {
  names: Set<string>;
  dirty: boolean;
}

export function createNamedBodies(options: NamedBodiesOptions): NamedBodies {
  const now = options.now ?? Date.now;
  const ttl = options.storedTtlMs ?? 2000;
  const live = new WeakMap<Y.Doc, LiveNames>();
  const stored = new Map<string, { names: Set<string>; at: number }>();
  /** Per dossier: hashes once named and no longer, with the moment that was seen. */
  const formerly = new Map<string, Map<string, number>>();

  function remember(dossierId: string, before: Set<string>, after: Set<string>) {
    let gone = formerly.get(dossierId);
    for (const hash of before) {
      if (after.has(hash)) continue;
      if (!gone) formerly.set(dossierId, (gone = new Map()));
      gone.set(hash, now());
    }
    if (!gone) return;
    for (const [hash, at] of gone) if (after.has(hash) || now() - at > options.graceMs) gone.delete(hash);
    if (gone.size === 0) formerly.delete(dossierId);
  }

  /** The open document's names, recomputed only after it changed. */
  function liveNames(dossierId: string, doc: Y.Doc): Set<string> {
    let entry = live.get(doc);
    if (!entry) {
      const fresh: LiveNames = { names: bodyHashes(doc), dirty: false };
      doc.on('update', () => (fresh.dirty = true));
      live.set(doc, (entry = fresh));
    } else if (entry.dirty) {
      const names = bodyHashes(doc);
      remember(dossierId, entry.names, names);
      entry.names = names;
      entry.dirty = false;
    }
    return entry.names;
  }

  async function storedNames(dossierId: string): Promise<Set<string>> {
    const cached = stored.get(dossierId);
    if (cached && now() - cached.at < ttl) return cached.names;
    const state = await options.store.loadState(dossierId);
    const doc = new Y.Doc();
    try {
      if (state) Y.applyUpdate(doc, state);
      const names = bodyHashes(doc);
      if (cached) remember(dossierId, cached.names, names);
      stored.set(dossierId, { names, at: now() });
      // Only the last few dossiers asked about are kept.
      if (stored.size > 64) stored.delete(stored.keys().next().value as string);
      return names;
    } finally {
      doc.destroy();
    }
  }

  async function named(dossierId: string, hashes: readonly string[]): Promise<Set<string>> {
    const doc = options.liveDoc(dossierId);
    const found = new Set<string>();
    const names = doc ? liveNames(dossierId, doc) : await storedNames(dossierId);
    for (const hash of hashes) if (names.has(hash)) found.add(hash);
    if (doc && found.size < new Set(hashes).size) {
      const more = await storedNames(dossierId);
      for (const hash of hashes) if (more.has(hash)) found.add(hash);
    }
    return found;
  }

  return {
    named,
    async uploadable(dossierId, hashes) {
      const found = await named(dossierId, hashes);
      const gone = formerly.get(dossierId);
      for (const hash of hashes) {
        const at = gone?.get(hash);
        if (at !== undefined && now() - at <= options.graceMs) found.add(hash);
      }
      return found;
    },
  };
}
