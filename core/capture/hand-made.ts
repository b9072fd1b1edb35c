// Captures made without reading a page: a link (bookmark), selected text the page would not
// give us, a note typed or pasted in the app, a bookmark from an imported file. The one place
// that fills in a Capture by hand; extraction (extract.ts) makes the others.
import { noteClipUrl } from '../dossier/schema.js';
import type { Capture } from '../dossier/types.js';
import { escapeHtml, textToHtml } from './plain-html.js';

/** Accepts "www.example.nl/pad" and "example.nl" too; null when it is no web address. */
export function normalizeUrl(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    return url.toString();
  } catch {
    return null;
  }
}

export function siteNameOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
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

/** A link's or page's title on one line (at most 500 characters), else one from its address. */
export function linkTitle(title: string | null | undefined, url: string): string {
  return (title ?? '').replace(/\s+/g, ' ').trim().slice(0, 500) || titleFromUrl(url);
}

/** A title from the first line of a text, shortened at a word boundary. */
export function titleFromText(text: string, max = 80): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  if (line.length <= max) return line;
  const cut = line.lastIndexOf(' ', max);
  return `${line.slice(0, cut > max * 0.5 ? cut : max)}…`;
}

/** Words of typed text: runs between white space that hold a letter or digit. */
export function countTypedWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export interface HandMadeFields {
  url: string;
  title: string;
  capturedAt: number;
  siteName?: string | null;
  description?: string | null;
  lang?: string | null;
}

function handMade(fields: HandMadeFields, mode: Capture['mode'], text: string, html: string): Capture {
  return {
    url: fields.url,
    canonicalUrl: fields.url,
    title: fields.title,
    byline: null,
    siteName: fields.siteName ?? null,
    published: null,
    lang: fields.lang ?? null,
    description: fields.description ?? null,
    image: null,
    html,
    markdown: html ? text : '',
    text,
    wordCount: countTypedWords(text),
    capturedAt: fields.capturedAt,
    mode,
  };
}

/** A link: no content; `text` is a note carried along (an imported bookmark's). */
export function bookmarkCapture(fields: HandMadeFields & { text?: string }): Capture {
  return handMade(fields, 'bookmark', fields.text ?? '', '');
}

/** Selected plain text (the context menu's selectionText), one paragraph. */
export function selectionCapture(fields: HandMadeFields & { text: string }): Capture {
  const text = fields.text.trim();
  return handMade(fields, 'selection', text, `<p>${escapeHtml(text)}</p>`);
}

/** A note-clip: text typed or pasted in the app, at the fixed note address. */
export function noteCapture(fields: { text: string; title?: string; capturedAt: number; lang?: string }): Capture {
  const text = fields.text.replace(/\r\n?/g, '\n').trim();
  if (!text) throw new Error('empty text');
  const title = fields.title?.trim() || titleFromText(text);
  return handMade({ url: noteClipUrl, title, capturedAt: fields.capturedAt, lang: fields.lang ?? 'nl' }, 'note', text, textToHtml(text));
}

/** Evidence with no source page (an own experience, feedback): its words live in the clip's card. */
export function evidenceCapture(fields: { title: string; capturedAt: number; lang?: string }): Capture {
  const title = fields.title.trim();
  if (!title) throw new Error('empty title');
  return handMade({ url: noteClipUrl, title, capturedAt: fields.capturedAt, lang: fields.lang ?? 'nl' }, 'note', '', '');
}
