import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extract } from './extract.js';
import { removeMetaLines } from './meta-lines.js';

function root(html: string): Element {
  const doc = new JSDOM(`<div id="r">${html}</div>`).window.document;
  return doc.getElementById('r')!;
}
const lines = (el: Element) =>
  Array.from(el.querySelectorAll('p, div, time'))
    .map((p) => p.textContent!.trim())
    .filter(Boolean);
const body = '<p>Bewoners van de wijk organiseren samen een maaltijd en leren elkaar zo beter kennen, ook wie zelden buiten komt.</p>';

describe('metadata and utility lines', () => {
  it('removes a publication line, a byline and a print/back line that repeat the metadata', () => {
    const el = root(
      `<p class="meta">Geplaatst op <time datetime="2009-07-14">14 juli 2009</time></p><p><i>door Miriam Stolten</i></p>${body}` +
        '<p><a href="javascript:print()">Print deze pagina</a> | <a href="/nieuws">Terug naar overzicht</a></p>',
    );
    removeMetaLines(el, { byline: 'Miriam Stolten', published: '2009-07-14' });
    expect(lines(el)).toEqual([el.querySelector('p')!.textContent!.trim()]);
    expect(el.textContent).toContain('Bewoners van de wijk');
  });

  it('keeps what says more than the metadata, or something else', () => {
    const kept = [
      '<p>Gepubliceerd op 15 juli 2009</p>', // another date than the captured one
      '<p>Last updated September 14, 2016</p>', // an update, not the publication
      '<p>14 juli 2009</p>', // a bare date may belong to the text
      '<p>door Jan de Vries</p>', // another author than the captured byline
      '<p>Miriam Stolten</p>', // a bare name: perhaps the signature of a letter
      '<p>Terug naar overzicht</p>', // words, not a link
      '<p>Geplaatst op 14 juli 2009 in de categorie wijkwerk</p>', // more than the date
    ];
    for (const html of kept) {
      const el = root(`${html}${body}`);
      removeMetaLines(el, { byline: 'Miriam Stolten', published: '2009-07-14' });
      expect(lines(el)).toHaveLength(2);
    }
    const unknown = root(`<p>door Miriam Stolten</p><p>Geplaatst op 14 juli 2009</p>${body}`);
    removeMetaLines(unknown, { byline: null, published: null });
    expect(lines(unknown)).toHaveLength(3);
  });

  it('leaves the middle of an article alone', () => {
    const middle = Array.from({ length: 12 }, (_, i) => `<p>Alinea ${i + 1} over de buurt en wat bewoners samen doen.</p>`);
    middle.splice(6, 0, '<p>door Miriam Stolten</p>');
    const el = root(middle.join(''));
    removeMetaLines(el, { byline: 'Miriam Stolten', published: null });
    expect(lines(el)).toContain('door Miriam Stolten');
  });

  it('takes them out of a clipped article, with date and author kept as metadata', () => {
    const html =
      '<!doctype html><html lang="nl"><head><title>Professional sleutel tot succes</title></head><body><article>' +
      '<h1>Professional sleutel tot succes</h1><p class="meta">Geplaatst op <time datetime="2009-07-14">14 juli 2009</time></p>' +
      `<p><i>door Miriam Stolten</i></p>${body.repeat(6)}<p><a href="/print">Print deze pagina</a> | <a href="/nieuws">Terug naar overzicht</a></p>` +
      '</article></body></html>';
    const doc = new JSDOM(html, { url: 'https://www.alleato.nl/nieuws/x' }).window.document;
    const { capture } = extract(doc, 'https://www.alleato.nl/nieuws/x', 'article');
    expect(capture.byline).toBe('Miriam Stolten');
    expect(capture.published).toBe('2009-07-14');
    expect(capture.text).not.toMatch(/Geplaatst op|door Miriam|Print deze pagina|Terug naar overzicht/);
    expect(capture.text).toContain('Bewoners van de wijk');
  });
});
