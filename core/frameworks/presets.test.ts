import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPresetFramework, findPresetTheme, presetFrameworks } from './presets.js';

const textFiles: Record<string, string> = {
  'community-werker': '000_bb9f36a7de11bcd5.txt',
  'gouden-regels': '004_29f6c19f061575c4.txt',
  dichterbij: '004_29f6c19f061575c4.txt',
  bouwstenen: '004_29f6c19f061575c4.txt',
  interventierichtingen: '004_29f6c19f061575c4.txt',
  'hulp-zorg-welzijn': '002_e5ef69d658397763.txt',
};

function readText(file: string): string {
  return readFileSync(new URL(`../../tests/fixtures/domain-texts/${file}`, import.meta.url), 'utf8');
}

/** Unicode NFC, every kind of quote to ", every dash to -, whitespace collapsed, lower case. */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[„“”‟″"«»]/g, '"')
    .replace(/[‚‘’‛′'`]/g, "'")
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The numbered lists of a text: runs of lines "1. …", "2. …", in order. */
function numberedLists(text: string): string[][] {
  const runs: string[][] = [];
  for (const line of text.split('\n')) {
    const m = line.trim().match(/^(\d+)\.\s+(.*)$/);
    if (!m) continue;
    if (Number(m[1]) === 1) runs.push([]);
    runs.at(-1)?.push(m[2]!.trim());
  }
  return runs;
}

/** Where each numbered preset list is in its text (index of the run of numbered lines). */
const lists: { frameworkId: string; group?: string; file: string; run: number }[] = [
  { frameworkId: 'community-werker', file: textFiles['community-werker']!, run: 0 },
  { frameworkId: 'gouden-regels', file: textFiles['gouden-regels']!, run: 0 },
  { frameworkId: 'dichterbij', group: 'houding', file: textFiles.dichterbij!, run: 1 },
  { frameworkId: 'dichterbij', group: 'werk', file: textFiles.dichterbij!, run: 2 },
];

/** Every change Knipsel makes to a quoted item: typos and spelling mended, nothing else. */
const mends: Record<string, [string, string][]> = {
  'gouden-regels.ambulant-werken': [['ambulante', 'ambulant']],
  'gouden-regels.proactief-vragen-zoeken': [['pro-actief', 'proactief']],
  'dichterbij.van-probleem-naar-toekomst': [['(Erkenning voor probleem', '(erkenning voor het probleem']],
  'dichterbij.eigen-referentiekader': [[' tav ', ' ten aanzien van ']],
  'dichterbij.betekenis-als-leidraad': [
    ['de degene', 'degene'],
    ['leidraad is en', 'leidraad is, en'],
  ],
  'dichterbij.leer-en-ontwikkelproces': [['leer-en', 'leer- en']],
  'dichterbij.maatschappelijke-krachten': [['Je ben ', 'Je bent ']],
  'dichterbij.grenzen-van-invloed': [['bewust hoe tot', 'bewust hoe en tot']],
  'dichterbij.cyclisch-werkproces': [[' etc.', '']],
};

/**
 * Frameworks 4–6 quote the texts in parts: per theme, the phrases that must occur word for
 * word both in its description and in the source text.
 */
const quotedPhrases: Record<string, string[]> = {
  'bouwstenen.empowerment': [
    'sociaal werk richt zich van oudsher op de empowerment van mensen',
    'vanuit een maatschappijkritische houding vertrekken, betekent in de praktijk: kaders stellen en opvoeden',
    'het (wetenschappelijk) onderbouwen van (ongewenste) effecten van beleid, het bevorderen van emancipatie van groepen in de marge en het versterken van burgerschap',
  ],
  'bouwstenen.wederkerigheid': [
    'wederkerigheid is voor een goede samenwerking een sleutelwoord: je werkt dichtbij elkaar en bent betrokken op elkaar',
    'integraal samenwerken betekent dat je niet "voor" maar "met" elkaar werkt',
  ],
  'bouwstenen.moreel-handelen': [
    'als sociale professional heb je een stevige normatieve basis van waaruit je handelt in co-creatie',
    'je bent gericht op actie, normatief en toekomstgericht',
  ],
  'interventierichtingen.activeren': [
    'help je mensen en organisaties richting te vinden',
    'breng je mensen bij elkaar, bescherm je mensen, corrigeer je mensen, je stemt af tussen mensen, arrangeer je ontmoetingen tussen mensen en versterk je de verbinding tussen mensen',
  ],
  'interventierichtingen.gepast-reageren-en-mobiliseren': [
    'wie is waarom op dit moment het meest aan zet om iets te doen?',
    'het onderliggende idee is dat je met zo min mogelijk professionele tijd de zaak zo goed mogelijk laat lopen',
    'hoe kan ik als professional anderen in beweging krijgen om mensen te activeren en in te bedden',
  ],
  'interventierichtingen.inbedden': [
    'hans van ewijk benadrukt de noodzaak mensen in te bedden',
    'de sociale professional de omgeving van de mens in kwestie dusdanig probeert aan te passen of te beïnvloeden dat deze mens makkelijker kan functioneren (makkelijker kan schakelen met anderen)',
  ],
  'hulp-zorg-welzijn.hulp': ['als zij mensen kunnen helpen bij het oplossen van hun individuele problemen'],
  'hulp-zorg-welzijn.zorg': ['mensen kunnen verzorgen om hen gezonder te maken'],
  'hulp-zorg-welzijn.welzijn': [
    'samen met bewoners te werken aan een sterke community',
    'het coachen van collectieve ambities van bewoners',
    'nieuwe activiteiten, diensten en voorzieningen ontwikkelen',
  ],
  'hulp-zorg-welzijn.preventie': [
    'bij alle drie gaat het om preventie, maar wel vanuit de verschillende ambachten',
    'samen met bewoners collectieve activiteiten, diensten en voorzieningen opzetten in de wijk',
    'het voorkomen van professionele hulp, door vaardigheden van bewoners te versterken en het sociale ondersteunende netwerk rondom een individuele case te vergroten',
    'het voorkomen van ziekte, wat bijdraagt aan het welbevinden van de cliënt',
    'het benutten van kansen, gericht op groei en ontwikkeling van mensen',
  ],
  'hulp-zorg-welzijn.presentie': ['aanwezig zijn in de wijk, contact maken, een relatie opbouwen met de bewoners en vroegtijdig inzien wat er nodig is'],
  'hulp-zorg-welzijn.normaliseren': ['hoe ga je hulp en zorg normaliseren, zodat bewoners elkaar meer gaan helpen?'],
  'hulp-zorg-welzijn.innovatie': [
    'zet bewust in op innovatie, preventie en normaliseren',
    'hoe ga je hulp, zorg en welzijn veranderen en vernieuwen, omdat de huidige systemen en structuren onvoldoende werken?',
  ],
};

/** Each theme of frameworks 4–6 is named in its text. */
const namedInText: Record<string, string> = {
  'bouwstenen.empowerment': 'empowerment',
  'bouwstenen.wederkerigheid': 'wederkerigheid',
  'bouwstenen.moreel-handelen': 'moreel handelen',
  'interventierichtingen.activeren': 'activeren',
  'interventierichtingen.gepast-reageren-en-mobiliseren': 'gepast reageren',
  'interventierichtingen.inbedden': 'bedden', // the text: "mensen in te bedden"
  'hulp-zorg-welzijn.hulp': 'hulp',
  'hulp-zorg-welzijn.zorg': 'zorg',
  'hulp-zorg-welzijn.welzijn': 'welzijn',
  'hulp-zorg-welzijn.preventie': 'preventie',
  'hulp-zorg-welzijn.presentie': 'presentie',
  'hulp-zorg-welzijn.normaliseren': 'normaliseren',
  'hulp-zorg-welzijn.innovatie': 'innovatie',
};

const allThemes = presetFrameworks.flatMap((framework) => framework.themes.map((theme) => ({ framework, theme })));

describe('preset frameworks', () => {
  it('ships the six frameworks in order', () => {
    expect(presetFrameworks.map((f) => f.id)).toEqual(['community-werker', 'gouden-regels', 'dichterbij', 'bouwstenen', 'interventierichtingen', 'hulp-zorg-welzijn']);
  });

  it('has the expected number of themes per framework', () => {
    const counts = Object.fromEntries(presetFrameworks.map((f) => [f.id, f.themes.length]));
    expect(counts).toEqual({
      'community-werker': 10,
      'gouden-regels': 10,
      dichterbij: 15,
      bouwstenen: 3,
      interventierichtingen: 3,
      'hulp-zorg-welzijn': 7,
    });
  });

  it('groups DichtErBij into 10 houdingsprincipes and 5 werkprincipes', () => {
    const themes = findPresetFramework('dichterbij')!.themes;
    expect(themes.filter((t) => t.group === 'houding')).toHaveLength(10);
    expect(themes.filter((t) => t.group === 'werk')).toHaveLength(5);
  });

  it('has unique, well-formed ids', () => {
    const idPattern = /^[\w:./-]+$/;
    for (const framework of presetFrameworks) {
      expect(framework.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const theme of framework.themes) {
        expect(theme.id).toMatch(idPattern);
        expect(theme.id).toMatch(new RegExp(`^${framework.id}\\.[a-z0-9]+(-[a-z0-9]+)*$`));
      }
    }
    const ids = [...presetFrameworks.map((f) => f.id), ...allThemes.map(({ theme }) => theme.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has names, descriptions, sources and distinct colours', () => {
    for (const framework of presetFrameworks) {
      expect(framework.name.trim()).not.toBe('');
      expect(framework.description.trim()).not.toBe('');
      expect(framework.source.trim()).not.toBe('');
      expect(framework.color).toMatch(/^#[0-9a-f]{6}$/);
      for (const theme of framework.themes) {
        expect(theme.name.trim()).not.toBe('');
        expect(theme.name.length).toBeLessThanOrEqual(50);
        expect(theme.description.trim()).not.toBe('');
      }
    }
    expect(new Set(presetFrameworks.map((f) => f.color)).size).toBe(presetFrameworks.length);
  });

  it('quotes every numbered item word for word, mends listed, numbered as in the text', () => {
    const numbered = new Set<string>();
    for (const list of lists) {
      const items = numberedLists(readText(list.file))[list.run]!;
      const framework = findPresetFramework(list.frameworkId)!;
      const themes = framework.themes.filter((t) => t.group === list.group);
      expect(
        themes.map((t) => t.number),
        list.frameworkId,
      ).toEqual(items.map((_, i) => i + 1));
      for (const theme of themes) {
        numbered.add(theme.id);
        let item = items[theme.number! - 1]!;
        for (const [from, to] of mends[theme.id] ?? []) {
          expect(item, `${theme.id}: "${from}"`).toContain(from);
          item = item.replace(from, to);
        }
        expect(normalise(theme.description), theme.id).toContain(normalise(item).replace(/[.;]$/, ''));
      }
    }
    expect(Object.keys(mends).filter((id) => !numbered.has(id))).toEqual([]);
    expect(numbered.size).toBe(35);
  });

  it('quotes frameworks 4–6 where they quote, and names every theme in its text', () => {
    const rest = allThemes.filter(({ framework }) => ['bouwstenen', 'interventierichtingen', 'hulp-zorg-welzijn'].includes(framework.id));
    expect(rest.map(({ theme }) => theme.id).sort()).toEqual(Object.keys(quotedPhrases).sort());
    for (const { framework, theme } of rest) {
      const source = normalise(readText(textFiles[framework.id]!));
      for (const phrase of quotedPhrases[theme.id]!) {
        expect(normalise(theme.description), theme.id).toContain(normalise(phrase));
        expect(source, `${theme.id} in ${textFiles[framework.id]}`).toContain(normalise(phrase));
      }
      expect(theme.number, theme.id).toBeUndefined();
    }
    for (const [id, term] of Object.entries(namedInText)) {
      const { framework, theme } = findPresetTheme(id)!;
      expect(normalise(`${theme.name} ${theme.description}`), id).toContain(term);
      expect(normalise(readText(textFiles[framework.id]!)), id).toContain(term);
    }
  });

  it('keeps the points the field holds to', () => {
    const theme = (id: string) => findPresetTheme(id)!.theme;
    // Van Regenmortel: two questions, each on its own line, and the sentence on professional time.
    const gepast = theme('interventierichtingen.gepast-reageren-en-mobiliseren');
    const lines = gepast.description.split('\n');
    expect(lines.filter((l) => l.startsWith('Gepast reageren:') && l.includes('?'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('Gepast mobiliseren:') && l.includes('?'))).toHaveLength(1);
    expect(gepast.description).toContain('met zo min mogelijk professionele tijd de zaak zo goed mogelijk laat lopen');
    expect(gepast.name).toMatch(/reageren.*mobiliseren/);
    expect(theme('dichterbij.grenzen-van-invloed').description).toContain('hoe en tot op welke hoogte');
    expect(theme('community-werker.lef-en-ondernemerschap').name).toContain('creativiteit en innovatie');
    const regel8 = theme('gouden-regels.proactief-vragen-zoeken');
    expect(regel8.name.toLowerCase()).toContain('proactief');
    expect(regel8.description).toContain('proactief');
    expect(theme('bouwstenen.empowerment').description).toContain('kaders stellen en opvoeden');
    // Preventie: each ambacht's own reading.
    const preventie = theme('hulp-zorg-welzijn.preventie').description.split('\n');
    for (const ambacht of ['Welzijn:', 'Hulp:', 'Zorg:'])
      expect(
        preventie.some((l) => l.startsWith(ambacht)),
        ambacht,
      ).toBe(true);
    // Moreel handelen is only named in the letter: the description says it reads the name.
    const letter = normalise(readText(textFiles.bouwstenen!));
    expect(letter.split('moreel handelen').length - 1).toBe(1);
    expect(theme('bouwstenen.moreel-handelen').description.split('\n')[0]).toMatch(/noemt moreel handelen .*zonder het uit te werken/);
    expect(theme('hulp-zorg-welzijn.innovatie').description.split('\n')[0]).toMatch(/zonder het uit te werken/);
  });

  it('shows the groups as the texts name them', () => {
    const dichterbij = findPresetFramework('dichterbij')!;
    const letter = normalise(readText(textFiles.dichterbij!));
    expect(dichterbij.groups!.map((g) => g.name)).toEqual(['Houdingsprincipes', 'Werkprincipes']);
    expect(dichterbij.groups![0]!.aliases).toEqual(['Houdingsaspecten']);
    expect(letter).toContain('10 houdingsaspecten');
    expect(dichterbij.groups![1]!.description).toContain('zijn afgeleid van de houdingsprincipes');
    expect(letter).toContain('de werkprincipes zijn afgeleid van de houdingsprincipes');
    const hzw = findPresetFramework('hulp-zorg-welzijn')!;
    expect(hzw.groups!.map((g) => g.name)).toEqual(['Ambachten', 'Transformatieopgave']);
    expect(hzw.themes.filter((t) => t.group === 'ambachten').map((t) => t.name)).toEqual(['Hulp', 'Zorg', 'Welzijn']);
    const column = normalise(readText(textFiles['hulp-zorg-welzijn']!));
    for (const group of hzw.groups!) expect(column).toContain(normalise(group.description.split('. ')[0]!).replace(/^de /, ''));
    for (const framework of presetFrameworks)
      for (const theme of framework.themes)
        if (theme.group)
          expect(
            framework.groups!.some((g) => g.id === theme.group),
            theme.id,
          ).toBe(true);
  });

  it('finds frameworks and themes by id', () => {
    expect(findPresetFramework('gouden-regels')?.name).toBe('10 gouden regels');
    expect(findPresetFramework('custom.abc')).toBeUndefined();
    const found = findPresetTheme('community-werker.eigenaarschap');
    expect(found?.framework.id).toBe('community-werker');
    expect(found?.theme.name).toBe('Eigenaarschap');
    for (const { framework, theme } of allThemes) {
      expect(findPresetTheme(theme.id)).toEqual({ framework, theme });
    }
    expect(findPresetTheme('community-werker')).toBeUndefined();
    expect(findPresetTheme('community-werker.bestaat-niet')).toBeUndefined();
    expect(findPresetTheme('custom.abc')).toBeUndefined();
    expect(findPresetTheme('')).toBeUndefined();
  });
});
