// Article extraction: Readability on a clone of the page (lazy images resolved, formulas kept
// as text), its output cleared of consent bars, comments, share and sign-up blocks; defuddle
// as the second opinion when Readability finds nothing substantial.
import { Readability } from '@mozilla/readability';
import Defuddle from 'defuddle';
import { resolveLazyImages } from './urls.js';

export interface ArticleResult {
  /** Unsanitised article content, in an inert document (a clone); sanitise before use. */
  root: Element;
  /** Characters of text in the article. */
  textLength: number;
  /** Which extractor produced it. */
  source: 'readability' | 'defuddle';
  title: string | null;
  byline: string | null;
  siteName: string | null;
  excerpt: string | null;
  published: string | null;
  lang: string | null;
}

/**
 * Boilerplate that is never the article: consent bars, comment sections, share bars,
 * newsletter sign-ups, related-post lists, breadcrumbs — recognised by a word in a short
 * id/class token ("comments-area", "post-share"; not "sharing-with-a-single-developer").
 * Applied to Readability's output, so it never changes which block Readability picks.
 */
const BOILERPLATE_WORDS = new Set([
  'cookie', 'cookies', 'cookiebar', 'cookiebanner', 'consent', 'gdpr', 'comment', 'comments', 'commentlist', 'reacties',
  'reactie', 'respond', 'disqus', 'share', 'sharing', 'sharedaddy', 'social', 'socials', 'deel', 'delen', 'newsletter',
  'nieuwsbrief', 'subscribe', 'signup', 'inschrijven', 'related', 'gerelateerd', 'breadcrumb', 'breadcrumbs', 'kruimelpad',
]);
const BOILERPLATE_TAGS = new Set(['NAV', 'FORM']);
const BOILERPLATE_ROLES = /^(?:navigation|complementary|contentinfo|search)$/i;
const CONTENT_MARKERS = 'h1, article, main, [itemprop~="articleBody"]';

function boilerplateToken(token: string): boolean {
  const parts = token.toLowerCase().split(/[-_]+/).filter(Boolean);
  return parts.length > 0 && parts.length <= 3 && parts.some((p) => BOILERPLATE_WORDS.has(p));
}

/** Whether an element is boilerplate by its tag, role, id or class. */
export function isBoilerplate(el: Element): boolean {
  if (BOILERPLATE_TAGS.has(el.tagName)) return true;
  const role = el.getAttribute('role');
  if (role && BOILERPLATE_ROLES.test(role)) return true;
  const id = el.getAttribute('id');
  if (id && boilerplateToken(id)) return true;
  const cls = el.getAttribute('class');
  return !!cls && cls.split(/\s+/).some(boilerplateToken);
}

/** Remove boilerplate blocks under `root`, never one holding over 40% of its text or a heading of the article. */
export function removeBoilerplate(root: Element): void {
  const total = (root.textContent ?? '').length || 1;
  const doomed: Element[] = [];
  const walk = (el: Element): void => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      if (child.tagName !== 'ARTICLE' && child.tagName !== 'MAIN' && isBoilerplate(child)) {
        const length = (child.textContent ?? '').length;
        if (length <= total * 0.4 && !child.querySelector(CONTENT_MARKERS)) {
          doomed.push(child);
          continue;
        }
      }
      walk(child);
    }
  };
  walk(root);
  for (const el of doomed) el.remove();
}

/** MathML to spaced plain text (Readability would drop it; the sanitiser forbids MathML). */
export function mathToText(doc: Document): void {
  for (const math of Array.from(doc.querySelectorAll('math'))) {
    const tokens: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === 1 && (node as Element).localName === 'annotation') return;
      if (node.nodeType === 3) {
        const t = (node.nodeValue ?? '').trim();
        if (t) tokens.push(t);
      }
      for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    };
    walk(math);
    // Renderers (MathJax, KaTeX) wrap MathML beside an aria-hidden visual copy: replace the wrapper.
    const wrapper = math.parentElement?.closest('mjx-container, .katex, .MathJax, .MathJax_Display, .MathJax_Preview') ?? math;
    if (!wrapper.isConnected) continue;
    const block = math.getAttribute('display') === 'block' || wrapper.getAttribute('display') === 'true' || wrapper.classList.contains('katex-display');
    const span = doc.createElement(block ? 'p' : 'span');
    span.textContent = tokens.join(' ');
    wrapper.replaceWith(span);
  }
}

function runReadability(doc: Document): ArticleResult | null {
  const clone = doc.cloneNode(true) as Document;
  resolveLazyImages(clone);
  mathToText(clone);
  // keepClasses so boilerplate can be recognised afterwards (the sanitiser drops classes).
  // The serializer hands back the content element itself: no serialise-and-parse round trip.
  const parsed = new Readability<Element>(clone, { keepClasses: true, serializer: (el) => el as Element }).parse();
  if (!parsed?.content) return null;
  removeBoilerplate(parsed.content);
  const { title, byline, siteName, excerpt, publishedTime: published, lang } = parsed;
  return articleResult(parsed.content, 'readability', { title, byline, siteName, excerpt, published, lang });
}

type ArticleMeta = Pick<ArticleResult, 'title' | 'byline' | 'siteName' | 'excerpt' | 'published' | 'lang'>;

/** The result of an extractor: its metadata with empty values as null. */
function articleResult(root: Element, source: ArticleResult['source'], meta: { [K in keyof ArticleMeta]?: string | null }): ArticleResult {
  const or = (value: string | null | undefined) => value || null;
  const { title, byline, siteName, excerpt, published, lang } = meta;
  const text = { title: or(title), byline: or(byline), siteName: or(siteName), excerpt: or(excerpt), published: or(published), lang: or(lang) };
  return { root, textLength: (root.textContent ?? '').trim().length, source, ...text };
}

function runDefuddle(doc: Document, url: string): ArticleResult | null {
  // Defuddle clones before stripping, but touches image attributes of the document it is
  // given first: hand it a clone of its own (it then skips computed-style checks).
  const parsed = new Defuddle(doc.cloneNode(true) as Document, { url, useAsync: false }).parse();
  if (!parsed?.content) return null;
  const inert = doc.implementation.createHTMLDocument('');
  const root = inert.createElement('div');
  root.innerHTML = parsed.content; // inert document: nothing runs or loads
  removeBoilerplate(root);
  const { title, author: byline, site: siteName, description: excerpt, published, language: lang } = parsed;
  return articleResult(root, 'defuddle', { title, byline, siteName, excerpt, published, lang });
}

/** Below this many characters Readability's pick is doubted and defuddle is asked as well. */
export const thinArticleChars = 500;

/** The article of a page, or null when neither extractor finds one. Never throws. */
export function extractArticle(doc: Document, url: string): ArticleResult | null {
  let primary: ArticleResult | null = null;
  try {
    primary = runReadability(doc);
  } catch {
    primary = null;
  }
  const primaryLength = primary?.textLength ?? 0;
  if (primary && primaryLength >= thinArticleChars) return primary;
  let second: ArticleResult | null = null;
  try {
    second = runDefuddle(doc, url);
  } catch {
    second = null;
  }
  const secondLength = second?.textLength ?? 0;
  if (second && secondLength > primaryLength * 1.5 && secondLength > 0) {
    // Keep Readability's metadata where defuddle has none.
    return primary ? { ...second, title: second.title ?? primary.title, byline: second.byline ?? primary.byline } : second;
  }
  return primary ?? (secondLength > 0 ? second : null);
}
