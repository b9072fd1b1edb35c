import { HtmlRenderer, Parser } from 'commonmark';
import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { findPresetGuide } from '../learning/guides.js';
import { buildPortfolio, portfolioAttachmentHashes } from './portfolio.js';
import { renderPortfolioDocx } from './portfolio-docx.js';
import { renderPortfolioHtml } from './portfolio-html.js';
import { portfolioIndexFile, portfolioMarkdownFiles, renderPortfolioMarkdownZip } from './portfolio-markdown.js';
import { eigenaarschap, leefwereld, makeLearningDossier, starrAnswers } from '../testing/learning-dossier.js';

const count = (text: string, part: string) => text.split(part).length - 1;
/** Every question of every preset guide, and the prompts the old app inserted into notes. */
const prompts = [
  ...['transfer', 'feedback', 'starr'].flatMap((id) => findPresetGuide(id)!.prompts.map((p) => p.nl.question)),
  'Wat gebeurde er, waar en met wie?',
  'Wat was jouw rol of opdracht?',
];
const answeredQuestions = new Set([...findPresetGuide('starr')!.prompts.map((p) => p.nl.question), findPresetGuide('feedback')!.prompts[0]!.nl.question]);
const unanswered = prompts.filter((q) => !answeredQuestions.has(q));

async function model() {
  const made = await makeLearningDossier();
  return { ...made, model: buildPortfolio(made.dossier, { frameworkId: 'community-werker', locale: 'nl', author: 'Sanne de Vries', now: Date.UTC(2026, 1, 1) }) };
}

describe('portfolio of a learning dossier', () => {
  it('is organised per theme as leervraag → evidence → reflection → what I now do differently', async () => {
    const { model: m, ids } = await model();
    expect(m.themes.map((t) => t.id)).toEqual([leefwereld, eigenaarschap]);
    const [lw, eg] = m.themes;
    expect(m.leervragen.map((q) => q.text)).toEqual(['Wat is mijn rol als community werker?']);
    expect(eg!.leervragen).toEqual([
      expect.objectContaining({
        text: 'Hoe laat ik bewoners eigenaar blijven van hun initiatief?',
        statusLabel: 'mee bezig',
        actions: [{ text: 'Een avond meelopen met een ervaren opbouwwerker', done: true }],
      }),
    ]);
    // The example carries both themes: described once under the first, referred to from the other.
    expect(lw!.entries.map((e) => [e.type, e.type === 'item' ? e.item.title : e.title])).toEqual([
      ['item', 'Buurtmaaltijd in Kattenbroek'],
      ['item', 'Feedback van mijn praktijkbegeleider'],
    ]);
    expect(eg!.entries.map((e) => [e.type, e.type === 'item' ? e.item.title : e.title])).toEqual([
      ['ref', 'Buurtmaaltijd in Kattenbroek'],
      ['item', 'Bewonersavond over de speeltuin'],
    ]);
    expect(eg!.leervragen[0]!.evidence.map((e) => [e.number, e.title])).toEqual([
      [1, 'Buurtmaaltijd in Kattenbroek'],
      [3, 'Bewonersavond over de speeltuin'],
    ]);
    const own = eg!.entries[1]!.type === 'item' ? eg!.entries[1]!.item : null;
    expect(own).toMatchObject({
      id: ids.own,
      kindLabel: 'Eigen praktijk',
      card: [
        { field: 'date', label: 'Datum', value: '2 oktober 2025' },
        { field: 'place', label: 'Plaats', value: 'Buurthuis De Kern' },
        { field: 'involved', label: 'Betrokken', value: 'twaalf bewoners, een collega' },
        { field: 'happened', label: 'Wat er gebeurde', value: 'Bewoners kwamen met een plan voor de speeltuin.' },
      ],
    });
    expect(own!.reflections[0]!.answers.map((a) => a.answer)).toEqual(Object.values(starrAnswers));
    // Only answered reflections count: the STARR one; the empty transfer guide, the note of
    // prompts and the half-answered feedback reflection do not.
    expect(m.themes.map((t) => t.answered)).toEqual([0, 1]);
    expect(eg!.changed).toBe('Ik vraag eerst wat bewoners zelf willen.');
    expect(eg!.changes).toEqual([{ number: 3, title: 'Bewonersavond over de speeltuin', answer: starrAnswers.reflectie }]);
    expect(eg!.ratings).toEqual([
      { period: 'Module 1', rating: 2, label: 'op weg' },
      { period: 'Module 2', rating: 4, label: 'goed' },
    ]);
    expect(portfolioAttachmentHashes(m)).toHaveLength(1);
  });

  it('HTML: each piece of evidence described once, a link from the other theme, no unanswered prompt, the photo embedded', async () => {
    const { model: m, attachments } = await model();
    const html = renderPortfolioHtml(m, attachments);
    const { document } = new JSDOM(html).window;
    const text = document.body.textContent!;
    expect(count(text, starrAnswers.reflectie)).toBe(2); // in the reflection, and under "Wat ik nu anders doe"
    expect(count(text, starrAnswers.situatie)).toBe(1);
    expect(document.querySelectorAll('article.clip')).toHaveLength(3);
    expect(document.querySelector('#thema-2 .ref a')?.getAttribute('href')).toBe('#bewijs-1');
    for (const question of unanswered) expect(text, question).not.toContain(question);
    const headings = [...document.querySelectorAll('#thema-2 h3')].map((h) => h.textContent);
    expect(headings).toEqual(['Leervragen', 'Bewijs', 'Wat ik nu anders doe']);
    expect(document.querySelector('#thema-2 .meta')!.textContent).toBe('1 beantwoorde reflectie');
    expect(document.querySelector('article[data-kind="eigen-praktijk"] img')!.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(document.querySelectorAll('script, iframe, [onerror]').length).toBe(0);
    // Without the bytes (another device) the photo is listed by name.
    const without = new JSDOM(renderPortfolioHtml(m)).window.document;
    expect(without.querySelector('img')).toBeNull();
    expect(without.body.textContent).toContain('speeltuin.png');
  });

  it('.docx: the same structure, each reflection once, bookmarks for references, the photo as an image', async () => {
    const { model: m, attachments } = await model();
    const files = unzipSync(await renderPortfolioDocx(m, attachments));
    const xml = strFromU8(files['word/document.xml']!);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(count(text, starrAnswers.situatie)).toBe(1);
    expect(count(text, 'Bewoners kwamen met een plan voor de speeltuin.')).toBe(1);
    for (const question of unanswered) expect(text, question).not.toContain(question);
    expect(text).toContain('Bewijs 1, ‘Buurtmaaltijd in Kattenbroek’: beschreven bij Aansluiten bij de leefwereld.');
    expect(xml).toMatch(/<w:bookmarkStart [^>]*w:name="bewijs_1"/);
    expect(xml).toMatch(/<w:hyperlink [^>]*w:anchor="bewijs_1"/);
    expect(text.indexOf('Hoe laat ik bewoners eigenaar blijven')).toBeLessThan(text.indexOf(starrAnswers.situatie));
    expect(text.indexOf(starrAnswers.situatie)).toBeLessThan(text.indexOf('Wat ik nu anders doe'));
    expect(Object.keys(files).some((name) => /^word\/media\/.+\.png$/.test(name))).toBe(true);
    expect(new JSDOM(xml, { contentType: 'application/xml' }).window.document.querySelector('parsererror')).toBeNull();
  });

  it('Markdown zip: an index, one file per theme with links instead of copies, the photo in bijlagen/', async () => {
    const { model: m, attachments } = await model();
    const files = new Map(portfolioMarkdownFiles(m, attachments).map(([path, bytes]) => [path, bytes]));
    expect([...files.keys()].sort()).toEqual([portfolioIndexFile, '01 Aansluiten bij de leefwereld.md', '02 Eigenaarschap.md', 'bijlagen/speeltuin.png'].sort());
    const all = [...files.entries()]
      .filter(([p]) => p.endsWith('.md'))
      .map(([, b]) => strFromU8(b))
      .join('\n');
    expect(count(all, starrAnswers.situatie)).toBe(1);
    for (const question of unanswered) expect(all, question).not.toContain(question);
    const theme = strFromU8(files.get('02 Eigenaarschap.md')!);
    expect(theme.indexOf('## Leervragen')).toBeLessThan(theme.indexOf('## Bewijs'));
    expect(theme.indexOf('## Bewijs')).toBeLessThan(theme.indexOf('## Wat ik nu anders doe'));
    expect(theme).toContain('![speeltuin.png](<bijlagen/speeltuin.png>)');
    const rendered = new HtmlRenderer().render(new Parser().parse(theme));
    expect(rendered).toContain('<a href="01%20Aansluiten%20bij%20de%20leefwereld.md">Bewijs 1, ‘Buurtmaaltijd in Kattenbroek’: beschreven bij Aansluiten bij de leefwereld.</a>');
    expect(strFromU8(files.get(portfolioIndexFile)!)).toContain('Wat is mijn rol als community werker?');
    expect(Object.keys(unzipSync(renderPortfolioMarkdownZip(m, attachments)))).toHaveLength(4);
  });
});
