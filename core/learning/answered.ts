// When a reflection counts: an answer is more than its question or a heading. Coverage
// (portfolio, growth) counts only answered reflections, and exports leave unanswered
// questions out. Pure functions over plain values.
import type { Reflection } from '../dossier/types.js';
import { legacyNotePrompts } from './preset-guides.js';

/** Letters and digits an answer needs besides the question and heading ("ja" is not a reflection). */
const minimumCharacters = 3;

const normalize = (line: string) => line.trim().replace(/\s+/g, ' ').toLowerCase();
const legacyLines = new Set(legacyNotePrompts.flatMap((p) => [normalize(p.heading), normalize(p.question)]));
const legacyHeadings = new Set(legacyNotePrompts.map((p) => normalize(p.heading)));
const legacyQuestions = new Set(legacyNotePrompts.map((p) => normalize(p.question)));

function meaningfulCharacters(text: string): number {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

/**
 * True when `text` answers the question: what is left after taking out the question, the
 * heading and the lines the app once inserted as prompts holds at least a few letters.
 */
export function isAnswer(text: string, prompt?: { heading: string; question: string }): boolean {
  let rest = text;
  if (prompt) {
    for (const part of [prompt.question, prompt.heading]) if (part.trim()) rest = rest.split(part).join(' ');
  }
  rest = rest
    .split('\n')
    .filter((line) => !legacyLines.has(normalize(line)))
    .join('\n');
  return meaningfulCharacters(rest) >= minimumCharacters;
}

export interface ReflectionStatus {
  answered: number;
  total: number;
  /** Every question answered: the reflection counts. */
  complete: boolean;
}

export function reflectionStatus(reflection: Pick<Reflection, 'prompts' | 'answers'>): ReflectionStatus {
  const total = reflection.prompts.length;
  const answered = reflection.prompts.filter((p) => isAnswer(reflection.answers[p.id] ?? '', p)).length;
  return { answered, total, complete: total > 0 && answered === total };
}

/** The answered questions of a reflection, in the guide's order (what an export shows). */
export function answeredPrompts(reflection: Pick<Reflection, 'prompts' | 'answers'>) {
  return reflection.prompts.filter((p) => isAnswer(reflection.answers[p.id] ?? '', p)).map((p) => ({ prompt: p, answer: (reflection.answers[p.id] ?? '').trim() }));
}

/**
 * The free note without what the app once inserted as prompts: a heading stays only when
 * something under it answers, question lines go. Empty when nothing is left.
 */
export function cleanNote(note: string): string {
  const sections: { heading: string | null; body: string[] }[] = [{ heading: null, body: [] }];
  for (const line of note.replace(/\r\n?/g, '\n').split('\n')) {
    const key = normalize(line);
    if (legacyHeadings.has(key)) sections.push({ heading: line.trim(), body: [] });
    else if (!legacyQuestions.has(key)) sections[sections.length - 1]!.body.push(line);
  }
  const kept: string[] = [];
  for (const { heading, body } of sections) {
    const text = body.join('\n').trim();
    if (!isAnswer(text)) continue;
    kept.push(heading ? `${heading}\n${text}` : text);
  }
  return kept.join('\n\n');
}

/** The free note counts as a reflection when it holds an answer (not only prompts). */
export function noteIsAnswered(note: string): boolean {
  return cleanNote(note) !== '';
}

/** Answered reflections of a clip: complete guided ones, plus the note when it answers. */
export function answeredReflectionCount(clip: { note: string; reflections: Pick<Reflection, 'prompts' | 'answers'>[] }): number {
  return clip.reflections.filter((r) => reflectionStatus(r).complete).length + (noteIsAnswered(clip.note) ? 1 : 0);
}
