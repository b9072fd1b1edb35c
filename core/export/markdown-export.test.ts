import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeCapture, makeClip } from '../testing/captures.js';
import { clipMarkdown, exportMarkdownZip, yamlFrontMatter } from './markdown-export.js';
import { slugify } from './slug.js';
import { makeTestDossier } from '../testing/dossier.js';
import { render } from '../testing/markdown-reader.js';

/**
 * A strict reader for the YAML subset the export writes: `key: "json string"`, `key: []`, and
 * `key:` followed by `  - "json string"` items. Anything else fails the test.
 */
function parseFrontMatter(markdown: string): { data: Record<string, string | string[]>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) throw new Error('no front matter');
  const data: Record<string, string | string[]> = {};
  let list: string[] | null = null;
  for (const line of match[1].split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^ {2}- ("(?:[^"\\]|\\.)*")$/.exec(line)) && list) list.push(JSON.parse(m[1]));
    else if ((m = /^([a-z_]+): ("(?:[^"\\]|\\.)*")$/.exec(line))) {
      data[m[1]] = JSON.parse(m[2]);
      list = null;
    } else if ((m = /^([a-z_]+): \[\]$/.exec(line))) data[m[1]] = [];
    else if ((m = /^([a-z_]+):$/.exec(line))) data[m[1]] = list = [];
    else throw new Error(`not valid front matter: ${line}`);
  }
  return { data, body: markdown.slice(match[0].length) };
}

function unzip(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

describe('markdown export', () => {
  it('writes one file per clip with front matter, content, reflection and highlights (flat)', () => {
    const { dossier, ids } = makeTestDossier();
    const files = unzip(exportMarkdownZip(dossier, { layout: 'flat' }));
    expect(Object.keys(files).sort()).toEqual(['buurtmaaltijd-in-kattenbroek.md', 'presentie-in-de-wijk.md', 'zonder-thema.md']);
    const { data, body } = parseFrontMatter(files['buurtmaaltijd-in-kattenbroek.md']);
    expect(data).toMatchObject({
      title: 'Buurtmaaltijd in Kattenbroek',
      url: 'https://www.movisie.nl/artikel/buurtmaaltijd-kattenbroek',
      site: 'Movisie',
      published: '2023-05-12',
      captured: '2023-11-14T22:13:20.000Z',
      themes: ['Aansluiten bij de leefwereld', 'Eigenaarschap bij bewoners'],
      knipsel_id: ids.buurt,
    });
    expect(data.reference).toMatch(/^Jansen, P\. \(2023, 12 mei\)\. Buurtmaaltijd in Kattenbroek\. Movisie\. https:\/\/www\.movisie\.nl/);
    expect(body).toContain('# Buurtmaaltijd in Kattenbroek');
    expect(body).toContain('Bewoners koken **samen**.');
    expect(body).toContain('## Reflectie\n\nMooi voorbeeld van eigenaarschap');
    expect(body).toContain('## Markeringen\n\n> eigen kracht\n\n(Jansen, 2023) · *Methode* — Kern van de aanpak');
    expect(parseFrontMatter(files['zonder-thema.md']).data.themes).toEqual([]);
  });

  it("builds the Markdown from the clip's HTML when the capture left it to be built", () => {
    const { dossier } = makeTestDossier();
    dossier.clips.add({ capture: makeCapture({ title: 'Uit HTML', markdown: '', html: '<p>Bewoners <strong>koken</strong> samen.</p><ul><li>elke week</li></ul>' }) });
    const files = unzip(exportMarkdownZip(dossier, { layout: 'flat' }));
    const { body } = parseFrontMatter(files['uit-html.md']);
    expect(body).toContain('Bewoners **koken** samen.');
    expect(body).toMatch(/^- +elke week$/m);
  });

  it('puts clips in a folder per theme of the chosen framework; two themes: written once, a link in the other folder; Ongesorteerd for none', () => {
    const { dossier } = makeTestDossier();
    const files = unzip(exportMarkdownZip(dossier, { layout: 'by-theme', frameworkId: 'community-werker' }));
    expect(Object.keys(files).sort()).toEqual([
      '01 In en vanuit de community/presentie-in-de-wijk.md',
      '02 Aansluiten bij de leefwereld/buurtmaaltijd-in-kattenbroek.md',
      '05 Eigenaarschap bij bewoners/buurtmaaltijd-in-kattenbroek.md',
      'Ongesorteerd/zonder-thema.md',
    ]);
    expect(files['02 Aansluiten bij de leefwereld/buurtmaaltijd-in-kattenbroek.md']).toContain('## Reflectie\n\nMooi voorbeeld van eigenaarschap');
    const link = files['05 Eigenaarschap bij bewoners/buurtmaaltijd-in-kattenbroek.md']!;
    expect(link).not.toContain('Mooi voorbeeld');
    expect(parseFrontMatter(link).data).toMatchObject({ described_in: '../02 Aansluiten bij de leefwereld/buurtmaaltijd-in-kattenbroek.md' });
    expect(render(link).querySelector('a')!.getAttribute('href')).toBe('../02%20Aansluiten%20bij%20de%20leefwereld/buurtmaaltijd-in-kattenbroek.md');
  });

  it('writes the kind, the card and answered reflections only; never an unanswered question or an inserted prompt', () => {
    const { dossier } = makeTestDossier();
    const id = dossier.clips.add({
      capture: makeCapture({ title: 'Eigen avond', mode: 'note', url: 'https://knipsel.invalid/notitie' }),
      kind: 'eigen-praktijk',
      card: { place: 'Buurthuis De Kern', happened: 'Bewoners maakten zelf de agenda.' },
      note: 'Situatie\nWat gebeurde er, waar en met wie?\n',
    });
    const reflection = dossier.evidence.startReflection(id, {
      guideId: 'starr',
      guideName: 'STARR',
      prompts: [
        { id: 'situatie', heading: 'Situatie', question: 'Wat gebeurde er?' },
        { id: 'taak', heading: 'Taak', question: 'Wat was jouw rol?' },
      ],
    });
    dossier.evidence.setAnswer(id, reflection, 'situatie', 'Twaalf bewoners, één avond.');
    const file = unzip(exportMarkdownZip(dossier, { layout: 'flat' }))['eigen-avond.md']!;
    const { data, body } = parseFrontMatter(file);
    expect(data.kind).toBe('eigen-praktijk');
    expect(body).toContain('*Eigen praktijk*');
    expect(body).toContain('**Plaats**\n\nBuurthuis De Kern');
    expect(body).toContain('## Reflectie: STARR\n\n### Situatie\n\nTwaalf bewoners, één avond.');
    expect(body).not.toContain('Taak');
    expect(body).not.toContain('Wat was jouw rol?');
    expect(body).not.toContain('Wat gebeurde er, waar en met wie?');
  });

  it('keeps YAML valid and Markdown inert for hostile or odd titles; names are safe, unique and short', () => {
    const { dossier } = makeTestDossier();
    const titles = [
      '<img src=x onerror=alert(1)>',
      'Quote "dubbel" en \'enkel\': #hash, [link](x) & *ster* — ideeën',
      'yes',
      '- lijst: ja\nnieuwe regel\u2028LS',
      'Quote "dubbel" en \'enkel\': #hash, [link](x) & *ster* — ideeën',
      'Een heel lange titel over wijkgericht werken en de coöperatieve aanpak van bewoners in Kattenbroek en omstreken',
    ];
    for (const title of titles) dossier.clips.add({ capture: makeCapture({ title }), note: 'Notitie met "quotes"\n---\nen een streep' });
    const files = unzip(exportMarkdownZip(dossier, { layout: 'flat' }));
    const names = Object.keys(files);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9-]{1,64}\.md$/);
    expect(names).toContain('img-src-x-onerror-alert-1.md');
    expect(names).toContain('quote-dubbel-en-enkel-hash-link-x-en-ster-ideeen.md');
    expect(names).toContain('quote-dubbel-en-enkel-hash-link-x-en-ster-ideeen-2.md');
    const parsedTitles = Object.values(files).map((text) => parseFrontMatter(text).data.title);
    for (const title of titles) expect(parsedTitles).toContain(title);
    const hostile = Object.values(files).find((text) => text.includes('onerror'))!;
    expect(hostile).toContain('# \\<img src=x onerror=alert(1)\\>');
    expect(hostile).not.toMatch(/^[^"\\]*<img/m);
  });

  it('folds Dutch diacritics in slugs', () => {
    expect(slugify('Coöperatie & ideeën: één café')).toBe('cooperatie-en-ideeen-een-cafe');
    expect(slugify('   ')).toBe('zonder-titel');
    expect(slugify('a'.repeat(100)).length).toBe(60);
    expect(yamlFrontMatter([['x', 'a\u2028b']])).toBe('---\nx: "a\\u2028b"\n---');
  });
});

describe('markdown export of a cleaned clip', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('leaves out the blocks removed as noise', () => {
    vi.stubGlobal('window', new JSDOM('').window);
    const html = '<p>Sla over naar de inhoud</p><h2>Samen koken</h2><p>Bewoners koken samen een buurtmaaltijd.</p><p>Advertentie: zonnepanelen</p>';
    const clip = makeClip({ capture: makeCapture({ html, markdown: '', title: 'Buurtmaaltijd' }) });
    const whole = clipMarkdown(clip, () => []);
    expect(whole).toContain('zonnepanelen');
    const cleaned = clipMarkdown({ ...clip, removedBlocks: [0, 3] }, () => []);
    expect(cleaned).not.toContain('zonnepanelen');
    expect(cleaned).not.toContain('Sla over');
    expect(cleaned).toContain('## Samen koken');
    expect(cleaned).toContain('Bewoners koken samen een buurtmaaltijd.');
  });
});
