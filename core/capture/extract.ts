// extract(document, url, mode): from a page (live DOM or jsdom) to a clean, safe Capture with
// a confidence value, warnings and a suggested fallback. Pure: clones, never mutates the page.
import { extractArticle, type ArticleResult } from './article.js';
import { buildCapture, emptyMetadata, plainField, type Content } from './capture-fields.js';
import { addLead } from './lead.js';
import { removeMetaLines } from './meta-lines.js';
import { articleConfidence, pageConfidence } from './confidence.js';
import { boundedDocument } from './page-limits.js';
import { parseDate } from './dutch-dates.js';
import { escapeHtml, linesToHtml } from './plain-html.js';
import { cleanByline, collectMetadata, headingTitle, textBylineAndDate, type PageMetadata } from './metadata.js';
import { createSanitizer, embedsToLinks } from './sanitize.js';
import { currentSelection, selectionHtml } from './selection.js';
import { countWords, plainText, textAndLinkDensity } from './text-metrics.js';
import { absolutizeUrls, resolveLazyImages } from './urls.js';
import { warning, type ExtractWarning } from './warnings.js';

export type { ExtractMode, ExtractResult } from './extract-result.js';
import type { ExtractMode, ExtractResult } from './extract-result.js';

export interface ExtractOptions {
  /** For mode 'selection'; default: document.getSelection(). */
  selection?: Selection | Range | null;
  /** capturedAt, default Date.now(). */
  now?: number;
  /** The caller already bounded the page's markup (`limitHtml` changed it): say so. */
  pageLimited?: boolean;
}

export type { ExtractWarning } from './warnings.js';

/** Content longer than this (characters of sanitised HTML) is cut, with a warning. */
export const maxHtmlChars = 3_000_000;
/** Confidence is at most this when the page was too large or too deep to read whole. */
const limitedConfidence = 0.6;

function inertDiv(doc: Document, html: string): Element {
  const inert = doc.implementation.createHTMLDocument('');
  const div = inert.createElement('div');
  div.innerHTML = html; // inert document: no scripts run, no resources load
  return div;
}

/**
 * Sanitise content that sits in an inert document (a clone or createHTMLDocument), in place,
 * and derive HTML, text and metrics from it (Markdown is built from the HTML when it is asked
 * for: `captureMarkdown`). `doc` is the page as given (its window
 * creates the sanitiser), even when extraction read a bounded copy of it. `imagesResolved`:
 * the content's lazy images were resolved before (on the clone extraction read).
 */
function finish(doc: Document, content: Element, base: string, warnings: ExtractWarning[], imagesResolved = false): Content {
  let root = content;
  if (root.tagName !== 'DIV') {
    const wrapper = root.ownerDocument.createElement('div');
    wrapper.appendChild(root);
    root = wrapper;
  }
  if (!imagesResolved) resolveLazyImages(root);
  embedsToLinks(root, base);
  absolutizeUrls(root, base);
  const sanitizer =
    createSanitizer(doc.defaultView as (Window & typeof globalThis) | null) ?? createSanitizer(typeof window === 'undefined' ? null : (window as Window & typeof globalThis));
  if (sanitizer) {
    root = sanitizer.sanitizeElement(root);
  } else {
    // No window to sanitise with: keep only the text, escaped.
    root = inertDiv(doc, linesToHtml(plainText(root)));
    warnings.push(warning('text-only'));
  }
  let html = root.innerHTML;
  if (html.length > maxHtmlChars) {
    root = inertDiv(doc, linesToHtml(plainText(root).slice(0, maxHtmlChars / 2)));
    html = root.innerHTML;
    warnings.push(warning('truncated'));
  }
  // Text and link density in one walk of the sanitised content.
  const { text, linkDensity } = textAndLinkDensity(root);
  return { html, text, wordCount: countWords(text), linkDensity };
}

function baseOf(doc: Document, url: string): string {
  try {
    const base = doc.baseURI;
    if (base && /^https?:|^file:/i.test(base) && base !== 'about:blank') {
      // A <base href> is honoured only when it resolves against the page URL.
      return doc.querySelector('base[href]') ? new URL(doc.querySelector('base[href]')!.getAttribute('href')!, url).href : url;
    }
  } catch {
    // fall through
  }
  return url;
}

/** The page body, imported into an inert document, without scripts and hidden parts. */
function pageContent(doc: Document): Element {
  const inert = doc.implementation.createHTMLDocument('');
  const root = inert.createElement('div');
  const body = doc.body ?? doc.documentElement;
  if (!body) return root;
  for (let child = body.firstChild; child; child = child.nextSibling) root.appendChild(inert.importNode(child, true));
  for (const el of Array.from(
    root.querySelectorAll('script, style, noscript, template, [hidden], [aria-hidden="true"], [style*="display:none" i], [style*="display: none" i], link, meta'),
  ))
    el.remove();
  return root;
}

function isHtml(doc: Document): boolean {
  const type = (doc.contentType ?? 'text/html').toLowerCase();
  return type.includes('html') || type.includes('xml');
}

/** Metadata of the article: Readability's reading where it has one, the page's own sources otherwise. */
function mergeArticleMetadata(doc: Document, page: PageMetadata, article: ArticleResult): PageMetadata {
  return {
    ...page,
    title: headingTitle(doc) ?? article.title ?? page.title,
    byline: cleanByline(article.byline) ?? page.byline,
    siteName: article.siteName ?? page.siteName,
    published: parseDate(article.published) ?? page.published,
    lang: page.lang ?? article.lang,
    description: page.description ?? article.excerpt,
  };
}

/** The document as given (its window, its selection) and the one extraction reads (bounded). */
interface Page {
  given: Document;
  read: Document;
  /** The text of the read document's body, read once when first asked for (metadata, lead, confidence). */
  bodyText: () => string;
}

function safeMetadata(page: Page, url: string, scanText: boolean): PageMetadata {
  try {
    return collectMetadata(page.read, url, page.bodyText, scanText);
  } catch {
    return emptyMetadata();
  }
}

/**
 * Byline and date from the page's visible text where `meta` (collected without that scan)
 * has none: the scan is the costly source, and in article mode Readability often has both.
 */
function withTextFacts(page: Page, meta: PageMetadata): PageMetadata {
  if (meta.byline && meta.published) return meta;
  let facts: { byline: string | null; published: string | null };
  try {
    facts = textBylineAndDate(page.read, page.bodyText);
  } catch {
    return meta;
  }
  return { ...meta, byline: meta.byline ?? facts.byline, published: meta.published ?? facts.published };
}

function runPage(page: Page, url: string, base: string, meta: PageMetadata, now: number, warnings: ExtractWarning[]): ExtractResult {
  const doc = page.read;
  let root: Element;
  if (!isHtml(page.given)) {
    warnings.push(warning('not-html'));
    root = inertDiv(doc, `<pre>${escapeHtml(doc.body?.textContent ?? doc.documentElement?.textContent ?? '')}</pre>`);
  } else {
    root = pageContent(doc);
  }
  const content = finish(page.given, root, base, warnings);
  const confidence = pageConfidence(content, warnings);
  return { capture: buildCapture(url, 'page', meta, content, now), confidence, warnings, suggestedMode: null };
}

/** `meta`: collected without the visible-text scan (`withTextFacts` adds it where needed). */
function runArticle(page: Page, url: string, base: string, meta: PageMetadata, now: number, warnings: ExtractWarning[], hasSelection: boolean): ExtractResult {
  const doc = page.read;
  const article = extractArticle(doc, url);
  if (article) {
    const merged = withTextFacts(page, mergeArticleMetadata(doc, meta, article));
    removeMetaLines(article.root, merged);
    addLead(article.root, doc, meta.description, page.bodyText);
    // Readability's clone and the prose candidate had their lazy images resolved already.
    const content = finish(page.given, article.root, base, warnings, article.source !== 'defuddle');
    if (content.wordCount > 0) {
      const signals = { source: article.source, coverage: article.coverage };
      const confidence = articleConfidence(content, signals, warnings);
      const suggestedMode: ExtractMode | null = confidence < 0.5 ? (hasSelection ? 'selection' : 'page') : null;
      return { capture: buildCapture(url, 'article', merged, content, now), confidence, warnings, suggestedMode };
    }
  }
  // Never an empty article: fall back to the whole page, and say so.
  warnings.push(warning('fallback-used'));
  const whole = runPage(page, url, base, withTextFacts(page, meta), now, warnings);
  return { ...whole, confidence: Math.min(whole.confidence, 0.35), suggestedMode: hasSelection ? 'selection' : null };
}

/** The extraction proper, on a page whose read document is within the limits. */
function extractFrom(page: Page, url: string, mode: ExtractMode, options: ExtractOptions, now: number, warnings: ExtractWarning[]): ExtractResult {
  const document = page.given;
  // In article mode the visible-text scan waits for Readability's byline and date.
  const articleFirst = isHtml(document) && (mode === 'article' || mode === 'selection');
  const meta = safeMetadata(page, url, !articleFirst);
  const base = baseOf(document, url);
  const selection = options.selection !== undefined ? options.selection : mode === 'selection' || mode === 'article' ? currentSelection(document) : null;
  const hasSelection = !!selection && (('rangeCount' in selection && selection.rangeCount > 0 && !selection.isCollapsed) || ('collapsed' in selection && !selection.collapsed));

  if (mode === 'bookmark') {
    const text = plainField(meta.description) ?? '';
    const html = text ? `<p>${escapeHtml(text)}</p>` : '';
    const content: Content = { html, text, wordCount: countWords(text), linkDensity: 0 };
    return { capture: buildCapture(url, 'bookmark', meta, content, now), confidence: 1, warnings, suggestedMode: null };
  }
  if (!isHtml(document)) return runPage(page, url, base, meta, now, warnings);
  if (mode === 'page') return runPage(page, url, base, meta, now, warnings);
  if (mode === 'selection') {
    const inert = document.implementation.createHTMLDocument('');
    const raw = selectionHtml(document, selection, inert);
    if (raw === null) {
      warnings.push(warning('no-selection'));
      const fallback = runArticle(page, url, base, meta, now, warnings, false);
      if (!fallback.warnings.some((w) => w.code === 'fallback-used')) fallback.warnings.push(warning('fallback-used'));
      return fallback;
    }
    const content = finish(document, raw, base, warnings);
    const confidence = content.wordCount > 0 ? 1 : 0.2;
    return { capture: buildCapture(url, 'selection', withTextFacts(page, meta), content, now), confidence, warnings, suggestedMode: content.wordCount > 0 ? null : 'article' };
  }
  return runArticle(page, url, base, meta, now, warnings, hasSelection);
}

/**
 * Extract a capture from `document` (a live page or a jsdom Document) at `url`.
 * Never throws: a broken page yields a low-confidence result with a warning.
 */
export function extract(document: Document, url: string, mode: ExtractMode, options: ExtractOptions = {}): ExtractResult {
  const now = options.now ?? Date.now();
  const warnings: ExtractWarning[] = [];
  try {
    const bounded = boundedDocument(document, url);
    const limited = bounded.limited || !!options.pageLimited;
    if (limited) warnings.push(warning('page-limited'));
    let bodyText: string | null = null;
    const read = bounded.doc;
    const page: Page = { given: document, read, bodyText: () => (bodyText ??= read.body?.textContent ?? '') };
    const result = extractFrom(page, url, mode, options, now, warnings);
    // Part of the page was not read: worth a check, whatever the rest says.
    return limited ? { ...result, confidence: Math.min(result.confidence, limitedConfidence) } : result;
  } catch (error) {
    warnings.push({ ...warning('extract-failed'), en: `${warning('extract-failed').en} (${error instanceof Error ? error.message : String(error)})` });
    let text = '';
    try {
      text = (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200_000);
    } catch {
      text = '';
    }
    const content: Content = { html: text ? `<p>${escapeHtml(text)}</p>` : '', text, wordCount: countWords(text), linkDensity: 0 };
    return { capture: buildCapture(url, 'page', emptyMetadata(), content, now), confidence: 0.05, warnings, suggestedMode: 'selection' };
  }
}
