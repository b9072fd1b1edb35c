// Blocks made of links inside the chosen article block: a division, section, list or table of
// two or more links with little text besides them (a row of related articles, tags, a "more
// from" strip, an author's other posts). Recognised by structure, in any language. A paragraph
// of one link (a source, an address, an e-mail link) is part of the text and stays; lists are
// left to `pruneArticle`'s list rule, which keeps a list of links within the text (a table of
// contents) and cuts one after it.
import { nonSpaceChars } from './text-metrics.js';

/** A block whose text is at least this much link text is made of links. */
const minLinkShare = 0.75;
/** Fewer links than this is a link within the text. */
const minLinks = 2;
/** Longer blocks are kept: boilerplate strips are short. */
const maxChars = 1000;
/** Blocks holding more than this share of the article's text are never cut. */
const maxCutShare = 0.3;
const BLOCKS = new Set(['DIV', 'SECTION', 'P', 'TABLE', 'ASIDE', 'FOOTER', 'HEADER']);

/** What `pruneArticle`'s walk measured of an element (characters as `\s` leaves them out). */
export interface Measure {
  /** Characters of text, as `textContent` has them. */
  raw: number;
  /** Characters of text that are not whitespace, and of those, the ones inside links. */
  text: number;
  linkText: number;
  /** Links (`<a>`) in the element, itself included. */
  links: number;
}

/** Raw and non-space characters, link text and links under each element of `root`, in one walk. */
export function measure(root: Element): Map<Element, Measure> {
  const out = new Map<Element, Measure>();
  const walk = (el: Element, inLink: boolean): Measure => {
    const isLink = el.tagName === 'A';
    const m: Measure = { raw: 0, text: 0, linkText: 0, links: isLink ? 1 : 0 };
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const value = child.nodeValue ?? '';
        const n = nonSpaceChars(value);
        m.raw += value.length;
        m.text += n;
        if (inLink || isLink) m.linkText += n;
      } else if (child.nodeType === 1) {
        const c = walk(child as Element, inLink || isLink);
        m.raw += c.raw;
        m.text += c.text;
        m.linkText += c.linkText;
        m.links += c.links;
      }
    }
    out.set(el, m);
    return m;
  };
  walk(root, false);
  return out;
}

/**
 * Before `removed` leave the tree under `root`: take their measures off their ancestors' (a
 * removed block inside another removed one counts once), so the map stays true of what is left.
 */
export function forgetRemoved(sizes: Map<Element, Measure>, root: Element, removed: ReadonlySet<Element>): void {
  for (const el of removed) {
    const path: Element[] = [];
    let inside = false;
    for (let up = el.parentElement; up; up = up === root ? null : up.parentElement) {
      if (removed.has(up)) {
        inside = true;
        break;
      }
      path.push(up);
    }
    const m = sizes.get(el);
    if (inside || !m) continue;
    for (const up of path) {
      const n = sizes.get(up);
      if (!n) continue;
      n.raw -= m.raw;
      n.text -= m.text;
      n.linkText -= m.linkText;
      n.links -= m.links;
    }
  }
}

/**
 * Remove blocks made of links under `root` that stand after its text (`afterText`: after the
 * last paragraph of prose), in place; never one with a heading of the article, a list or much
 * of its text. Within the text such a block is part of it (a row of sources, a photo credit line).
 */
export function removeLinkBlocks(root: Element, afterText: (el: Element) => boolean = () => true, sizes: Map<Element, Measure> = measure(root)): void {
  const total = sizes.get(root)?.text || 1;
  const doomed: Element[] = [];
  const walk = (el: Element): void => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      const m = sizes.get(child);
      if (
        m &&
        BLOCKS.has(child.tagName) &&
        m.text > 0 &&
        m.text < maxChars &&
        m.text <= total * maxCutShare &&
        m.links >= minLinks &&
        m.linkText >= m.text * minLinkShare &&
        !child.querySelector('h1, ul, ol, dl') &&
        afterText(child)
      ) {
        doomed.push(child);
        continue;
      }
      walk(child);
    }
  };
  walk(root);
  for (const el of doomed) el.remove();
}
