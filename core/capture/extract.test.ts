// extract(): modes, fallbacks, confidence, and never throwing or touching the page.
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extract } from './extract.js';
import { captureMarkdown } from './to-markdown.js';

const url = 'https://www.example.nl/blog/artikel';
const paragraph = (n: number) =>
  `<p>Alinea ${n}: sociale professionals werken in de wijk samen met bewoners, vrijwilligers en organisaties aan collectieve oplossingen voor gedeelde vraagstukken, en leren daarbij steeds opnieuw van de praktijk.</p>`;
const articlePage = `<!DOCTYPE html><html lang="nl"><head><title>Werken in de wijk | Voorbeeld</title><meta name="description" content="Een verhaal over werken in de wijk."><meta property="og:image" content="/beeld.jpg"></head>
<body><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav><article><h1>Werken in de wijk</h1><p class="byline">Door Ben Koenen</p><time datetime="2016-12-16">16 december 2016</time>
${Array.from({ length: 8 }, (_, i) => paragraph(i + 1)).join('\n')}<p><img data-src="/foto.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Foto"></p><p>De <a href="/meer">aanpak in de wijk</a> staat beschreven in ons jaarverslag.</p></article><footer>© Voorbeeld</footer></body></html>`;

function dom(html: string): Document {
  return new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;
}

describe('extract: article', () => {
  it('captures the article with metadata, absolute URLs and lazy images resolved', () => {
    const doc = dom(articlePage);
    const before = doc.documentElement.outerHTML;
    const result = extract(doc, url, 'article', { now: 42 });
    expect(doc.documentElement.outerHTML).toBe(before);
    const { capture } = result;
    expect(capture.mode).toBe('article');
    expect(capture.capturedAt).toBe(42);
    expect(capture.byline).toBe('Ben Koenen');
    expect(capture.published).toBe('2016-12-16');
    expect(capture.lang).toBe('nl');
    expect(capture.image).toBe('https://www.example.nl/beeld.jpg');
    expect(capture.description).toBe('Een verhaal over werken in de wijk.');
    expect(capture.text).toContain('Alinea 8');
    expect(capture.text).not.toContain('Home');
    expect(capture.html).toContain('src="https://www.example.nl/foto.jpg"');
    expect(capture.html).toContain('href="https://www.example.nl/meer"');
    expect(capture.markdown).toBe(''); // built on demand, from the sanitised HTML
    expect(captureMarkdown(capture)).toContain('![Foto](https://www.example.nl/foto.jpg)');
    expect(capture.wordCount).toBeGreaterThan(200);
    expect(result.confidence).toBeGreaterThan(0.8);
    expect(result.warnings).toEqual([]);
    expect(result.suggestedMode).toBeNull();
  });

  it('keeps GFM tables in Markdown', () => {
    const doc = dom(
      `<html><body><article><h1>Tabel</h1>${paragraph(1)}${paragraph(2)}${paragraph(3)}<table><thead><tr><th>Thema</th><th>Aantal</th></tr></thead><tbody><tr><td>Wijk</td><td>3</td></tr></tbody></table>${paragraph(4)}</article></body></html>`,
    );
    expect(captureMarkdown(extract(doc, url, 'page').capture)).toMatch(/\| Thema \| Aantal \|\n\| --- \| --- \|\n\| Wijk \| 3 \|/);
  });

  it('flags a thin page and suggests page mode', () => {
    const result = extract(dom('<html><body><p>Kort berichtje.</p></body></html>'), url, 'article');
    expect(result.confidence).toBeLessThan(0.5);
    expect(result.suggestedMode === 'page' || result.warnings.some((w) => w.code === 'fallback-used')).toBe(true);
    expect(result.capture.text).toContain('Kort berichtje.');
    expect(result.warnings.every((w) => w.nl && w.en)).toBe(true);
  });

  it('flags a page of links as thin boilerplate', () => {
    const result = extract(dom('<html><body><ul><li><a href="/a">Een</a></li><li><a href="/b">Twee</a></li></ul></body></html>'), url, 'article');
    expect(result.capture.text).toContain('Een');
    expect(result.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['thin-content']));
    expect(result.confidence).toBeLessThan(0.5);
  });

  it('falls back to the page, with a warning, instead of an empty article', () => {
    const result = extract(dom('<html><body><div><img src="/a.png" alt=""></div></body></html>'), url, 'article');
    expect(result.warnings.map((w) => w.code)).toContain('fallback-used');
    expect(result.capture.mode).toBe('page');
    expect(result.confidence).toBeLessThan(0.5);
  });

  it('suggests selection when the user has selected something and the article is thin', () => {
    const doc = dom('<html><body><p id="p">Kort berichtje over de wijk.</p></body></html>');
    const range = doc.createRange();
    range.selectNodeContents(doc.getElementById('p')!);
    const result = extract(doc, url, 'article', { selection: range });
    expect(result.suggestedMode).toBe('selection');
  });
});

describe('extract: selection', () => {
  it('captures the selection as made, then its paragraph as context with the selection marked', () => {
    const doc = dom('<html><body><h2>Kop</h2><p id="p">Begin van de alinea. <b>Het gekozen stuk</b> en verder. Einde.</p></body></html>');
    const range = doc.createRange();
    range.selectNodeContents(doc.querySelector('b')!);
    const result = extract(doc, url, 'selection', { selection: range });
    expect(result.capture.mode).toBe('selection');
    expect(result.capture.html).toBe(
      '<blockquote><p><b>Het gekozen stuk</b></p></blockquote><aside><p>Begin van de alinea. <mark><b>Het gekozen stuk</b></mark> en verder. Einde.</p></aside>',
    );
    expect(result.capture.text.startsWith('Het gekozen stuk')).toBe(true);
    expect(captureMarkdown(result.capture)).toContain('> **Het gekozen stuk**');
    expect(result.confidence).toBe(1);
  });

  it('widens a selection cut inside words to the whole words', () => {
    const doc = dom('<html><body><p id="p">Bewoners brachten hun laptop mee naar het buurthuis.</p></body></html>');
    const text = doc.getElementById('p')!.firstChild!;
    const range = doc.createRange();
    range.setStart(text, 'Bewoners brachten hun lap'.length); // "top mee naar het buurt"
    range.setEnd(text, 'Bewoners brachten hun laptop mee naar het buurt'.length);
    const { capture } = extract(doc, url, 'selection', { selection: range });
    expect(capture.html).toBe(
      '<blockquote><p>laptop mee naar het buurthuis</p></blockquote><aside><p>Bewoners brachten hun <mark>laptop mee naar het buurthuis</mark>.</p></aside>',
    );
  });

  it('keeps no context when the selection is the whole paragraph', () => {
    const doc = dom('<html><body><p id="p">Samen koken in de wijk.</p><p>Iets anders.</p></body></html>');
    const range = doc.createRange();
    range.selectNodeContents(doc.getElementById('p')!);
    expect(extract(doc, url, 'selection', { selection: range }).capture.html).toBe('<blockquote><p>Samen koken in de wijk.</p></blockquote>');
  });

  it('captures a selection across blocks as those blocks, whole words at both ends', () => {
    const doc = dom('<html><body><p id="a">Eerste alinea.</p><p id="b">Tweede alinea.</p></body></html>');
    const range = doc.createRange();
    range.setStart(doc.getElementById('a')!.firstChild!, 9); // "inea."
    range.setEnd(doc.getElementById('b')!.firstChild!, 4); // "Twee"
    const { capture } = extract(doc, url, 'selection', { selection: range });
    expect(capture.html).toBe('<p>alinea.</p><p>Tweede</p>');
  });

  it('uses the document selection by default', () => {
    const doc = dom('<html><body><p id="p">Iets om te selecteren in de wijk.</p></body></html>');
    const sel = doc.getSelection()!;
    const range = doc.createRange();
    range.selectNodeContents(doc.getElementById('p')!);
    sel.addRange(range);
    expect(extract(doc, url, 'selection').capture.text).toContain('Iets om te selecteren');
  });

  it('without a selection, warns and captures the article', () => {
    const result = extract(dom(articlePage), url, 'selection', { selection: null });
    expect(result.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['no-selection', 'fallback-used']));
    expect(result.capture.mode).toBe('article');
    expect(result.capture.text).toContain('Alinea 3');
  });
});

describe('extract: bookmark and page', () => {
  it('bookmark keeps metadata and the description only', () => {
    const { capture, confidence } = extract(dom(articlePage), url, 'bookmark');
    expect(capture.mode).toBe('bookmark');
    expect(capture.text).toBe('Een verhaal over werken in de wijk.');
    expect(capture.html).toBe('<p>Een verhaal over werken in de wijk.</p>');
    expect(capture.wordCount).toBe(7);
    expect(capture.byline).toBe('Ben Koenen');
    expect(confidence).toBe(1);
  });

  it('bookmark without description is empty', () => {
    const { capture } = extract(dom('<html><head><title>Leeg</title></head><body><p>x</p></body></html>'), url, 'bookmark');
    expect([capture.html, captureMarkdown(capture), capture.text, capture.wordCount]).toEqual(['', '', '', 0]);
    expect(capture.title).toBe('Leeg');
  });

  it('page mode keeps navigation but no scripts', () => {
    const { capture } = extract(dom(articlePage.replace('</body>', '<script>window.x=1</script></body>')), url, 'page');
    expect(capture.mode).toBe('page');
    expect(capture.text).toContain('Home');
    expect(capture.html).not.toContain('<script');
  });
});

describe('extract: robustness', () => {
  it('never throws on malformed or empty documents', () => {
    const cases = ['', '<html>', '<<<>>>', '<body><table><tr><td><p><li><math><svg><style>', '<html><head><script type="application/ld+json">{bad</script></head></html>'];
    for (const html of cases) {
      const result = extract(dom(html), url, 'article');
      expect(result.capture.url).toBe(url);
      expect(result.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('survives a document without a window (text only, with a warning)', () => {
    const doc = dom('<p>x</p>').implementation.createHTMLDocument('t');
    doc.body.innerHTML = `<article>${paragraph(1)}${paragraph(2)}${paragraph(3)}</article>`;
    const result = extract(doc, url, 'page');
    expect(result.capture.text).toContain('Alinea 1');
  });
});
