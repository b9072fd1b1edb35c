// The ordered migration path of the dossier doc schema. Each step is named `dossier/N` and
// brings a doc from version N-1 to N. A doc from a newer version is refused, never rewritten.
import type * as Y from 'yjs';
import { KnipselError } from '../errors.js';
import { isClipMap, roots } from './doc-layout.js';
import { attachmentPrefix } from './evidence-layout.js';
import type { Capture } from './types.js';

export interface Migration {
  name: string;
  version: number;
  up(doc: Y.Doc): void;
}

export const migrations: readonly Migration[] = [
  {
    // v0 is a doc written before schemaVersion existed: meta may lack fields. Fill defaults
    // without touching what is there.
    name: 'dossier/1',
    version: 1,
    up(doc) {
      const { meta } = roots(doc);
      if (!meta.has('kind')) meta.set('kind', 'personal');
      if (!meta.has('course')) meta.set('course', '');
      if (!meta.has('assessedFrameworkId')) meta.set('assessedFrameworkId', null);
      if (!meta.has('createdAt')) meta.set('createdAt', Date.now());
    },
  },
  {
    // Evidence has kinds: every clip made before is someone else's practice example, except
    // photos shared from a phone with no page (own practice). Those photos, kept in the
    // capture before attachments existed, become attachments under a key made from their hash,
    // so replicas migrating at the same time write the same entry. The other new fields (card,
    // guided reflections, leervragen, periods, ratings, growth) start empty. Notes stay as they are.
    name: 'dossier/2',
    version: 2,
    up(doc) {
      for (const map of roots(doc).clips.values()) {
        if (!isClipMap(map)) continue;
        const capture = map.get('capture') as Capture;
        const files = Array.isArray(capture.files) ? capture.files : [];
        if (!map.has('kind')) map.set('kind', capture.mode === 'note' && files.length > 0 ? 'eigen-praktijk' : 'praktijkvoorbeeld');
        for (const file of files) {
          const key = `${attachmentPrefix}shared-${String(file.sha256).slice(0, 16)}`;
          if (!map.has(key)) map.set(key, { hash: file.sha256, name: file.name, type: file.type, size: file.size, addedAt: capture.capturedAt });
        }
      }
    },
  },
  {
    // Clip bodies (html, markdown, text) may live in the body store, the clip naming them by
    // hash (`body`): a Knipsel that does not know this must not open the doc. Moving the
    // bodies of existing clips needs the body store and is asynchronous, so it is not done
    // here but by `moveBodiesOut` (body-migration.ts) whenever a dossier opens with one.
    name: 'dossier/3',
    version: 3,
    up() {},
  },
];

export const currentSchemaVersion = migrations[migrations.length - 1].version;

export function schemaVersionOf(doc: Y.Doc): number {
  const version = roots(doc).meta.get('schemaVersion');
  return typeof version === 'number' ? version : 0;
}

/**
 * Bring `doc` to the current schema. Runs in one transaction with `origin`, so the migration
 * is persisted and synced like any other edit. Returns the names of the migrations applied.
 */
export function migrate(doc: Y.Doc, origin: unknown): string[] {
  const from = schemaVersionOf(doc);
  if (from > currentSchemaVersion) {
    throw new KnipselError(
      'newer-version',
      `This dossier was written by a newer Knipsel (schema ${from}); this version understands up to ${currentSchemaVersion}. Update Knipsel to open it.`,
      { version: from, supported: currentSchemaVersion },
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return [];
  doc.transact(() => {
    for (const migration of pending) {
      migration.up(doc);
      roots(doc).meta.set('schemaVersion', migration.version);
    }
  }, origin);
  return pending.map((m) => m.name);
}
