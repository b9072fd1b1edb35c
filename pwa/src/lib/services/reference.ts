// The APA 7 reference of a clip for the reader (core/capture/citation.ts does the work):
// the user's edited title wins, note-clips have none, copy puts text and HTML on the clipboard.
import { apaReference, apaReferenceHtml } from '@knipsel/core/capture';
import type { Clip } from '@knipsel/core';
import { sanitizeClipHtml } from './sanitize.js';

export interface Reference {
  text: string;
  /** Sanitised HTML with the title in <em> (for display and rich paste into Word). */
  html: string;
}

export function clipReference(clip: Clip, locale: 'nl' | 'en'): Reference | null {
  if (clip.capture.mode === 'note') return null;
  const capture = { ...clip.capture, title: clip.title || clip.capture.title };
  try {
    return { text: apaReference(capture, { locale }), html: sanitizeClipHtml(apaReferenceHtml(capture, { locale })) };
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
