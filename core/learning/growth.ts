// The growth view of one theme, computed from the dossier: its answered reflections in time
// (the first and the latest side by side), the self-ratings per period and the "gaandeweg
// veranderd" answer. Pure over plain values.
import type { Clip, EvidenceKind, GuidePrompt } from '../dossier/types.js';
import { answeredPrompts, cleanNote, reflectionStatus } from './answered.js';
import { reflectionWording, type GuideLocale } from './guides.js';
import type { Period, Rating } from './types.js';

/** One answered reflection with the evidence it is about. */
export interface DatedReflection {
  clipId: string;
  clipTitle: string;
  kind: EvidenceKind;
  /** The reflection's id, or null for the free note. */
  reflectionId: string | null;
  /** The guide's name, or null for the free note. */
  guideName: string | null;
  /** ms since the epoch (the note: the clip's date). */
  date: number;
  /** The answered questions (the note: one entry without a prompt). */
  answers: { prompt: GuidePrompt | null; answer: string }[];
}

export interface GrowthView {
  themeId: string;
  /** Answered reflections on the theme's evidence, oldest first. */
  reflections: DatedReflection[];
  first: DatedReflection | null;
  /** Null when there is only one. */
  latest: DatedReflection | null;
  ratings: { period: Period; rating: Rating | null }[];
  changed: string;
}

/** Answered reflections of clips (not in the trash), oldest first; preset guides in `locale`. */
export function answeredReflections(clips: readonly Clip[], locale: GuideLocale = 'nl'): DatedReflection[] {
  const out: DatedReflection[] = [];
  for (const clip of clips) {
    if (clip.trashed) continue;
    const base = { clipId: clip.id, clipTitle: clip.title, kind: clip.kind };
    const note = cleanNote(clip.note);
    if (note) out.push({ ...base, reflectionId: null, guideName: null, date: clip.createdAt, answers: [{ prompt: null, answer: note }] });
    for (const reflection of clip.reflections) {
      if (!reflectionStatus(reflection).complete) continue;
      const wording = reflectionWording(reflection, locale);
      const answers = answeredPrompts(reflection).map(({ prompt, answer }) => ({ prompt: wording.prompts.find((p) => p.id === prompt.id) ?? prompt, answer }));
      out.push({ ...base, reflectionId: reflection.id, guideName: wording.guideName, date: reflection.createdAt, answers });
    }
  }
  return out.sort((a, b) => a.date - b.date || a.clipId.localeCompare(b.clipId));
}

export function growthView(input: {
  themeId: string;
  clips: readonly Clip[];
  periods: readonly Period[];
  rating: (periodId: string, themeId: string) => Rating | null;
  changed: string;
  locale?: GuideLocale;
}): GrowthView {
  const reflections = answeredReflections(
    input.clips.filter((c) => c.themes.includes(input.themeId)),
    input.locale,
  );
  return {
    themeId: input.themeId,
    reflections,
    first: reflections[0] ?? null,
    latest: reflections.length > 1 ? reflections[reflections.length - 1]! : null,
    ratings: input.periods.map((period) => ({ period, rating: input.rating(period.id, input.themeId) })),
    changed: input.changed,
  };
}
