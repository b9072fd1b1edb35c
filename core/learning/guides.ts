// Reflection guides as screens and exports use them: a preset guide (preset-guides.ts) in one
// language, a reflection's words in the reader's language, the guides that fit a kind first.
import type { EvidenceKind, GuidePrompt } from '../dossier/types.js';
import { presetGuides, type PresetGuide } from './preset-guides.js';

export type GuideLocale = 'nl' | 'en';

/** A guide as screens and exports use it, in one language. */
export interface Guide {
  id: string;
  name: string;
  about: string;
  kinds: EvidenceKind[];
  source: string | null;
  prompts: GuidePrompt[];
  /** Made by the user in this dossier. */
  own: boolean;
}

export function findPresetGuide(id: string): PresetGuide | undefined {
  return presetGuides.find((g) => g.id === id);
}

/** A preset guide in one language. */
export function localizeGuide(guide: PresetGuide, locale: GuideLocale): Guide {
  return {
    id: guide.id,
    name: guide.name[locale],
    about: guide.about[locale],
    kinds: [...guide.kinds],
    source: guide.source,
    prompts: guide.prompts.map((p) => ({ id: p.id, ...p[locale], ...(p.change ? { change: true } : {}) })),
    own: false,
  };
}

/**
 * The words of a reflection in `locale`: a preset guide's name and questions in that language
 * (the reflection keeps the words it was started in), an own guide's as they are.
 */
export function reflectionWording(
  reflection: { guideId: string; guideName: string; prompts: readonly GuidePrompt[] },
  locale: GuideLocale,
): { guideName: string; prompts: GuidePrompt[] } {
  const preset = findPresetGuide(reflection.guideId);
  if (!preset) return { guideName: reflection.guideName, prompts: reflection.prompts.map((p) => ({ ...p })) };
  const wording = localizeGuide(preset, locale);
  return {
    guideName: wording.name,
    prompts: reflection.prompts.map((p) => {
      const localized = wording.prompts.find((w) => w.id === p.id);
      return localized ? { ...p, heading: localized.heading, question: localized.question } : { ...p };
    }),
  };
}

/**
 * The guides that fit a kind first (in their order), then the others. `own` guides follow
 * the presets within each group.
 */
export function guidesForKind(guides: readonly Guide[], kind: EvidenceKind): { fitting: Guide[]; other: Guide[] } {
  return {
    fitting: guides.filter((g) => g.kinds.includes(kind)),
    other: guides.filter((g) => !g.kinds.includes(kind)),
  };
}
