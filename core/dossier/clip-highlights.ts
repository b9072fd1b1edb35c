// Highlight operations on a clip: a quote with its position, a colour and a note; a removed
// one can be put back whole (its id and date kept, so an undo restores the very record the
// extension shows on the live page too). Validated first, like every clip operation; a
// clip's edit time moves with its highlights.
import * as Y from 'yjs';
import * as v from 'valibot';
import { KnipselError } from '../errors.js';
import { createId } from '../ids.js';
import { localOrigin } from './doc-layout.js';
import { highlightInputSchema, highlightPatchSchema, highlightRecordSchema, parse } from './schema.js';
import type { Highlight } from './types.js';

export type HighlightInput = v.InferInput<typeof highlightInputSchema>;
export type HighlightPatch = v.InferInput<typeof highlightPatchSchema>;

interface ClipAccess {
  /** The clip's map; throws not-found for an unknown id. */
  clipMap(id: string): Y.Map<unknown>;
  touch(map: Y.Map<unknown>): void;
  now(): number;
}

export function createHighlightOps(doc: Y.Doc, { clipMap, touch, now }: ClipAccess) {
  function highlightsOf(clipId: string): [Y.Map<unknown>, Y.Map<Y.Map<unknown>>] {
    const map = clipMap(clipId);
    return [map, map.get('highlights') as Y.Map<Y.Map<unknown>>];
  }

  /** Write a validated highlight record under `id`. */
  function put(clipId: string, id: string, record: Omit<Highlight, 'id'>): void {
    const [map, highlights] = highlightsOf(clipId);
    doc.transact(() => {
      const highlight = new Y.Map<unknown>();
      highlights.set(id, highlight);
      highlight.set('quote', { ...record.quote });
      highlight.set('position', record.position ? { ...record.position } : null);
      highlight.set('note', record.note);
      highlight.set('colour', record.colour);
      highlight.set('createdAt', record.createdAt);
      touch(map);
    }, localOrigin);
  }

  return {
    addHighlight(clipId: string, input: HighlightInput): string {
      const parsed = parse(highlightInputSchema, input, 'highlight');
      const id = createId();
      put(clipId, id, { quote: parsed.quote, position: parsed.position ?? null, note: parsed.note ?? '', colour: parsed.colour ?? 'inspiratie', createdAt: now() });
      return id;
    },

    updateHighlight(clipId: string, highlightId: string, patch: HighlightPatch): void {
      const parsed = parse(highlightPatchSchema, patch, 'highlight change');
      const [map, highlights] = highlightsOf(clipId);
      const highlight = highlights.get(highlightId);
      if (!highlight) throw new KnipselError('not-found', `No highlight ${highlightId} on clip ${clipId}.`);
      doc.transact(() => {
        if (parsed.note !== undefined) highlight.set('note', parsed.note);
        if (parsed.colour !== undefined) highlight.set('colour', parsed.colour);
        touch(map);
      }, localOrigin);
    },

    removeHighlight(clipId: string, highlightId: string): void {
      const [map, highlights] = highlightsOf(clipId);
      if (!highlights.has(highlightId)) throw new KnipselError('not-found', `No highlight ${highlightId} on clip ${clipId}.`);
      doc.transact(() => {
        highlights.delete(highlightId);
        touch(map);
      }, localOrigin);
    },

    /** Put back a highlight removed before (an undo): the same id, quote, colour, note and date. */
    restoreHighlight(clipId: string, highlight: Highlight): void {
      const parsed = parse(highlightRecordSchema, highlight, 'highlight');
      const [, highlights] = highlightsOf(clipId);
      if (highlights.has(parsed.id)) throw new KnipselError('conflict', `Clip ${clipId} has a highlight ${parsed.id} already.`, { id: parsed.id });
      const { id, ...record } = parsed;
      put(clipId, id, record);
    },
  };
}
