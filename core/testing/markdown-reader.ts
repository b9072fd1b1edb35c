// The least careful reader of an exported Markdown file, for tests (Node only: jsdom):
// `render` makes HTML with CommonMark, raw HTML and every URL kept; `unsafeParts` lists what in
// that HTML is more than Markdown's own elements with web links.
import { HtmlRenderer, Parser } from 'commonmark';
import { JSDOM } from 'jsdom';

/** Render Markdown the way the least careful reader would: CommonMark, raw HTML and every URL kept. */
const page = new JSDOM('').window.document;
export function render(markdown: string): Document {
  page.body.innerHTML = new HtmlRenderer({ safe: false }).render(new Parser().parse(markdown));
  return page;
}

const markdownElements = new Set(['P', 'A', 'IMG', 'EM', 'STRONG', 'CODE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'HR', 'BR']);

/** What in a rendered file is more than Markdown's own elements with web links. */
export function unsafeParts(doc: Document): string[] {
  const found: string[] = [];
  for (const element of doc.body.querySelectorAll('*')) {
    if (!markdownElements.has(element.tagName)) found.push(`<${element.tagName.toLowerCase()}>`);
    for (const { name, value } of element.attributes) {
      if (!['href', 'src', 'alt', 'title', 'class'].includes(name)) found.push(`${name}=`);
      if ((name === 'href' || name === 'src') && !['http:', 'https:', 'mailto:'].includes(new URL(value, 'https://voorbeeld.invalid/map/').protocol))
        found.push(`${name}=${value}`);
    }
  }
  return found;
}
