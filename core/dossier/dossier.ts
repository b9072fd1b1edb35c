// A dossier: one Y.Doc with its typed operations (meta, clips, frameworks) and a change
// feed. Persistence and sync attach to `doc` from outside (see storage/ and sync/).
import type * as Y from 'yjs';
import { createFrameworkOps } from '../frameworks/frameworks.js';
import { createGrowthOps } from '../learning/growth-ops.js';
import { createGuideOps } from '../learning/guide-ops.js';
import { createLeervraagOps } from '../learning/leervraag-ops.js';
import { createClipOps } from './clips.js';
import { createEvidenceOps } from './evidence-ops.js';
import { localOrigin, roots } from './doc-layout.js';
import { currentSchemaVersion, migrate } from './migrations.js';
import { isDocReadOnly, localEdit, setDocAuthor, setDocReadOnly } from './write-guard.js';
import { createTogetherOps } from '../together/together-ops.js';
import { metaPatchSchema, nameSchema, parse } from './schema.js';
import type { Author, DossierKind, DossierMeta } from './types.js';
import type * as v from 'valibot';
import type { BodyStore } from '../storage/body-store.js';

export type MetaPatch = v.InferInput<typeof metaPatchSchema>;

export interface DossierChange {
  /** Clips added, changed or removed. */
  clipIds: Set<string>;
  /** Frameworks, themes or presets changed. */
  frameworks: boolean;
  /** Name, course or other metadata changed. */
  meta: boolean;
  /** Own guides, leervragen, periods, ratings or growth answers changed. */
  learning: boolean;
  /** Comments, handed-in versions or feedback changed. */
  together: boolean;
  /** `local` for this replica's own edits, `remote` for anything that arrived (sync, load). */
  source: 'local' | 'remote';
}

/** Write the metadata of a brand-new dossier into an empty doc. */
export function initDossierDoc(doc: Y.Doc, init: { id: string; name: string; kind?: DossierKind; now?: number }): void {
  const name = parse(nameSchema, init.name, 'dossier name');
  const { meta } = roots(doc);
  doc.transact(() => {
    meta.set('id', init.id);
    meta.set('name', name);
    meta.set('kind', init.kind ?? 'personal');
    meta.set('course', '');
    meta.set('assessedFrameworkId', null);
    meta.set('createdAt', init.now ?? Date.now());
    meta.set('schemaVersion', currentSchemaVersion);
  }, localOrigin);
}

/**
 * Wrap a loaded doc. Runs pending migrations (throws `newer-version` for a doc from a newer
 * Knipsel, without touching it).
 */
export function createDossier(doc: Y.Doc, options: { now?: () => number; bodies?: BodyStore } = {}) {
  migrate(doc, localOrigin);
  const frameworks = createFrameworkOps(doc);
  const isKnownTheme = (id: string) => frameworks.isKnownTheme(id);
  const clips = createClipOps(doc, isKnownTheme, options.now, options.bodies);
  const r = roots(doc);
  const learningRoots: AnyType[] = [r.guides, r.leervragen, r.periods, r.ratings, r.growth];
  const togetherRoots: AnyType[] = [r.comments, r.handIns, r.feedback];

  return {
    doc,
    /**
     * Where clip bodies are kept (storage/body-store.ts). Without one (scratch docs, tests),
     * captures keep their bodies in the doc.
     */
    bodies: options.bodies,
    clips,
    frameworks,
    /** Kind, card, attachments and guided reflections of clips. */
    evidence: createEvidenceOps(doc, options.now),
    /** Reflection guides: presets and the user's own. */
    guides: createGuideOps(doc, options.now),
    leervragen: createLeervraagOps(doc, isKnownTheme, options.now),
    growth: createGrowthOps(doc, isKnownTheme, options.now),
    /** Comments (intervisie), handed-in versions and feedback. */
    together: createTogetherOps(doc, options.now),

    meta(): DossierMeta {
      const m = r.meta;
      return {
        id: String(m.get('id') ?? ''),
        name: String(m.get('name') ?? ''),
        kind: (m.get('kind') as DossierKind) ?? 'personal',
        course: String(m.get('course') ?? ''),
        assessedFrameworkId: (m.get('assessedFrameworkId') as string | null) ?? null,
        createdAt: Number(m.get('createdAt') ?? 0),
        schemaVersion: Number(m.get('schemaVersion') ?? 0),
      };
    },

    updateMeta(patch: MetaPatch): void {
      const parsed = parse(metaPatchSchema, patch, 'dossier change');
      localEdit(doc, () => {
        for (const [key, value] of Object.entries(parsed)) if (value !== undefined) r.meta.set(key, value);
      });
    },

    /**
     * Whether this replica may change the dossier (false for a read-only relay member).
     * While read-only, every operation throws `read-only` and changes nothing.
     */
    get readOnly(): boolean {
      return isDocReadOnly(doc);
    },

    setReadOnly(readOnly: boolean): void {
      setDocReadOnly(doc, readOnly);
    },

    /** Who edits here (a shared dossier's member); their clips' reflections are theirs alone. */
    setAuthor(author: Author | null): void {
      setDocAuthor(doc, author);
    },

    /** Subscribe to changes; returns the unsubscribe function. */
    observe(listener: (change: DossierChange) => void): () => void {
      const handler = (transaction: Y.Transaction) => {
        const change: DossierChange = {
          clipIds: new Set(),
          frameworks: false,
          meta: false,
          learning: false,
          together: false,
          source: transaction.origin === localOrigin ? 'local' : 'remote',
        };
        for (const [changedType, keys] of transaction.changed) {
          const type = changedType as unknown;
          if (type === r.clips) keys.forEach((key) => key !== null && change.clipIds.add(key));
          else if (type === r.meta) change.meta = true;
          else if (type === r.frameworks || type === r.themes || type === r.presets) change.frameworks = true;
          else if (learningRoots.includes(type as AnyType)) change.learning = true;
          else if (togetherRoots.includes(type as AnyType)) change.together = true;
        }
        for (const parentType of transaction.changedParentTypes.keys()) {
          const type = parentType as unknown as AnyType;
          const clipId = clipIdOf(type, r.clips);
          if (clipId) change.clipIds.add(clipId);
          else if (isInside(type, r.frameworks) || isInside(type, r.themes)) change.frameworks = true;
          else if (isInside(type, r.leervragen)) change.learning = true;
        }
        if (change.clipIds.size > 0 || change.frameworks || change.meta || change.learning || change.together) listener(change);
      };
      doc.on('afterTransaction', handler);
      return () => doc.off('afterTransaction', handler);
    },
  };
}

export type Dossier = ReturnType<typeof createDossier>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

function clipIdOf(type: AnyType, clips: AnyType): string | null {
  let current: AnyType | null = type;
  while (current && current._item) {
    const parent = current._item.parent as AnyType | null;
    if (parent === clips) return current._item.parentSub;
    current = parent;
  }
  return null;
}

function isInside(type: AnyType, root: AnyType): boolean {
  let current: AnyType | null = type;
  while (current) {
    if (current === root) return true;
    current = (current._item?.parent as AnyType | null) ?? null;
  }
  return false;
}
