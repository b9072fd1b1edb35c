import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { anchorAll, describeRange, findQuote, indexText } from './anchor';

function page(html: string) {
  return new JSDOM(`<!doctype html><body>${html}</body>`).window.document;
}

function select(doc: Document, text: string, occurrence = 0): Range {
  const index = indexText(doc.body);
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = index.text.indexOf(text, at + 1);
  const range = doc.createRange();
  const locate = (offset: number) => {
    const entry = index.nodes.find((n) => offset >= n.start && offset <= n.start + n.node.data.length)!;
    return [entry.node, offset - entry.start] as const;
  };
  range.setStart(...locate(at));
  range.setEnd(...locate(at + text.length));
  return range;
}

const article = `<h1>Buurtkracht</h1><p>In de wijk begon het met <em>een bankje</em> voor de deur.</p>
<p>Bewoners praten mee, en de opbouwwerker sluit aan bij hun leefwereld.</p><script>var x = "een bankje";</script>
<p>Later kwam er nog een bankje bij de school.</p>`;

describe('describeRange', () => {
  it('captures the exact text across elements with prefix, suffix and position', () => {
    const doc = page(article);
    const range = select(doc, 'met een bankje voor');
    const described = describeRange(range, doc.body)!;
    expect(described.quote.exact).toBe('met een bankje voor');
    expect(described.quote.prefix.endsWith('begon het ')).toBe(true);
    expect(described.quote.suffix.startsWith(' de deur.')).toBe(true);
    expect(described.position.end - described.position.start).toBe('met een bankje voor'.length);
  });
  it('returns null for an empty range and ignores script text', () => {
    const doc = page(article);
    const range = doc.createRange();
    range.setStart(doc.body, 0);
    expect(describeRange(range, doc.body)).toBeNull();
    expect(indexText(doc.body).text).not.toContain('var x');
  });
});

describe('findQuote', () => {
  it('picks the occurrence whose context matches, not the first one', () => {
    const doc = page(article);
    const second = describeRange(select(doc, 'een bankje', 1), doc.body)!;
    const text = indexText(doc.body).text;
    const found = findQuote(text, second.quote)!;
    expect(found.start).toBe(second.position.start);
  });
  it('re-anchors a passage that moved (content inserted before it)', () => {
    const before = page(article);
    const described = describeRange(select(before, 'sluit aan bij hun leefwereld'), before.body)!;
    const after = page(`<nav>Menu Home Over ons Contact</nav><aside>Nieuw: een extra alinea bovenaan de pagina.</aside>${article}`);
    const { anchored, orphaned } = anchorAll(after.body, [{ id: 'h1', ...described }]);
    expect(orphaned).toEqual([]);
    expect(anchored[0].range.toString()).toBe('sluit aan bij hun leefwereld');
  });
  it('tolerates changed whitespace and markup around the quote', () => {
    const before = page(article);
    const described = describeRange(select(before, 'Bewoners praten mee'), before.body)!;
    const after = page(`<p>Bewoners   <strong>praten</strong>\n mee, en de opbouwwerker sluit aan.</p>`);
    const { anchored } = anchorAll(after.body, [{ id: 'h', ...described }]);
    expect(anchored[0]?.range.toString().replace(/\s+/g, ' ')).toBe('Bewoners praten mee');
  });
  it('reports a passage whose text changed as orphaned, not lost', () => {
    const before = page(article);
    const described = describeRange(select(before, 'sluit aan bij hun leefwereld'), before.body)!;
    const after = page(article.replace('sluit aan bij hun leefwereld', 'sluit aan bij wat bewoners willen'));
    const { anchored, orphaned } = anchorAll(after.body, [{ id: 'gone', ...described }]);
    expect(anchored).toEqual([]);
    expect(orphaned.map((h) => h.id)).toEqual(['gone']);
  });
  it('uses the position hint to choose between equally good matches', () => {
    const text = 'ja ja ja ja';
    expect(findQuote(text, { exact: 'ja', prefix: '', suffix: '' }, { start: 6, end: 8 })).toEqual({ start: 6, end: 8 });
  });
});
