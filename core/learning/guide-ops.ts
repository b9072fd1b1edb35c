// The reflection guides of a dossier: the presets (in the reader's language) and the user's
// own, stored in the doc's `guides` map as plain values (one per key: no shared container).
import * as v from 'valibot';
import type * as Y from 'yjs';
import { roots } from '../dossier/doc-layout.js';
import { localEdit } from '../dossier/write-guard.js';
import { parse } from '../dossier/schema.js';
import { KnipselError } from '../errors.js';
import { createId } from '../ids.js';
import { findPresetGuide, localizeGuide, type Guide, type GuideLocale } from './guides.js';
import { presetGuides } from './preset-guides.js';
import { ownGuideInputSchema, storedGuideSchema } from './learning-schema.js';
import type { OwnGuide } from './types.js';

export type OwnGuideInput = v.InferInput<typeof ownGuideInputSchema>;

export const ownGuidePrefix = 'eigen-';

export function createGuideOps(doc: Y.Doc, now: () => number = Date.now) {
  const { guides } = roots(doc);

  function readOwn(): OwnGuide[] {
    const out: OwnGuide[] = [];
    for (const [id, value] of guides.entries()) {
      if (!v.is(storedGuideSchema, value)) continue;
      const stored = value as Omit<OwnGuide, 'id'>;
      out.push({ id, name: stored.name, kinds: [...stored.kinds], prompts: stored.prompts.map((p) => ({ ...p })), createdAt: stored.createdAt });
    }
    return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  const asGuide = (own: OwnGuide): Guide => ({ id: own.id, name: own.name, about: '', kinds: own.kinds, source: null, prompts: own.prompts, own: true });

  return {
    /** The presets in `locale`, then the own guides. */
    list(locale: GuideLocale): Guide[] {
      return [...presetGuides.map((g) => localizeGuide(g, locale)), ...readOwn().map(asGuide)];
    },

    own: readOwn,

    get(id: string, locale: GuideLocale): Guide | undefined {
      const preset = findPresetGuide(id);
      if (preset) return localizeGuide(preset, locale);
      const own = readOwn().find((g) => g.id === id);
      return own ? asGuide(own) : undefined;
    },

    /** Make an own guide from a name, the kinds it fits and its questions. Returns its id. */
    add(input: OwnGuideInput): string {
      const parsed = parse(ownGuideInputSchema, input, 'guide');
      const id = `${ownGuidePrefix}${createId()}`;
      const prompts = parsed.questions.map((question, index) => ({ id: `v${index + 1}`, heading: question, question }));
      localEdit(doc, () => {
        guides.set(id, { name: parsed.name, kinds: [...new Set(parsed.kinds)], prompts, createdAt: now() });
      });
      return id;
    },

    /** Delete an own guide. Reflections that followed it keep its questions. */
    remove(id: string): void {
      if (!guides.has(id)) throw new KnipselError('not-found', `No own guide ${id}.`, { id });
      localEdit(doc, () => guides.delete(id));
    },
  };
}

export type GuideOps = ReturnType<typeof createGuideOps>;
