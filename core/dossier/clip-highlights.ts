// Highlight operations on a clip: a quote with its position, a colour and a note. Validated
// first, like every clip operation; a clip's edit time moves with its highlights.
import * as Y from 'yjs';
import * as v from 'valibot';
import { KnipselError } from '../errors.js';
import { createId } from '../ids.js';
import { localOrigin } from './doc-layout.js';
import { highlightInputSchema, highlightPatchSchema, parse } from './schema.js';

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

  return {
    addHighlight(clipId: string, input: HighlightInput): string {
      const parsed = parse(highlightInputSchema, input, 'highlight');
      const [map, highlights] = highlightsOf(clipId);
      const id = createId();
      doc.transact(() => {
        const highlight = new Y.Map<unknown>();
        highlights.set(id, highlight);
        highlight.set('quote', { ...parsed.quote });
        highlight.set('position', parsed.position ?? null);
        highlight.set('note', parsed.note ?? '');
        highlight.set('colour', parsed.colour ?? 'inspiratie');
        highlight.set('createdAt', now());
        touch(map);
      }, localOrigin);
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
  };
}
