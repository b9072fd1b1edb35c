// Builds the immutable capture of a clip made inside the app: a link with a note
// (bookmark) or pasted text (note-clip). Pure: no DOM, no storage.
import { noteClipUrl, type Capture } from '../../../../core/index.js';

/** Accepts "www.example.nl/pad" and "example.nl" too; returns null when it is no web address. */
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

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** Paragraphs separated by blank lines; single newlines become <br>. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** A title from the first line of a text, shortened at a word boundary. */
export function titleFromText(text: string, max = 80): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  if (line.length <= max) return line;
  const cut = line.lastIndexOf(' ', max);
  return `${line.slice(0, cut > max * 0.5 ? cut : max)}…`;
}

export function bookmarkCapture(input: { url: string; title?: string; now: number }): Capture {
  const url = normalizeUrl(input.url);
  if (!url) throw new Error('not a web address');
  const title = input.title?.trim() || siteNameOf(url);
  return {
    url,
    canonicalUrl: url,
    title,
    byline: null,
    siteName: siteNameOf(url),
    published: null,
    lang: null,
    description: null,
    image: null,
    html: '',
    markdown: '',
    text: '',
    wordCount: 0,
    capturedAt: input.now,
    mode: 'bookmark',
  };
}

export function noteCapture(input: { text: string; title?: string; now: number; lang?: string }): Capture {
  const text = input.text.replace(/\r\n?/g, '\n').trim();
  if (!text) throw new Error('empty text');
  return {
    url: noteClipUrl,
    canonicalUrl: noteClipUrl,
    title: input.title?.trim() || titleFromText(text),
    byline: null,
    siteName: null,
    published: null,
    lang: input.lang ?? 'nl',
    description: null,
    image: null,
    html: textToHtml(text),
    markdown: text,
    text,
    wordCount: countWords(text),
    capturedAt: input.now,
    mode: 'note',
  };
}

/** The capture of evidence without a source page (an own experience, feedback): its words live in the card. */
export function evidenceCapture(input: { title: string; now: number; lang?: string }): Capture {
  const title = input.title.trim();
  if (!title) throw new Error('empty title');
  return {
    url: noteClipUrl,
    canonicalUrl: noteClipUrl,
    title,
    byline: null,
    siteName: null,
    published: null,
    lang: input.lang ?? 'nl',
    description: null,
    image: null,
    html: '',
    markdown: '',
    text: '',
    wordCount: 0,
    capturedAt: input.now,
    mode: 'note',
  };
}
