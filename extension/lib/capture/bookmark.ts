// A bookmark capture built without reading the page: for "Knip link" (the link target is
// not open) and as a fallback for a selection the page would not give us.
import type { Capture } from '@knipsel/core';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A title for an address without one: host and path, readable. */
export function titleFromUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = decodeURIComponent(parsed.pathname).replace(/\/$/, '');
    return `${parsed.hostname.replace(/^www\./, '')}${path}`;
  } catch {
    return url;
  }
}

export function bookmarkCapture(url: string, title: string | null, now = Date.now()): Capture {
  return {
    url,
    canonicalUrl: url,
    title: (title ?? '').replace(/\s+/g, ' ').trim().slice(0, 500) || titleFromUrl(url),
    byline: null,
    siteName: null,
    published: null,
    lang: null,
    description: null,
    image: null,
    html: '',
    markdown: '',
    text: '',
    wordCount: 0,
    capturedAt: now,
    mode: 'bookmark',
  };
}

/** A selection capture from plain text only (the context menu's selectionText). */
export function textSelectionCapture(url: string, title: string, text: string, now = Date.now()): Capture {
  const clean = text.trim();
  return {
    ...bookmarkCapture(url, title, now),
    html: `<p>${escapeHtml(clean)}</p>`,
    markdown: clean,
    text: clean,
    wordCount: clean.split(/\s+/).filter(Boolean).length,
    mode: 'selection',
  };
}
