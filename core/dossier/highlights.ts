// Highlight operations on a clip: add one (a text quote with its meaning colour and note),
// change its colour or note, remove it, and put a removed one back whole (its id and date
// kept, so an undo restores the very record the extension shows on the live page too).
// Each validates first and changes nothing when it rejects.
import * as v from 'valibot';
import * as Y from 'yjs';
import { KnipselError } from '../errors.js';
import { createId } from '../ids.js';
import { isClipMap, localOrigin, roots } from './doc-layout.js';
import { highlightInputSchema, highlightPatchSchema, highlightRecordSchema, parse } from './schema.js';
import type { Highlight } from './types.js';

export type HighlightInput = v.InferInput<typeof highlightInputSchema>;
export type HighlightPatch = v.InferInput<typeof highlightPatchSchema>;

export function createHighlightOps(doc: Y.Doc, now: () => number = Date.now) {
  const { clips } = roots(doc);

  function highlightsOf(clipId: string): { clip: Y.Map<unknown>; highlights: Y.Map<Y.Map<unknown>> } {
    const clip = clips.get(clipId);
    if (!isClipMap(clip)) throw new KnipselError('not-found', `No clip with id ${clipId} in this dossier.`, { id: clipId });
    return { clip, highlights: clip.get('highlights') as Y.Map<Y.Map<unknown>> };
  }

  /** Write a highlight record under `id` (validated by the caller). */
  function put(clipId: string, id: string, record: Omit<Highlight, 'id'>): void {
    const { clip, highlights } = highlightsOf(clipId);
    doc.transact(() => {
      const highlight = new Y.Map<unknown>();
      highlights.set(id, highlight);
      highlight.set('quote', { ...record.quote });
      highlight.set('position', record.position ? { ...record.position } : null);
      highlight.set('note', record.note);
      highlight.set('colour', record.colour);
      highlight.set('createdAt', record.createdAt);
      clip.set('updatedAt', now());
    }, localOrigin);
  }

  return {
    addHighlight(clipId: string, input: HighlightInput): string {
      const parsed = parse(highlightInputSchema, input, 'highlight');
      highlightsOf(clipId);
      const id = createId();
      put(clipId, id, { quote: parsed.quote, position: parsed.position ?? null, note: parsed.note ?? '', colour: parsed.colour ?? 'inspiratie', createdAt: now() });
      return id;
    },

    updateHighlight(clipId: string, highlightId: string, patch: HighlightPatch): void {
      const parsed = parse(highlightPatchSchema, patch, 'highlight change');
      const { clip, highlights } = highlightsOf(clipId);
      const highlight = highlights.get(highlightId);
      if (!highlight) throw new KnipselError('not-found', `No highlight ${highlightId} on clip ${clipId}.`);
      doc.transact(() => {
        if (parsed.note !== undefined) highlight.set('note', parsed.note);
        if (parsed.colour !== undefined) highlight.set('colour', parsed.colour);
        clip.set('updatedAt', now());
      }, localOrigin);
    },

    removeHighlight(clipId: string, highlightId: string): void {
      const { clip, highlights } = highlightsOf(clipId);
      if (!highlights.has(highlightId)) throw new KnipselError('not-found', `No highlight ${highlightId} on clip ${clipId}.`);
      doc.transact(() => {
        highlights.delete(highlightId);
        clip.set('updatedAt', now());
      }, localOrigin);
    },

    /** Put back a highlight removed before (an undo): the same id, quote, colour, note and date. */
    restoreHighlight(clipId: string, highlight: Highlight): void {
      const parsed = parse(highlightRecordSchema, highlight, 'highlight');
      const { highlights } = highlightsOf(clipId);
      if (highlights.has(parsed.id)) throw new KnipselError('conflict', `Clip ${clipId} has a highlight ${parsed.id} already.`, { id: parsed.id });
      const { id, ...record } = parsed;
      put(clipId, id, record);
    },
  };
}
