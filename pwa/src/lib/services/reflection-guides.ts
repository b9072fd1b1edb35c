// Reflection guides (vrij, STARR, Korthagen): the prompts they insert into a note. Pure.

export type GuideId = 'free' | 'starr' | 'korthagen';
export const guideIds: readonly GuideId[] = ['free', 'starr', 'korthagen'];

export interface GuidePrompt {
  /** The heading written into the note, e.g. "Situatie". */
  heading: string;
  /** The question shown under it. */
  question: string;
}

/** The note with the guide's prompts appended (after a blank line when there is text). */
export function insertGuide(note: string, prompts: readonly GuidePrompt[]): string {
  if (prompts.length === 0) return note;
  const block = prompts.map((p) => `${p.heading}\n${p.question}\n`).join('\n');
  const trimmed = note.replace(/\s+$/, '');
  return trimmed ? `${trimmed}\n\n${block}` : block;
}

/** True when every heading of the guide is already in the note (no need to insert twice). */
export function hasGuide(note: string, prompts: readonly GuidePrompt[]): boolean {
  return prompts.length > 0 && prompts.every((p) => note.split('\n').some((line) => line.trim() === p.heading));
}
