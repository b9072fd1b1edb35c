// Operations on the evidence fields of a clip: its kind, its card, attached photos and files
// (metadata; the bytes go to a BlobStore first) and guided reflections with one mergeable
// answer per question. Each validates first and changes nothing when it rejects.
import * as v from 'valibot';
import * as Y from 'yjs';
import { KnipselError } from '../errors.js';
import { createId } from '../ids.js';
import { isClipMap, roots } from './doc-layout.js';
import { assertOwnReflection, docAuthor, localEdit } from './write-guard.js';
import { attachmentPrefix, cardPrefix, isReflectionMap, readReflection, reflectionPrefix } from './evidence-layout.js';
import { answerSchema, attachmentInputSchema, cardPatchSchema, kindSchema, reflectionInputSchema } from './evidence-schema.js';
import { replaceText } from './text-diff.js';
import { idSchema, parse } from './schema.js';
import type { EvidenceCard, EvidenceKind, Reflection } from './types.js';

export type CardPatch = Partial<EvidenceCard>;
export type AttachmentInput = v.InferInput<typeof attachmentInputSchema>;
export type ReflectionInput = v.InferInput<typeof reflectionInputSchema>;

/** Most attachments one clip may carry. */
export const maxAttachmentsPerClip = 50;

export function createEvidenceOps(doc: Y.Doc, now: () => number = Date.now) {
  const { clips } = roots(doc);

  function clipMap(id: string): Y.Map<unknown> {
    const map = clips.get(id);
    if (!isClipMap(map)) throw new KnipselError('not-found', `No clip with id ${id} in this dossier.`, { id });
    return map;
  }

  function reflectionMap(clipId: string, reflectionId: string): Y.Map<unknown> {
    const map = clipMap(clipId).get(reflectionPrefix + reflectionId);
    if (!isReflectionMap(map)) throw new KnipselError('not-found', `No reflection ${reflectionId} on clip ${clipId}.`, { clipId, reflectionId });
    return map;
  }

  function answerText(clipId: string, reflectionId: string, promptId: string): Y.Text {
    const text = (reflectionMap(clipId, reflectionId).get('answers') as Y.Map<unknown>).get(promptId);
    if (!(text instanceof Y.Text)) throw new KnipselError('not-found', `No question ${promptId} in reflection ${reflectionId}.`, { promptId });
    return text;
  }

  const touch = (map: Y.Map<unknown>, at = now()) => map.set('updatedAt', at);

  return {
    setKind(ids: string[], kind: EvidenceKind): void {
      const parsedKind = parse(kindSchema, kind, 'evidence kind');
      const maps = parse(v.pipe(v.array(idSchema), v.maxLength(100_000)), ids, 'clip ids').map(clipMap);
      localEdit(doc, () => {
        for (const map of maps) {
          if (map.get('kind') === parsedKind) continue;
          map.set('kind', parsedKind);
          touch(map);
        }
      });
    },

    /** Set card fields; only the fields given change (an empty string clears one). */
    updateCard(clipId: string, patch: CardPatch): void {
      const parsed = parse(cardPatchSchema, patch, 'card');
      const map = clipMap(clipId);
      const changes = Object.entries(parsed).filter(([field, value]) => value !== undefined && (map.get(cardPrefix + field) ?? '') !== value);
      if (changes.length === 0) return;
      localEdit(doc, () => {
        for (const [field, value] of changes) {
          if (value === '') map.delete(cardPrefix + field);
          else map.set(cardPrefix + field, value);
        }
        touch(map);
      });
    },

    /** Record an attachment whose bytes are already in the blob store. Returns its id. */
    addAttachment(clipId: string, input: AttachmentInput): string {
      const parsed = parse(attachmentInputSchema, input, 'attachment');
      const map = clipMap(clipId);
      const count = [...map.keys()].filter((key) => key.startsWith(attachmentPrefix)).length;
      if (count >= maxAttachmentsPerClip) {
        throw new KnipselError('invalid-input', `A clip holds at most ${maxAttachmentsPerClip} attachments.`, { reason: 'too-many-attachments', max: maxAttachmentsPerClip });
      }
      const id = createId();
      const at = now();
      localEdit(doc, () => {
        map.set(attachmentPrefix + id, { ...parsed, addedAt: at });
        touch(map, at);
      });
      return id;
    },

    removeAttachment(clipId: string, attachmentId: string): void {
      const map = clipMap(clipId);
      if (!map.has(attachmentPrefix + attachmentId)) throw new KnipselError('not-found', `No attachment ${attachmentId} on clip ${clipId}.`);
      localEdit(doc, () => {
        map.delete(attachmentPrefix + attachmentId);
        touch(map);
      });
    },

    /**
     * Start a reflection that follows a guide: the guide's questions are kept with it and
     * each gets an empty answer. Returns the reflection's id.
     */
    startReflection(clipId: string, input: ReflectionInput, answers: Record<string, string> = {}): string {
      const parsed = parse(reflectionInputSchema, input, 'reflection');
      const initial = parse(v.record(idSchema, answerSchema), answers, 'answers');
      const map = clipMap(clipId);
      const by = docAuthor(doc);
      const id = createId();
      const at = now();
      localEdit(doc, () => {
        const reflection = new Y.Map<unknown>();
        map.set(reflectionPrefix + id, reflection);
        reflection.set('guideId', parsed.guideId);
        reflection.set('guideName', parsed.guideName);
        reflection.set(
          'prompts',
          parsed.prompts.map((p) => ({ ...p })),
        );
        const answerMap = new Y.Map<Y.Text>();
        reflection.set('answers', answerMap);
        for (const prompt of parsed.prompts) {
          const text = new Y.Text();
          answerMap.set(prompt.id, text);
          if (initial[prompt.id]) text.insert(0, initial[prompt.id]!);
        }
        reflection.set('createdAt', at);
        reflection.set('updatedAt', at);
        if (by) reflection.set('by', by);
        touch(map, at);
      });
      return id;
    },

    reflection(clipId: string, reflectionId: string): Reflection {
      return readReflection(reflectionId, reflectionMap(clipId, reflectionId));
    },

    /** The live answer of one question, for editors that bind to it. */
    answerText,

    /** Replace an answer (a minimal diff is applied, so concurrent typing merges). */
    setAnswer(clipId: string, reflectionId: string, promptId: string, value: string): void {
      const text = parse(answerSchema, value, 'answer');
      const ytext = answerText(clipId, reflectionId, promptId);
      const reflection = reflectionMap(clipId, reflectionId);
      const clip = clipMap(clipId);
      assertOwnReflection(doc, reflection);
      if (ytext.toString() === text) return;
      localEdit(doc, () => {
        replaceText(ytext, text);
        const at = now();
        touch(reflection, at);
        touch(clip, at);
      });
    },

    removeReflection(clipId: string, reflectionId: string): void {
      assertOwnReflection(doc, reflectionMap(clipId, reflectionId));
      const map = clipMap(clipId);
      localEdit(doc, () => {
        map.delete(reflectionPrefix + reflectionId);
        touch(map);
      });
    },
  };
}

export type EvidenceOps = ReturnType<typeof createEvidenceOps>;
