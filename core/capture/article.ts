// Article extraction: Readability on a clone of the page (lazy images resolved, formulas kept
// as text), its output cleared of consent bars, comments, share and sign-up blocks; defuddle
// as the second opinion when Readability finds nothing substantial.
import { Readability } from '@mozilla/readability';
import Defuddle from 'defuddle';
import { removeBoilerplate } from './boilerplate.js';
import { candidateArticle, proseCandidate, proseChars, proseCoverage } from './candidate.js';
import { pruneArticle } from './prune.js';
import { resolveLazyImages } from './urls.js';

export interface ArticleResult {
  /** Unsanitised article content, in an inert document (a clone); sanitise before use. */
  root: Element;
  /** Characters of text in the article. */
  textLength: number;
  /** Which extractor produced it. */
  source: 'readability' | 'candidate' | 'defuddle';
  /** Share of the page's main prose (the prose candidate's) that the article holds; 1 without a candidate. */
  coverage: number;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  excerpt: string | null;
  published: string | null;
  lang: string | null;
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
  pruneArticle(parsed.content);
  const { title, byline, siteName, excerpt, publishedTime: published, lang } = parsed;
  return articleResult(parsed.content, 'readability', { title, byline, siteName, excerpt, published, lang });
}

type ArticleMeta = Pick<ArticleResult, 'title' | 'byline' | 'siteName' | 'excerpt' | 'published' | 'lang'>;

/** The result of an extractor: its metadata with empty values as null. */
function articleResult(root: Element, source: ArticleResult['source'], meta: { [K in keyof ArticleMeta]?: string | null }): ArticleResult {
  const or = (value: string | null | undefined) => value || null;
  const { title, byline, siteName, excerpt, published, lang } = meta;
  const text = { title: or(title), byline: or(byline), siteName: or(siteName), excerpt: or(excerpt), published: or(published), lang: or(lang) };
  return { root, textLength: (root.textContent ?? '').trim().length, source, coverage: 1, ...text };
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
  pruneArticle(root);
  const { title, author: byline, site: siteName, description: excerpt, published, language: lang } = parsed;
  return articleResult(root, 'defuddle', { title, byline, siteName, excerpt, published, lang });
}

/** Below this many characters Readability's pick is doubted and defuddle is asked as well. */
export const thinArticleChars = 500;
/** The prose candidate is only weighed against Readability's pick when it has this much prose. */
const candidateProse = 400;
/** Readability's pick is doubted when it holds less than this share of the candidate's prose. */
const minCoverage = 0.6;
/** A candidate whose prose stands in runs of paragraphs less than this is a list of teasers, not an article. */
const minRunning = 0.4;

function attempt<T>(run: () => T): T | null {
  try {
    return run();
  } catch {
    return null;
  }
}

function textLength(root: Element): number {
  return (root.textContent ?? '').trim().length;
}

/**
 * The article of a page, or null when no extractor finds one. Never throws. Readability's pick,
 * unless it misses most of the page's prose (then the block holding that prose, cleaned), or
 * is thin (then defuddle's, when it holds clearly more prose).
 */
export function extractArticle(doc: Document, url: string): ArticleResult | null {
  const primary = attempt(() => runReadability(doc));
  const candidate = attempt(() => proseCandidate(doc));
  if (primary && candidate) primary.coverage = proseCoverage(candidate, primary.root.textContent ?? '');
  const doubt =
    candidate && candidate.prose >= candidateProse && candidate.running >= minRunning && candidate.element.tagName !== 'BODY' && (!primary || primary.coverage < minCoverage);
  if (candidate && doubt) {
    const root = attempt(() => candidateArticle(candidate, doc));
    if (root && proseChars(root) >= (primary ? proseChars(primary.root) * 0.5 : 1)) {
      const meta = primary ?? { title: null, byline: null, siteName: null, excerpt: null, published: null, lang: null };
      return { ...meta, root, textLength: textLength(root), source: 'candidate', coverage: 1 };
    }
  }
  const primaryLength = primary?.textLength ?? 0;
  if (primary && primaryLength >= thinArticleChars) return primary;
  const second = attempt(() => runDefuddle(doc, url));
  const secondLength = second?.textLength ?? 0;
  if (!second || secondLength === 0) return primary;
  if (!primary) return second;
  // Defuddle finds more on thin pages, but often the page around the text: only clearly more prose wins.
  const primaryProse = proseChars(primary.root);
  if (secondLength > primaryLength * 1.5 && proseChars(second.root) >= primaryProse * 1.5 + 200) {
    // Keep Readability's metadata where defuddle has none.
    return { ...second, title: second.title ?? primary.title, byline: second.byline ?? primary.byline };
  }
  return primary;
}
