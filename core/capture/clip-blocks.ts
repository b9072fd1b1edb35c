// The blocks of a clip's content, as the reader shows them and the user removes them as noise
// ("Skip to content", a cookie banner, "Advertentie"): paragraphs, headings, lists, quotes,
// tables, figures — the outermost such element on each branch — and an image or a division
// holding only inline content where no such element wraps it. Counted in document order over
// the render sanitiser's output, which is the same on every device for the same capture, so
// `Clip.removedBlocks` names the same blocks everywhere.
const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'DL', 'BLOCKQUOTE', 'PRE', 'TABLE', 'FIGURE', 'ASIDE', 'DETAILS', 'HR']);
const CONTAINERS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER']);

const hasBlockInside = (el: Element) => el.querySelector([...BLOCKS, ...CONTAINERS].join(',').toLowerCase()) !== null;

/** The blocks under `root`, in document order. */
export function clipBlocks(root: Element): Element[] {
  const out: Element[] = [];
  const walk = (parent: Element) => {
    for (const child of Array.from(parent.children)) {
      if (BLOCKS.has(child.tagName) || child.tagName === 'IMG') out.push(child);
      else if (CONTAINERS.has(child.tagName)) {
        if (hasBlockInside(child)) walk(child);
        else if ((child.textContent ?? '').trim() || child.querySelector('img')) out.push(child);
      } else if (child.querySelector('img') && !(child.textContent ?? '').trim()) out.push(child);
    }
  };
  walk(root);
  return out;
}
