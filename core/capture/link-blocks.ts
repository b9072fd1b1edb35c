// Blocks made of links inside the chosen article block: a division, section, list or table of
// two or more links with little text besides them (a row of related articles, tags, a "more
// from" strip, an author's other posts). Recognised by structure, in any language. A paragraph
// of one link (a source, an address, an e-mail link) is part of the text and stays; lists are
// left to `pruneArticle`'s list rule, which keeps a list of links within the text (a table of
// contents) and cuts one after it.

/** A block whose text is at least this much link text is made of links. */
const minLinkShare = 0.75;
/** Fewer links than this is a link within the text. */
const minLinks = 2;
/** Longer blocks are kept: boilerplate strips are short. */
const maxChars = 1000;
/** Blocks holding more than this share of the article's text are never cut. */
const maxCutShare = 0.3;
const BLOCKS = new Set(['DIV', 'SECTION', 'P', 'TABLE', 'ASIDE', 'FOOTER', 'HEADER']);

interface Measure {
  text: number;
  linkText: number;
  links: number;
}

const nonSpace = (value: string | null): number => (value ?? '').replace(/\s+/g, '').length;

/** Characters of text and of link text, and the number of links, under each element, in one walk. */
function measure(root: Element): Map<Element, Measure> {
  const out = new Map<Element, Measure>();
  const walk = (el: Element, inLink: boolean): Measure => {
    const isLink = el.tagName === 'A';
    const m: Measure = { text: 0, linkText: 0, links: isLink ? 1 : 0 };
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const n = nonSpace(child.nodeValue);
        m.text += n;
        if (inLink || isLink) m.linkText += n;
      } else if (child.nodeType === 1) {
        const c = walk(child as Element, inLink || isLink);
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
 * Remove blocks made of links under `root` that stand after its text (`afterText`: after the
 * last paragraph of prose), in place; never one with a heading of the article, a list or much
 * of its text. Within the text such a block is part of it (a row of sources, a photo credit line).
 */
export function removeLinkBlocks(root: Element, afterText: (el: Element) => boolean = () => true): void {
  const sizes = measure(root);
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
