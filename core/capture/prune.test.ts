// Hand-made fixtures for the pruning rules: each rule removes its furniture and keeps the text.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { isLinkList, pruneArticle } from './prune.js';
import { boilerplateHeading, boilerplateLine } from './prune-phrases.js';

const prose = (n: number) =>
  `<p>Alinea ${n}: bewoners en professionals werken samen aan de buurt, leren van elkaar en zoeken steeds opnieuw naar wat werkt voor de mensen die er wonen.</p>`;

function pruned(inner: string): { text: string; root: Element } {
  const doc = new JSDOM(`<div id="root">${prose(1)}${prose(2)}${prose(3)}${prose(4)}${inner}${prose(5)}</div>`).window.document;
  const root = doc.getElementById('root')!;
  pruneArticle(root);
  return { text: (root.textContent ?? '').replace(/\s+/g, ' '), root };
}

describe('pruneArticle', () => {
  it('cuts a related-links block by its heading, in Dutch, German, English and French', () => {
    for (const heading of ['Lees ook', 'Mehr zum Thema', 'Related articles', 'À lire aussi', 'Das könnte Sie auch interessieren:']) {
      const { text } = pruned(`<h3>${heading}</h3><ul><li><a href="/a">Wijkteams groeien</a></li><li><a href="/b">Buurthuis open</a></li></ul>`);
      expect(text).not.toContain(heading.replace(/:$/, ''));
      expect(text).not.toContain('Wijkteams groeien');
      expect(text).toContain('Alinea 5');
    }
  });

  it('stops at the next block of prose after such a heading', () => {
    const { text } = pruned(`<h2>Reacties</h2><p>3 reacties</p>${prose(9)}`);
    expect(text).not.toContain('Reacties');
    expect(text).toContain('Alinea 9');
  });

  it('keeps a heading of the text that only starts like furniture', () => {
    const { text } = pruned('<h2>Lees ook wat bewoners zelf zeggen over de aanpak in hun straat</h2>');
    expect(text).toContain('Lees ook wat bewoners');
  });

  it('cuts a list of article links after the text and keeps lists within it', () => {
    const links = (name: string) =>
      `<ul><li><a href="/1">${name} bericht over de wijk</a></li><li><a href="/2">Tweede bericht</a></li><li><a href="/3">Derde bericht</a></li></ul>`;
    const steps = '<ul><li>Bel de wijkcoach</li><li>Maak een afspraak met <a href="/buurthuis">het buurthuis</a></li><li>Neem buren mee</li></ul>';
    const { root, text } = pruned(links('Inhoud:') + steps);
    root.insertAdjacentHTML('beforeend', links('Volgend'));
    pruneArticle(root);
    expect(root.textContent).not.toContain('Volgend bericht');
    expect(text).toContain('Inhoud: bericht'); // a table of contents within the text
    expect(text).toContain('Bel de wijkcoach');
    expect(text).toContain('het buurthuis');
  });

  it('cuts furniture lines in several languages and keeps the text', () => {
    const furniture = [
      // Skip links, share lines, comment counts, cookie notices, sign-ups, credits and ad labels.
      'Skip to content',
      'Naar de inhoud',
      'Zum Inhalt springen',
      'Deel op Facebook',
      'Share on Twitter',
      '12 reacties',
      '3 Kommentare',
      'Deze website gebruikt cookies om je ervaring te verbeteren.',
      'Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.',
      'Schrijf je in voor onze nieuwsbrief en blijf op de hoogte',
      'Foto: ANP',
      'Bild: dpa',
      'Photograph by Ann Example',
      'Advertentie',
      'Anzeige',
      // Print and permalink buttons, comment-form notes, rights lines and "read also" lines.
      'Rezept drucken',
      'Imprimer cette page',
      'Permalink',
      'Diese Website verwendet Akismet, um Spam zu reduzieren.',
      'Crédits photos : AFP',
      'Alle rechten voorbehouden',
      'Zie ook: Buurthuis gaat weer open',
      'Weiterlesen: Ein Tag im Quartier',
    ];
    const { text } = pruned(furniture.map((line) => `<p>${line}</p>`).join(''));
    for (const line of furniture) expect(text).not.toContain(line);
    expect(text).toContain('Alinea 4');
  });

  it('cuts blocks made of links after the text, in any language, and keeps a paragraph that is one link', () => {
    const strip = (name: string) => `<div><a href="/x">${name} groeien</a> · <a href="/y">Buurthuis open</a> · <a href="/z">Nieuwe buurtcoach</a></div>`;
    const source = '<p><a href="https://example.org/rapport">https://example.org/rapport</a></p>';
    const { root } = pruned(strip('Bronnen') + source);
    root.insertAdjacentHTML('beforeend', strip('Wijkteams') + source.replaceAll('rapport', 'bijlage'));
    pruneArticle(root);
    const text = root.textContent ?? '';
    expect(text).not.toContain('Wijkteams groeien');
    expect(text).toContain('Bronnen groeien'); // within the text: part of it
    expect(text).toContain('https://example.org/rapport');
    expect(text).toContain('https://example.org/bijlage');
    expect(text).toContain('Alinea 5');
  });

  it('keeps a paragraph with a few links in its sentences', () => {
    const { text } = pruned('<p>Lees het <a href="/r">rapport</a> en de <a href="/b">brief</a> van de gemeente aan de bewoners van de wijk.</p>');
    expect(text).toContain('van de gemeente aan de bewoners');
  });

  it('never cuts a block holding much of the text', () => {
    const doc = new JSDOM(`<div id="root"><h2>Reacties</h2><div><p>${'Een lange reactie van een bewoner over de buurt. '.repeat(20)}</p></div></div>`).window.document;
    const root = doc.getElementById('root')!;
    pruneArticle(root);
    expect(root.textContent).toContain('Een lange reactie');
  });
});

describe('phrases', () => {
  it('recognises furniture lines only whole', () => {
    expect(boilerplateLine('Share on Facebook')).toBe(true);
    expect(boilerplateLine('Wie deelt op Facebook wat bewoners bezighoudt, bereikt de buurt')).toBe(false);
    expect(boilerplateLine('Foto: bewoners bij het buurthuis (ANP)')).toBe(true);
    expect(boilerplateLine('Images')).toBe(false); // a credit says whose
    expect(boilerplateLine('Credit')).toBe(false);
    expect(boilerplateHeading('Meer over wijkteams')).toBe(true);
    expect(boilerplateHeading('Meer dan wijkteams alleen')).toBe(false);
    for (const heading of ['Over de auteur', 'Volgend artikel', 'Nächster Artikel', 'Artikel und Videos zum Thema', 'Article suivant', 'Follow us on Instagram'])
      expect(boilerplateHeading(heading)).toBe(true);
  });

  it('tells a list of links from a list with links', () => {
    const doc = new JSDOM(
      '<ul id="a"><li><a href="/1">Een</a></li><li><a href="/2">Twee</a></li><li><a href="/3">Drie</a></li></ul><ul id="b"><li><a href="/1">Een</a></li><li><a href="/2">Twee</a></li></ul>',
    ).window.document;
    expect(isLinkList(doc.getElementById('a')!)).toBe(true);
    expect(isLinkList(doc.getElementById('b')!)).toBe(false);
  });
});
