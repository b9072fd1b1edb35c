// Test support: asserts that captured HTML/Markdown carries no executable vector, by parsing
// it with jsdom and inspecting every element, attribute and URL.
import { JSDOM } from 'jsdom';

const FORBIDDEN_TAGS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'svg',
  'math',
  'style',
  'meta',
  'base',
  'link',
  'template',
  'frame',
  'frameset',
  'applet',
  'noscript',
  'video',
  'audio',
  'source',
  'isindex',
  'marquee',
  'keygen',
]);
const BAD_URL = /^\s*(?:javascript|vbscript|data|blob|file):/i;
const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp);/i;

/** Problems found in an HTML fragment (empty when inert). */
export function inertnessProblems(html: string): string[] {
  const problems: string[] = [];
  const doc = new JSDOM(`<!DOCTYPE html><body>${html}</body>`).window.document;
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    const tag = el.localName;
    if (FORBIDDEN_TAGS.has(tag)) problems.push(`<${tag}>`);
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`foreign element ${tag}`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`${tag}[${name}]`);
      if (name === 'style' || name === 'srcdoc' || name === 'formaction' || name === 'srcset' || name === 'background' || name === 'poster' || name === 'xlink:href')
        problems.push(`${tag}[${name}]`);
      if (['href', 'src', 'action', 'data', 'cite'].includes(name)) {
        const value = attr.value;
        if (BAD_URL.test(value) && !(tag === 'img' && name === 'src' && SAFE_DATA_IMAGE.test(value))) problems.push(`${tag}[${name}=${value.slice(0, 40)}]`);
      }
    }
    if (tag === 'a' && el.getAttribute('target') === '_blank' && !/noopener/.test(el.getAttribute('rel') ?? '')) problems.push('target=_blank without noopener');
  }
  return problems;
}

/** Problems in Markdown: raw tags or script URLs that a renderer could act on. */
export function markdownProblems(markdown: string): string[] {
  const problems: string[] = [];
  if (/(?<!\\)<\s*\/?\s*(?:script|iframe|img|svg|object|embed|style|form|a)\b/i.test(markdown)) problems.push('raw tag');
  if (/\]\(\s*(?:javascript|vbscript|data:text)/i.test(markdown)) problems.push('script link');
  return problems;
}
