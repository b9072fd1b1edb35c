// Page limits: markup and documents past the element or depth limit are bounded (text of deep
// parts kept, the tail past the element limit cut), normal pages pass untouched, and extract()
// answers on a document nested thousands deep with the page-limited warning.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from './extract.js';
import { boundedDocument, exceedsLimits, limitHtml, pageLimits } from './page-limits.js';
import { dutchFixturesDir, hostileFixturesDir, loadDutchFixtures, parseHtml } from './testing/corpus.js';

const small = { maxElements: 50, maxDepth: 20 };

function maxDepth(doc: Document): number {
  let max = 0;
  const stack: Array<[Element, number]> = [[doc.documentElement, 0]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    max = Math.max(max, depth);
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, depth + 1]);
  }
  return max;
}

/** A document nested `depth` deep, built by script (no parser limit applies). */
function nestedDocument(depth: number): Document {
  const doc = parseHtml('<!doctype html><html lang="nl"><head><title>Diep</title></head><body></body></html>', 'https://example.org/diep/pagina.html');
  doc.body.innerHTML = '<p>Eerst <a href="../over.html">iets over de schrijver</a>.</p>';
  let parent: Element = doc.body;
  for (let i = 0; i < depth; i++) parent = parent.appendChild(doc.createElement('div'));
  const p = parent.appendChild(doc.createElement('p'));
  p.innerHTML = 'Helemaal onderin staat de <a href="../bron.html">kern van het verhaal</a>, en die moet mee.';
  return doc;
}

describe('limitHtml', () => {
  it('leaves real pages byte for byte alone', () => {
    for (const fixture of loadDutchFixtures()) expect(limitHtml(fixture.source), fixture.id).toEqual({ html: fixture.source, limited: false });
    for (const name of ['article-vectors.html', 'metadata-vectors.html', 'selection-vectors.html']) {
      const html = readFileSync(join(hostileFixturesDir, name), 'utf8');
      expect(limitHtml(html).limited, name).toBe(false);
    }
  });

  it('unwraps nesting past the depth limit and keeps its text', () => {
    const html = `<!doctype html><html><body>${'<div><section>'.repeat(500)}<p>Diepe kern</p>${'</section></div>'.repeat(500)}<p>Daarna</p></body></html>`;
    const bounded = limitHtml(html, small);
    expect(bounded.limited).toBe(true);
    const doc = parseHtml(bounded.html, 'https://example.org/');
    expect(maxDepth(doc)).toBeLessThanOrEqual(small.maxDepth + 1); // + the <p>, which the scan does not count
    expect(doc.body.textContent).toBe('Diepe kernDaarna');
    expect(doc.body.lastElementChild?.textContent).toBe('Daarna'); // the end tags of unwrapped parts were dropped too
  });

  it('cuts the page after the element limit', () => {
    const html = `<html><body>${Array.from({ length: 200 }, (_, i) => `<p id="p${i}">${i}</p>`).join('')}</body></html>`;
    const bounded = limitHtml(html, small);
    expect(bounded.limited).toBe(true);
    const doc = parseHtml(bounded.html, 'https://example.org/');
    expect(doc.getElementById('p0')).not.toBeNull();
    expect(doc.getElementById('p47')).not.toBeNull();
    expect(doc.getElementById('p48')).toBeNull();
  });

  it('is not fooled by tags in comments, scripts, styles and attribute values', () => {
    const fake = '<div>'.repeat(100);
    const html = `<html><body><!-- ${fake} --><script>var s = "${fake}";</script><style>/* ${fake} */</style><p title="a > b ${fake}">tekst</p><textarea>${fake}</textarea></body></html>`;
    expect(limitHtml(html, small)).toEqual({ html, limited: false });
  });

  it('bounds a 100,000-deep page to the default limits', () => {
    const html = `<!doctype html><html><body>${'<div>'.repeat(100_000)}<p>Diepe kern</p>${'</div>'.repeat(100_000)}</body></html>`;
    const bounded = limitHtml(html);
    expect(bounded.limited).toBe(true);
    expect(bounded.html.length).toBeLessThan(pageLimits.maxDepth * 12 + 100);
    const doc = parseHtml(bounded.html, 'https://example.org/');
    expect(maxDepth(doc)).toBeLessThanOrEqual(pageLimits.maxDepth + 1);
    expect(doc.body.textContent).toBe('Diepe kern');
  });
});

describe('boundedDocument', () => {
  it('returns a normal page itself', () => {
    const doc = parseHtml(readFileSync(join(dutchFixturesDir, '000-creative-tinkers-blog/page.html'), 'utf8'), 'https://example.org/');
    expect(exceedsLimits(doc)).toBe(false);
    expect(boundedDocument(doc, 'https://example.org/').doc).toBe(doc);
  });

  it('copies a too-deep document within the limits, text and links kept', () => {
    const doc = nestedDocument(400);
    const { doc: copy, limited } = boundedDocument(doc, 'https://example.org/diep/pagina.html', small);
    expect(limited).toBe(true);
    expect(copy).not.toBe(doc);
    expect(maxDepth(copy)).toBeLessThanOrEqual(small.maxDepth);
    expect(copy.documentElement.getAttribute('lang')).toBe('nl');
    expect(copy.body.textContent).toContain('kern van het verhaal');
    expect((copy.querySelector('a') as HTMLAnchorElement).href).toBe('https://example.org/over.html');
    expect(maxDepth(doc)).toBe(403); // the page itself is untouched
  });

  it('copies only the first elements of a too-large document', () => {
    const doc = parseHtml(`<html><body>${Array.from({ length: 200 }, (_, i) => `<p id="p${i}">${i}</p>`).join('')}</body></html>`, 'https://example.org/');
    const { doc: copy, limited } = boundedDocument(doc, 'https://example.org/', small);
    expect(limited).toBe(true);
    expect(copy.getElementsByTagName('*').length).toBeLessThanOrEqual(small.maxElements + 2); // + <head> and <base>
    expect(copy.getElementById('p0')).not.toBeNull();
    expect(copy.getElementById('p150')).toBeNull();
  });
});

describe('extract on a page past the limits', () => {
  it('answers on a document nested 1,000 deep, with the text and a page-limited warning', { timeout: 60_000 }, () => {
    const doc = nestedDocument(1_000);
    const result = extract(doc, 'https://example.org/diep/pagina.html', 'article', { now: 0 });
    expect(result.warnings.map((w) => w.code)).toContain('page-limited');
    expect(result.warnings.map((w) => w.code)).not.toContain('extract-failed');
    expect(result.warnings.find((w) => w.code === 'page-limited')?.nl).toMatch(/diep genest/);
    expect(result.capture.text).toContain('Helemaal onderin staat de kern van het verhaal');
    expect(result.confidence).toBeLessThanOrEqual(0.6);
  });

  it('gives no such warning on a normal page', () => {
    const [fixture] = loadDutchFixtures();
    const result = extract(parseHtml(fixture!.source, fixture!.url), fixture!.url, 'article', { now: 0 });
    expect(result.warnings.map((w) => w.code)).not.toContain('page-limited');
  });
});
