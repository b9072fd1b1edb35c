// A second opinion on which block is the article, from the page's prose alone: paragraphs of
// running text (long, few links) outside navigation and boilerplate, credited to the block
// that holds them. When Readability's pick misses most of that prose, it chose the wrong block
// (a teaser list, a sidebar, a comment); the block holding the prose is taken instead.
import { isBoilerplate, removeBoilerplate } from './boilerplate.js';
import { pruneArticle } from './prune.js';
import { resolveLazyImages } from './urls.js';

/** A paragraph shorter than this is not prose (a caption, a teaser line, a label). */
const minProseChars = 80;
/** A paragraph with more of its text in links than this is navigation. */
const maxProseLinkShare = 0.3;
const SKIP = new Set(['NAV', 'FOOTER', 'ASIDE', 'HEADER', 'FORM', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SELECT', 'BUTTON']);

export interface ProseCandidate {
  element: Element;
  /** Characters of prose in the block. */
  prose: number;
  /** Share of that prose in runs of two or more prose paragraphs that follow each other. */
  running: number;
  /** The prose paragraphs' texts, whitespace-normalised. */
  paragraphs: string[];
}

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function linkChars(el: Element): number {
  let n = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) n += squash(a.textContent).length;
  return n;
}

/** The text of `p` when it is a prose paragraph, else null. */
function proseText(p: Element): string | null {
  const raw = p.textContent ?? '';
  // Squashing only shortens: a paragraph already short as it stands is not prose.
  if (raw.length < minProseChars) return null;
  const text = squash(raw);
  if (text.length < minProseChars) return null;
  if (linkChars(p) > text.length * maxProseLinkShare) return null;
  return text;
}

/** Characters of prose paragraphs under `root`. */
export function proseChars(root: Element): number {
  let n = 0;
  for (const p of Array.from(root.getElementsByTagName('p'))) n += proseText(p)?.length ?? 0;
  return n;
}

/** Hidden blocks and dialogs (pop-ups, overlays) hold prose that is not the page's article. */
function hiddenOrDialog(el: Element): boolean {
  return el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || /^(?:dialog|alertdialog)$/i.test(el.getAttribute('role') ?? '');
}

function skipped(p: Element, body: Element, verdicts: Map<Element, boolean>): boolean {
  const chain: Element[] = [];
  let result = false;
  for (let el = p.parentElement; el && el !== body; el = el.parentElement) {
    const known = verdicts.get(el);
    if (known !== undefined) {
      result = known;
      break;
    }
    chain.push(el);
    if (SKIP.has(el.tagName) || hiddenOrDialog(el) || (el.tagName !== 'ARTICLE' && el.tagName !== 'MAIN' && isBoilerplate(el))) {
      result = true;
      break;
    }
  }
  for (const el of chain) verdicts.set(el, result);
  return result;
}

/**
 * The block holding most of the page's prose: each prose paragraph credits its parent fully
 * and its grandparent by half (prose split over sections then still lands on the article);
 * the best block is widened to an ancestor while that adds little besides more of the prose.
 */
export function proseCandidate(doc: Document): ProseCandidate | null {
  const body = doc.body;
  if (!body) return null;
  const verdicts = new Map<Element, boolean>();
  const texts = new Map<Element, string>();
  const score = new Map<Element, number>();
  for (const p of Array.from(body.getElementsByTagName('p'))) {
    const text = proseText(p);
    if (!text || skipped(p, body, verdicts)) continue;
    texts.set(p, text);
    const parent = p.parentElement;
    if (!parent) continue;
    score.set(parent, (score.get(parent) ?? 0) + text.length);
    const grand = parent.parentElement;
    if (grand && grand !== doc.documentElement) score.set(grand, (score.get(grand) ?? 0) + text.length / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, s] of score) {
    if (s > bestScore) {
      best = el;
      bestScore = s;
    }
  }
  if (!best) return null;
  const inside = (el: Element) => Array.from(texts.keys()).filter((p) => el.contains(p));
  let own = inside(best);
  const total = Array.from(texts.values()).reduce((sum, t) => sum + t.length, 0);
  const sum = (ps: Element[]) => ps.reduce((n, p) => n + (texts.get(p)?.length ?? 0), 0);
  // Widen while the block holds under 60% of the page's prose and the parent brings more.
  for (let parent = best.parentElement; parent && parent !== body && sum(own) < total * 0.6; parent = parent.parentElement) {
    const wider = inside(parent);
    if (sum(wider) <= sum(own) * 1.2) break;
    best = parent;
    own = wider;
  }
  const prose = sum(own);
  let running = 0;
  for (const p of own) {
    const isProse = (el: Element | null) => !!el && texts.has(el);
    if (isProse(p.previousElementSibling) || isProse(p.nextElementSibling)) running += texts.get(p)?.length ?? 0;
  }
  return { element: best, prose, running: prose ? running / prose : 0, paragraphs: own.map((p) => texts.get(p) ?? '') };
}

/** Share of the candidate's prose that `text` holds (paragraphs compared by their first 60 characters). */
export function proseCoverage(candidate: ProseCandidate, text: string): number {
  const haystack = squash(text);
  let found = 0;
  for (const p of candidate.paragraphs) if (haystack.includes(p.slice(0, 60))) found += p.length;
  return candidate.prose ? found / candidate.prose : 1;
}

/** The candidate block as an article: a clone in an inert document, images resolved, boilerplate cut. */
export function candidateArticle(candidate: ProseCandidate, doc: Document): Element {
  const inert = doc.implementation.createHTMLDocument('');
  const root = inert.createElement('div');
  root.appendChild(inert.importNode(candidate.element, true));
  resolveLazyImages(root);
  for (const el of Array.from(root.querySelectorAll('script, style, noscript, template, form, button, select, iframe'))) el.remove();
  removeBoilerplate(root);
  pruneArticle(root);
  return root;
}
