// Completing a link: a clip saved as a link without the page's text (a bookmark from an
// import, a link added in the app or shared from a phone) gets the capture of its page when
// the user clips that page later, in place — same id, note, themes, highlights and date
// added, so every address of the clip keeps working. A capture is otherwise never replaced.
// Kept beside the clip operations, not among them: only the extension completes links.
import { KnipselError } from '../errors.js';
import { comparableUrl } from './clips.js';
import type { Dossier } from './dossier.js';
import { isClipMap, localOrigin, roots } from './doc-layout.js';
import { captureSchema, parse } from './schema.js';
import type { Capture } from './types.js';

/** A link saved without the page's text: what "Tekst aanvullen" offers to complete. */
export function isIncompleteLink(capture: Pick<Capture, 'mode' | 'html'>): boolean {
  return capture.mode === 'bookmark' && capture.html.trim() === '';
}

/**
 * Puts `capture` (of the same page) into the clip `clipId` of `dossier`, in place. The title
 * follows the page unless the user gave the clip a title of its own.
 */
export function completeLink(dossier: Pick<Dossier, 'doc'>, clipId: string, capture: Capture, now: () => number = Date.now): void {
  const next = parse(captureSchema, capture, 'capture');
  const map = roots(dossier.doc).clips.get(clipId);
  if (!isClipMap(map)) throw new KnipselError('not-found', `No clip with id ${clipId} in this dossier.`, { id: clipId });
  const old = map.get('capture') as Capture;
  if (!isIncompleteLink(old)) throw new KnipselError('invalid-input', 'This clip already holds the page’s text.', { reason: 'complete' });
  const same = [old.url, old.canonicalUrl].map(comparableUrl);
  if (!same.includes(comparableUrl(next.url)) && !same.includes(comparableUrl(next.canonicalUrl))) {
    throw new KnipselError('invalid-input', 'That capture is of another page.', { reason: 'complete-url' });
  }
  const autoTitle = map.get('title') === (old.title || old.url);
  dossier.doc.transact(() => {
    map.set('capture', { ...next });
    if (autoTitle) map.set('title', next.title || next.url);
    map.set('updatedAt', now());
  }, localOrigin);
}
