import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { makeCapture } from '../testing/captures.js';
import { buildPortfolio } from './portfolio.js';
import { renderPortfolioDocx } from './portfolio-docx.js';
import { renderPortfolioHtml } from './portfolio-html.js';
import { makeTestDossier } from '../testing/dossier.js';

const hostile = '<img src=x onerror=alert(1)>';

function portfolioDossier() {
  const made = makeTestDossier();
  const { dossier } = made;
  const evil = dossier.clips.add({
    capture: makeCapture({ title: 'x', url: 'https://aanval.example/pagina', byline: '<script>alert(2)</script>', siteName: 'Aanval & co', published: '2021-01-01' }),
    title: hostile,
    note: `Reflectie met ${hostile}\nen een tweede regel.\n\nTweede alinea.`,
    themes: ['community-werker.leefwereld'],
  });
  dossier.clips.addHighlight(evil, { quote: { exact: '"citaat" <b>vet</b>', prefix: '', suffix: '' }, note: '<i>noot</i>', colour: 'vraag' });
  // A second clip citing the same source (same reference): listed once.
  dossier.clips.add({
    capture: makeCapture({ title: 'Presentie in de wijk', url: 'https://www.presentie.nl/wijk', siteName: 'Presentie.nl', byline: 'Baart, A.', published: '2019' }),
    title: 'Presentie in de wijk',
    note: 'Tweede keer dezelfde bron.',
    themes: ['community-werker.lef-en-ondernemerschap'],
  });
  return { ...made, evil };
}

describe('portfolio', () => {
  it('orders by the framework’s themes, with cover, reflections, highlights and a sorted, deduplicated reference list', () => {
    const { dossier } = portfolioDossier();
    const model = buildPortfolio(dossier, {
      frameworkId: 'community-werker',
      locale: 'nl',
      period: 'september 2025 – januari 2026',
      author: 'Sanne de Vries',
      now: Date.UTC(2025, 11, 1),
    });
    expect(model.cover).toEqual({
      title: 'Leergang community werk',
      course: 'Post-hbo leergang community werk 2025',
      period: 'september 2025 – januari 2026',
      author: 'Sanne de Vries',
      framework: 'De community werker',
      date: '1 december 2025',
    });
    expect(model.themes.map((t) => t.name)).toEqual(
      ['In en vanuit de community', 'Aansluiten bij de leefwereld', 'Eigenaarschap bij bewoners', 'Lef, ondernemerschap, creativiteit en innovatie'].map((name) =>
        expect.stringContaining(name.split(' ')[0]),
      ),
    );
    const ids = model.themes.map((t) => t.id);
    expect(ids).toEqual([...ids].sort((a, b) => order(a) - order(b)));
    const refs = model.references.map((r) => r.text);
    expect(refs).toHaveLength(3);
    // Alphabetical on the first letter (leading punctuation such as "<" is ignored).
    expect(refs[0]).toMatch(/^Baart, A\. \(2019\)\. Presentie in de wijk\./);
    expect(refs[1]).toMatch(/^Jansen, P\. \(2023, 12 mei\)/);
    expect(refs[2]).toMatch(/^<script>alert\(2\)<\/script>/);
    // The clip carries two themes: described under the first (leefwereld), referred to from eigenaarschap.
    const leefwereld = model.themes.find((t) => t.id === 'community-werker.leefwereld')!;
    const eigenaarschap = model.themes.find((t) => t.id === 'community-werker.eigenaarschap')!;
    expect(eigenaarschap.entries[0]).toMatchObject({ type: 'ref', title: 'Buurtmaaltijd in Kattenbroek', themeName: 'Aansluiten bij de leefwereld' });
    const buurt = leefwereld.entries.map((e) => (e.type === 'item' ? e.item : null)).find((c) => c?.title === 'Buurtmaaltijd in Kattenbroek');
    expect(buurt).toMatchObject({
      published: '12 mei 2023',
      reflection: expect.stringContaining('Mooi voorbeeld'),
      highlights: [{ text: 'eigen kracht', colourLabel: 'Methode', note: 'Kern van de aanpak' }],
    });
  });

  it('keeps the chosen themes and clips only', () => {
    const { dossier, ids } = portfolioDossier();
    const model = buildPortfolio(dossier, {
      frameworkId: 'community-werker',
      themeIds: ['community-werker.eigenaarschap', 'community-werker.transformatie', 'community-werker.leefwereld'],
      clipIds: [ids.buurt],
      locale: 'en',
    });
    expect(model.themes.map((t) => [t.id, t.entries.map((e) => [e.type, e.type === 'item' ? e.item.id : e.id])])).toEqual([
      ['community-werker.leefwereld', [['item', ids.buurt]]],
      ['community-werker.eigenaarschap', [['ref', ids.buurt]]],
      ['community-werker.transformatie', []],
    ]);
    expect(model.references).toHaveLength(1);
    expect(model.labels.references).toBe('References');
  });

  it('renders a self-contained printable HTML document with everything escaped', () => {
    const { dossier } = portfolioDossier();
    const html = renderPortfolioHtml(buildPortfolio(dossier, { frameworkId: 'community-werker', locale: 'nl', author: hostile }));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toMatch(/@media print[\s\S]*\.theme, \.references, \.dossier-leervragen \{ break-before: page;/);
    expect(html).toContain('@page { size: A4;');
    const { document } = new JSDOM(html).window;
    expect(document.querySelectorAll('script, img, iframe, [onerror]').length).toBe(0);
    expect([...document.querySelectorAll('section.theme h2')].map((h) => h.textContent)).toEqual([
      'In en vanuit de community',
      'Aansluiten bij de leefwereld',
      'Eigenaarschap bij bewoners',
      'Lef, ondernemerschap, creativiteit en innovatie',
    ]);
    const evil = [...document.querySelectorAll('article.clip')].find((a) => a.querySelector('h4')!.textContent!.endsWith(hostile))!;
    expect(evil.querySelector('.reflection')!.innerHTML).toBe(`<p>Reflectie met &lt;img src=x onerror=alert(1)&gt;<br>en een tweede regel.</p>\n<p>Tweede alinea.</p>`);
    expect(evil.querySelector('blockquote')!.textContent).toBe('"citaat" <b>vet</b>(<script>alert(2)</script>, 2021)Vraag — <i>noot</i>');
    expect([...document.querySelectorAll('.references p')].map((p) => p.textContent)).toHaveLength(3);
    expect(document.querySelector('.references p em, .references p i')).not.toBeNull();
    expect(document.querySelector('.cover dl')!.textContent).toContain(hostile);
    expect(document.querySelectorAll('link, [src]').length).toBe(0); // nothing external
  });

  it('renders a .docx: a valid zip with word/document.xml holding the text', async () => {
    const { dossier } = portfolioDossier();
    const model = buildPortfolio(dossier, { frameworkId: 'community-werker', locale: 'nl', author: 'Sanne de Vries' });
    const docx = await renderPortfolioDocx(model);
    expect([...docx.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const files = unzipSync(docx);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const xml = strFromU8(files['word/document.xml']);
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of ['Leergang community werk', 'Aansluiten bij de leefwereld', 'Mooi voorbeeld van eigenaarschap', 'eigen kracht', 'Literatuurlijst', 'Sanne de Vries'])
      expect(text).toContain(expected);
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(xml).toMatch(/<w:pageBreakBefore\/>/);
    expect(strFromU8(files['word/styles.xml'])).toMatch(/w:styleId="Reference"[\s\S]*?w:hanging="720"/);
    // Well-formed XML (a parser would refuse the file otherwise).
    const parsed = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
    expect(parsed.querySelector('parsererror')).toBeNull();
  });
});

function order(themeId: string): number {
  return [
    'community-werker.in-en-vanuit-de-community',
    'community-werker.leefwereld',
    'community-werker.bewonersambities',
    'community-werker.talenten-verbinden',
    'community-werker.eigenaarschap',
    'community-werker.maatschappelijke-waarde',
    'community-werker.samenwerken',
    'community-werker.buurt-en-wijkgericht',
    'community-werker.transformatie',
    'community-werker.lef-en-ondernemerschap',
  ].indexOf(themeId);
}
