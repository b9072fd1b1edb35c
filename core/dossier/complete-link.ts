// Completing a link: a clip saved as a link without the page's text (a bookmark from an
// import, a link added in the app or shared from a phone) gets the capture of its page when
// the user clips that page later, in place — same id, note, themes, highlights and date
// added, so every address of the clip keeps working. A capture is otherwise never replaced.
import type * as Y from 'yjs';
import { KnipselError } from '../errors.js';
import { captureSchema, parse } from './schema.js';
import type { Capture } from './types.js';

/** A link saved without the page's text: what "Tekst aanvullen" offers to complete. */
export function isIncompleteLink(capture: Pick<Capture, 'mode' | 'html'>): boolean {
  return capture.mode === 'bookmark' && capture.html.trim() === '';
}

/**
 * Puts `capture` (of the same page: `comparable` addresses) into the clip `map` in place. The
 * title follows the page unless the user gave the clip a title of its own. Runs inside the
 * caller's transaction.
 */
export function completeLink(map: Y.Map<unknown>, capture: Capture, comparableUrl: (url: string) => string, touch: () => void): void {
  const next = parse(captureSchema, capture, 'capture');
  const old = map.get('capture') as Capture;
  if (!isIncompleteLink(old)) throw new KnipselError('invalid-input', 'This clip already holds the page’s text.', { reason: 'complete' });
  const same = [old.url, old.canonicalUrl].map(comparableUrl);
  if (!same.includes(comparableUrl(next.url)) && !same.includes(comparableUrl(next.canonicalUrl))) {
    throw new KnipselError('invalid-input', 'That capture is of another page.', { reason: 'complete-url' });
  }
  const autoTitle = map.get('title') === (old.title || old.url);
  map.set('capture', { ...next });
  if (autoTitle) map.set('title', next.title || next.url);
  touch();
}
