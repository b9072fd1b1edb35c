// The APA 7 reference of a clip for the reader (core/capture/citation.ts does the work): the
// source as captured with the user's corrections (never the clip's own title), the in-text
// citation for quotes; note-clips have none; copy puts text and HTML on the clipboard.
import { apaReference, apaReferenceHtml } from '@knipsel/core/capture';
import { citedSource, inTextCitation } from '@knipsel/core/export';
import type { Clip } from '@knipsel/core';
import { sanitizeClipHtml } from './sanitize.js';

export interface Reference {
  text: string;
  /** Sanitised HTML with the site or title in <em> (for display and rich paste into Word). */
  html: string;
  /** "(Koenen, 2016)". */
  inText: string;
}

export function clipReference(clip: Clip, locale: 'nl' | 'en'): Reference | null {
  if (clip.capture.mode === 'note') return null;
  const capture = citedSource(clip);
  try {
    return { text: apaReference(capture, { locale }), html: sanitizeClipHtml(apaReferenceHtml(capture, { locale })), inText: inTextCitation(clip, locale) };
  } catch {
    return null;
  }
}

export async function copyReference(reference: Reference): Promise<void> {
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
    try {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/plain': new Blob([reference.text], { type: 'text/plain' }),
          'text/html': new Blob([reference.html], { type: 'text/html' }),
        }),
      ]);
      return;
    } catch {
      // fall back to plain text
    }
  }
  await navigator.clipboard.writeText(reference.text);
}
