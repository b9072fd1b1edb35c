// Precision inside the chosen article block: what extractors keep besides the article. Three
// kinds, each recognised in a general way (never per site):
// - a block introduced by a heading that names it as boilerplate ("Lees ook", "Related",
//   "Mehr zum Thema", "Deel dit artikel", "Reacties", "Newsletter"): the heading and the
//   link-heavy or short blocks that follow it;
// - lists of article links: a list (or block of teasers) whose items are mostly a link each;
// - short lines that are page furniture in any of the languages here: "Skip to content",
//   "Share on …", "3 reacties", cookie notices, sign-up calls, "Foto: …" credits, "Advertentie".
// A block holding a heading of the article or much of its text is never removed.
import { boilerplateLine, boilerplateHeading } from './prune-phrases.js';
import { forgetRemoved, measure, removeLinkBlocks } from './link-blocks.js';

/** Blocks holding more than this share of the article's text are never cut. */
const maxCutShare = 0.3;
/** A list whose items are links at least this much (by text) is a list of article links. */
const linkListShare = 0.7;
/** Fewer items than this is a short list of links, which can be part of the text. */
const minLinkItems = 3;
/** Furniture lines are short. */
const maxLineChars = 200;

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const LISTS = new Set(['UL', 'OL', 'DL']);
const LINE_BLOCKS = new Set(['P', 'DIV', 'LI', 'SPAN', 'SECTION', 'FIGCAPTION', 'H2', 'H3', 'H4', 'H5', 'H6', 'A', 'STRONG', 'B', 'SMALL', 'BUTTON', 'LABEL']);

function linkChars(el: Element): number {
  let n = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) n += squash(a.textContent).length;
  return n;
}

/** Whether a list's items are, nearly all, one link each (a list of articles, not a list in the text). */
export function isLinkList(list: Element): boolean {
  const items = Array.from(list.children).filter((c) => c.tagName === 'LI' || c.tagName === 'DT' || c.tagName === 'DD');
  const texts = items.map((li) => squash(li.textContent)).filter(Boolean);
  if (texts.length < minLinkItems) return false;
  const text = texts.join(' ').length;
  return text > 0 && linkChars(list) >= text * linkListShare;
}

/** Whether a block after a boilerplate heading belongs to it: a list of links or a link-heavy block. */
function belongsToHeading(el: Element): boolean {
  const text = squash(el.textContent);
  if (!text) return true;
  if (HEADINGS.has(el.tagName)) return false;
  if (LISTS.has(el.tagName)) return linkChars(el) >= text.length * linkListShare;
  return linkChars(el) >= text.length * 0.5;
}

/** Remove boilerplate from an article block, in place. */
export function pruneArticle(root: Element): void {
  // One walk measures every element, for the rules here and for `removeLinkBlocks` after them.
  const sizes = measure(root);
  const length = (el: Element) => sizes.get(el)?.raw ?? 0;
  const total = length(root) || 1;
  const cuttable = (el: Element) => length(el) <= total * maxCutShare && !el.querySelector('h1');
  // Only short elements are read as text: a furniture line or heading is short even with its
  // markup's whitespace, and has no more than `max` characters besides whitespace.
  const shortText = (el: Element, max: number) => (length(el) <= max * 3 && (sizes.get(el)?.text ?? 0) <= max ? squash(el.textContent) : null);
  // Lists of article links are teasers after the text; a list of links within the text (a
  // table of contents, a list of changes) is part of it.
  const paragraphs = Array.from(root.getElementsByTagName('p'));
  let lastProse: Element | null = null;
  for (let i = paragraphs.length - 1; i >= 0 && !lastProse; i--) if (length(paragraphs[i]) >= 80) lastProse = paragraphs[i];
  const afterText = (el: Element) => !lastProse || (!!(lastProse.compareDocumentPosition(el) & 4 /* FOLLOWING */) && !el.contains(lastProse));
  const doomed = new Set<Element>();
  for (const el of sizes.keys()) {
    if (el === root || doomed.has(el)) continue;
    if (HEADINGS.has(el.tagName) || (el.tagName === 'P' && el.children.length <= 1)) {
      const text = shortText(el, 80);
      if (text && text.length <= 80 && boilerplateHeading(text)) {
        doomed.add(el);
        for (let next = el.nextElementSibling; next && belongsToHeading(next) && cuttable(next); next = next.nextElementSibling) doomed.add(next);
        continue;
      }
    }
    if (LISTS.has(el.tagName) && cuttable(el) && afterText(el) && isLinkList(el)) {
      doomed.add(el);
      continue;
    }
    if (LINE_BLOCKS.has(el.tagName)) {
      const text = shortText(el, maxLineChars);
      if (text && text.length <= maxLineChars && boilerplateLine(text)) doomed.add(el);
    }
  }
  forgetRemoved(sizes, root, doomed);
  for (const el of doomed) el.remove();
  removeLinkBlocks(root, afterText, sizes);
}
