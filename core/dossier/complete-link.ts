// A link saved without the page's text (a bookmark from an import, a link added in the app):
// the user can complete it by clipping that page later, in place (`clips.complete`). Clips
// shared from a phone are marked `toComplete` as well, so the popup completes them itself.
import type { Capture } from './types.js';

/** A link saved without the page's text: what "Tekst aanvullen" offers to complete. */
export function isIncompleteLink(capture: Pick<Capture, 'mode' | 'html'>): boolean {
  return capture.mode === 'bookmark' && capture.html.trim() === '';
}
