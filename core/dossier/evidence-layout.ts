// Where the evidence fields of a clip live in its Y.Map, and readers for them. Each is under
// its own key, so concurrent edits never race on creating a shared container:
//
//   kind                 string        EvidenceKind (absent on clips made before kinds: praktijkvoorbeeld)
//   card:<field>         string        one EvidenceCard field each (last writer wins per field)
//   attachment:<id>      plain object  { hash, name, type, size, addedAt } (bytes in the blob store)
//   reflection:<id>      Y.Map         { guideId, guideName, prompts: GuidePrompt[] (plain),
//                                        answers: Y.Map<promptId, Y.Text>, createdAt, updatedAt,
//                                        by?: { id, name } — the member who started it, who alone writes in it }
//
// A reflection's answers are created with it, one Y.Text per question, so two people typing
// answers merge like the note does. Anything a peer wrote that does not have these shapes is
// skipped by the readers.
import * as Y from 'yjs';
import { attachmentSchema, guidePromptsSchema } from './evidence-schema.js';
import { validOnce } from './valid-once.js';
import { readAuthor } from './author.js';
import { cardFields, feedbackSources, evidenceKinds, type Attachment, type EvidenceCard, type EvidenceKind, type GuidePrompt, type Reflection } from './types.js';

export const cardPrefix = 'card:';
export const attachmentPrefix = 'attachment:';
export const reflectionPrefix = 'reflection:';

export const defaultKind: EvidenceKind = 'praktijkvoorbeeld';

export function readKind(map: Y.Map<unknown>): EvidenceKind {
  const kind = map.get('kind');
  return typeof kind === 'string' && (evidenceKinds as readonly string[]).includes(kind) ? (kind as EvidenceKind) : defaultKind;
}

export function emptyCard(): EvidenceCard {
  return { context: '', initiative: '', worked: '', notWorked: '', myWijk: '', date: '', place: '', involved: '', happened: '', from: '', fromRole: '', said: '' };
}

export function readCard(map: Y.Map<unknown>): EvidenceCard {
  const card = emptyCard();
  for (const field of cardFields) {
    const value = map.get(cardPrefix + field);
    if (typeof value === 'string') (card as unknown as Record<string, string>)[field] = value;
  }
  if (card.fromRole && !(feedbackSources as readonly string[]).includes(card.fromRole)) card.fromRole = '';
  return card;
}

const validAttachment = validOnce(attachmentSchema);
const validPrompts = validOnce(guidePromptsSchema);

export function readAttachments(map: Y.Map<unknown>): Attachment[] {
  const out: Attachment[] = [];
  for (const [key, value] of map.entries()) {
    if (!key.startsWith(attachmentPrefix) || !validAttachment(value)) continue;
    out.push({ id: key.slice(attachmentPrefix.length), ...(value as Omit<Attachment, 'id'>) });
  }
  return out.sort((a, b) => a.addedAt - b.addedAt || a.id.localeCompare(b.id));
}

/** True when a value under a `reflection:` key has the shape of a reflection. */
export function isReflectionMap(value: unknown): value is Y.Map<unknown> {
  return value instanceof Y.Map && typeof value.get('guideId') === 'string' && value.get('answers') instanceof Y.Map && validPrompts(value.get('prompts'));
}

export function readReflection(id: string, map: Y.Map<unknown>): Reflection {
  const answersMap = map.get('answers') as Y.Map<unknown>;
  const answers: Record<string, string> = {};
  for (const [promptId, text] of answersMap.entries()) if (text instanceof Y.Text) answers[promptId] = text.toString();
  const createdAt = typeof map.get('createdAt') === 'number' ? (map.get('createdAt') as number) : 0;
  return {
    id,
    guideId: map.get('guideId') as string,
    guideName: typeof map.get('guideName') === 'string' ? (map.get('guideName') as string) : '',
    prompts: (map.get('prompts') as GuidePrompt[]).map((p) => ({ ...p })),
    answers,
    createdAt,
    updatedAt: typeof map.get('updatedAt') === 'number' ? (map.get('updatedAt') as number) : createdAt,
    by: readAuthor(map.get('by')),
  };
}

export function readReflections(map: Y.Map<unknown>): Reflection[] {
  const out: Reflection[] = [];
  for (const [key, value] of map.entries()) {
    if (key.startsWith(reflectionPrefix) && isReflectionMap(value)) out.push(readReflection(key.slice(reflectionPrefix.length), value));
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
