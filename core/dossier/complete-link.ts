// A link saved without the page's text (a bookmark from an import, a link added in the app):
// the user can complete it by clipping that page later, in place (`clips.complete`). Clips
// shared from a phone are marked `toComplete` as well, so the popup completes them itself.
import type { Capture } from './types.js';

/**
 * A link saved without the page's text: what "Tekst aanvullen" offers to complete. `body` is
 * the clip's body reference (Clip.body): a capture whose body is kept apart has text.
 */
export function isIncompleteLink(capture: Pick<Capture, 'mode' | 'html'>, body?: unknown): boolean {
  return body === undefined && capture.mode === 'bookmark' && capture.html.trim() === '';
}
