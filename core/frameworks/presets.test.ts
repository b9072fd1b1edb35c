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

/**
 * Per theme of frameworks 1–3, a distinctive phrase that must occur in the theme's name or
 * description AND, word for word, in the source text: proof that the wording is quoted.
 */
const quotedPhrases: Record<string, string> = {
  'community-werker.in-en-vanuit-de-community': 'werkt in en vanuit de community',
  'community-werker.leefwereld': 'sluit aan bij de leefwereld van de bewoners',
  'community-werker.bewonersambities': 'heeft als kerntaak het coachen van bewonersambities (individueel en collectief)',
  'community-werker.talenten-verbinden': 'verbindt talenten van bewoners',
  'community-werker.eigenaarschap': 'bewoner is eigenaar van het probleem en de oplossing',
  'community-werker.maatschappelijke-waarde': 'is gericht op maatschappelijke waarde creëren',
  'community-werker.samenwerken': 'werkt samen met bewoners en professionals',
  'community-werker.buurt-en-wijkgericht': 'werkt vooral buurt- en wijkgericht',
  'community-werker.transformatie': 'werkt samen met bewoners aan de transformatie van het sociale domein',
  'community-werker.lef-en-ondernemerschap': 'heeft competenties als lef, ondernemerschap, creativiteit en innovatie',

  'gouden-regels.actief-in-de-wijk': 'je bent 85% van je werktijd actief met bewoners in de wijk',
  'gouden-regels.ambulant-werken': 'hebt geen vaste werkplek',
  'gouden-regels.agenda-voor-de-buurt': 'je laat bewoners een agenda voor de buurt opstellen op basis van hun wijkanalyse',
  'gouden-regels.alle-levensdomeinen': 'je besteedt aandacht aan alle levensdomeinen van bewoners in de buurt',
  'gouden-regels.buurtplan': "met je collega's en bewoners maak je op basis van analyse, agenda en domeinen een buurtplan",
  'gouden-regels.startmotor': 'je bent de startmotor voor de ontwikkeling van bewoners en van de buurt',
  'gouden-regels.honderd-bewoners': 'je kent minimaal 100 bewoners die actief bijdragen aan de buurt',
  'gouden-regels.proactief-vragen-zoeken': 'je gaat overal in de wijk pro-actief op zoek naar vragen',
  'gouden-regels.passend-antwoord': 'je zoekt voor elke vraag een passend antwoord in de buurt',
  'gouden-regels.wat-iemand-te-bieden-heeft': 'altijd ook naar wat diegene aan anderen te bieden heeft',

  'dichterbij.niet-weten': 'je gaat in gesprek vanuit het "niet weten", je stelt vragen, ook vragen die moeilijk zijn',
  'dichterbij.van-probleem-naar-toekomst': 'je begint bij het probleem en richt je van daaruit op de toekomst',
  'dichterbij.nadruk-op-kracht': 'je legt de nadruk op de kracht die aanwezig is bij degene die je ondersteunt',
  'dichterbij.ruimte-voor-ambivalentie': 'maar je biedt ruimte voor ambivalentie',
  'dichterbij.eigen-referentiekader': 'je bent je bewust van je eigen referentiekader',
  'dichterbij.betekenis-als-leidraad': 'aan zijn situatie verleent je leidraad is',
  'dichterbij.partners-in-een-zoektocht': 'je werkt samen als partners in een zoektocht',
  'dichterbij.leer-en-ontwikkelproces': 'kijkt goed wanneer vaart teruggenomen moet worden',
  'dichterbij.maatschappelijke-krachten': 'belemmeringen en beperkingen van maatschappelijke factoren',
  'dichterbij.grenzen-van-invloed': 'tot op welke hoogte je maatschappelijke factoren kunt beïnvloeden',
  'dichterbij.dicht-in-de-leefwereld': 'organiseer hulp dicht in de leefwereld',
  'dichterbij.verbindingen-maken': 'empower alle betrokkenen door het maken van verbindingen',
  'dichterbij.lichtvoetig-beginnen': 'begin met lichtvoetige eenvoudige acties',
  'dichterbij.creatieve-professionaliteit': 'gebruik professionaliteit op een creatieve manier',
  'dichterbij.cyclisch-werkproces': 'waarbij je steeds opnieuw contact legt, verkent, afweegt',
};

/** Frameworks 4–6 are partly paraphrased; each theme's name is at least named in its text. */
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
    expect(presetFrameworks.map((f) => f.id)).toEqual([
      'community-werker',
      'gouden-regels',
      'dichterbij',
      'bouwstenen',
      'interventierichtingen',
      'hulp-zorg-welzijn',
    ]);
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
    expect(themes.filter((t) => t.group === 'Houdingsprincipes')).toHaveLength(10);
    expect(themes.filter((t) => t.group === 'Werkprincipes')).toHaveLength(5);
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
        expect(theme.name.length).toBeLessThanOrEqual(40);
        expect(theme.description.trim()).not.toBe('');
      }
    }
    expect(new Set(presetFrameworks.map((f) => f.color)).size).toBe(presetFrameworks.length);
  });

  it('quotes the wording of frameworks 1–3 from the source texts', () => {
    const quoted = allThemes.filter(({ framework }) =>
      ['community-werker', 'gouden-regels', 'dichterbij'].includes(framework.id),
    );
    expect(quoted.map(({ theme }) => theme.id).sort()).toEqual(Object.keys(quotedPhrases).sort());
    for (const { framework, theme } of quoted) {
      const phrase = normalise(quotedPhrases[theme.id]!);
      const source = normalise(readText(textFiles[framework.id]!));
      expect(normalise(`${theme.name} ${theme.description}`), theme.id).toContain(phrase);
      expect(source, `${theme.id} in ${textFiles[framework.id]}`).toContain(phrase);
    }
  });

  it('names every theme of frameworks 4–6 in its source text', () => {
    const named = allThemes.filter(({ framework }) =>
      ['bouwstenen', 'interventierichtingen', 'hulp-zorg-welzijn'].includes(framework.id),
    );
    expect(named.map(({ theme }) => theme.id).sort()).toEqual(Object.keys(namedInText).sort());
    for (const { framework, theme } of named) {
      const term = normalise(namedInText[theme.id]!);
      expect(normalise(`${theme.name} ${theme.description}`), theme.id).toContain(term);
      expect(normalise(readText(textFiles[framework.id]!)), theme.id).toContain(term);
    }
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
