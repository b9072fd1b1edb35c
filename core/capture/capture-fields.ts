// The Capture record from what extraction found: the page's metadata as plain, checked
// fields (markup dropped, http(s) addresses only, ISO dates, language tags) and the content.
import type { Capture } from '../dossier/types.js';
import type { PageMetadata } from './metadata.js';

/** The content of a capture: sanitised HTML, its text and measures. */
export interface Content {
  html: string;
  text: string;
  wordCount: number;
  linkDensity: number;
}

export function emptyMetadata(): PageMetadata {
  return { title: null, byline: null, siteName: null, published: null, lang: null, canonicalUrl: null, description: null, image: null };
}

/** Metadata are plain text: markup in them (a hostile or sloppy page) is dropped, not kept. */
export function plainField(value: string | null): string | null {
  if (!value) return null;
  const text = value
    .replace(/<\/?[a-z!?][^>]*>?/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text || null;
}

const httpUrl = (value: string | null): string | null => (value && /^https?:\/\//i.test(value) ? value : null);

export function buildCapture(url: string, mode: Capture['mode'], meta: PageMetadata, content: Content, now: number): Capture {
  let title = plainField(meta.title) ?? '';
  if (!title) {
    try {
      title = new URL(url).hostname;
    } catch {
      title = url;
    }
  }
  return {
    url,
    canonicalUrl: httpUrl(meta.canonicalUrl) ?? url,
    title,
    byline: plainField(meta.byline),
    siteName: plainField(meta.siteName),
    published: meta.published && /^\d{4}-\d{2}-\d{2}/.test(meta.published) ? meta.published : null,
    lang: meta.lang && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(meta.lang) ? meta.lang : null,
    description: plainField(meta.description),
    image: httpUrl(meta.image),
    html: content.html,
    // Built from `html` when exported or read (`captureMarkdown`): a third of the time beyond
    // Readability's went into a Markdown copy that most clips never need.
    markdown: '',
    text: content.text,
    wordCount: content.wordCount,
    capturedAt: now,
    mode,
  };
}
