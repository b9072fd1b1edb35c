// What a clip is found by: its search document (title, text, note with the evidence around it,
// site, theme names) and the port its text comes through.
import { sourceName } from '../dossier/source.js';
import type { Clip } from '../dossier/types.js';
import type { SearchDocument } from './clip-search.js';

/**
 * The text a clip is found by. The default (`defaultSearchText`) is its capture without the
 * blocks removed as noise; a body store can answer later (a promise).
 */
export type SearchTextSource = (clip: Clip) => string | Promise<string>;

/** The capture's text, or (with removed blocks) its cleaned text, loaded with the render sanitiser when needed. */
export const defaultSearchText: SearchTextSource = (clip) =>
  clip.removedBlocks?.length ? import('../capture/cleaned-capture.js').then(({ cleanedText }) => cleanedText(clip)) : clip.capture.text;

export function toSearchDocument(clip: Clip, themeName: (id: string) => string | undefined, text: string = clip.capture.text): SearchDocument {
  return {
    id: clip.id,
    title: clip.title,
    text,
    note: [
      clip.note,
      ...Object.values(clip.card).filter(Boolean),
      ...clip.reflections.flatMap((r) => Object.values(r.answers)),
      ...clip.attachments.map((a) => a.name),
      ...clip.highlights.map((h) => `${h.quote.exact} ${h.note}`),
    ].join('\n'),
    site: sourceName(clip.capture),
    themes: clip.themes.map(themeName).filter(Boolean).join(' · '),
  };
}
