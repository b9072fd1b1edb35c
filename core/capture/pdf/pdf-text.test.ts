// Layout of positioned PDF text: lines, paragraphs, words split over lines, running headers.
import { describe, expect, it } from 'vitest';
import { authorLine, firstPageDate, isJunkAuthor, isJunkTitle, pdfMetadata, readFirstPage } from './pdf-metadata.js';
import { layoutPages, type PdfPageInput, type PdfTextItem } from './pdf-text.js';

/** A page from lines of text: [text, size] from the top, one line step of 1.4 × size. */
function page(lines: Array<[string, number] | null>, label = '1', header?: string, footer?: string): PdfPageInput {
  const items: PdfTextItem[] = [];
  let y = 740;
  for (const line of lines) {
    if (line === null) {
      y -= 12; // paragraph gap
      continue;
    }
    items.push({ str: line[0], x: 72, y, width: line[0].length * line[1] * 0.5, size: line[1], eol: true });
    y -= line[1] * 1.4;
  }
  if (header) items.push({ str: header, x: 72, y: 815, width: 200, size: 8, eol: true });
  if (footer) items.push({ str: footer, x: 290, y: 20, width: 10, size: 8, eol: true });
  return { items, width: 595, height: 842, label };
}

describe('layoutPages', () => {
  it('makes paragraphs from line gaps and joins a word split at the line end only when the text knows it', () => {
    const { pages } = layoutPages([
      page([['De herin-', 10], ['richting van de wijk vraagt om een programma-', 10], ['secretaris met tijd.', 10], null, ['Een tweede alinea over de herinrichting.', 10]]),
    ]);
    expect(pages[0].paragraphs.map((p) => p.text)).toEqual([
      'De herinrichting van de wijk vraagt om een programma-secretaris met tijd.',
      'Een tweede alinea over de herinrichting.',
    ]);
  });

  it('marks text in larger type as a heading', () => {
    const { pages } = layoutPages([page([['Andere mindset', 14], null, ['Tekst van de alinea in gewone letters die lang genoeg is.', 10], ['En nog een regel.', 10]])]);
    expect(pages[0].paragraphs[0]).toEqual({ text: 'Andere mindset', heading: true });
    expect(pages[0].paragraphs[1].heading).toBe(false);
  });

  it('leaves out a running header repeated on most pages and bare page numbers', () => {
    const pages = [1, 2, 3, 4].map((n) => page([[`Tekst op pagina ${n}.`, 10]], String(n), 'Movisie — Rapport over buurtwerk', String(n)));
    const layout = layoutPages(pages);
    expect(layout.pages.map((p) => p.paragraphs.map((x) => x.text).join('|'))).toEqual(['Tekst op pagina 1.', 'Tekst op pagina 2.', 'Tekst op pagina 3.', 'Tekst op pagina 4.']);
  });

  it('puts runs on one line together with the spaces their positions imply', () => {
    const items: PdfTextItem[] = [
      { str: 'Buurt', x: 72, y: 700, width: 30, size: 10, eol: false },
      { str: 'werk', x: 106, y: 700, width: 22, size: 10, eol: false },
      { str: 'en', x: 72, y: 686, width: 10, size: 10, eol: true },
    ];
    expect(layoutPages([{ items, width: 595, height: 842, label: '1' }]).pages[0].paragraphs[0].text).toBe('Buurt werk en');
  });
});

describe('PDF metadata', () => {
  it('recognises titles and authors that programs write on their own', () => {
    for (const junk of ['about:blank', 'Microsoft Word - rapport def.docx', 'Untitled', 'rapport_v3.pdf', 'Document1']) expect(isJunkTitle(junk)).toBe(true);
    expect(isJunkTitle('Wijkgericht werken', 'Wijkgericht werken.pdf')).toBe(true);
    expect(isJunkTitle('Professional sleutel tot succes')).toBe(false);
    for (const junk of ['Administrator', 'jdevries', 'Windows-gebruiker', 'j.devries']) expect(isJunkAuthor(junk)).toBe(true);
    expect(isJunkAuthor('Miriam Stolten')).toBe(false);
  });

  it('reads authors, dates and publishers as a cover prints them', () => {
    expect(authorLine('Jaap Ikink en Ben Koenen')).toBe('Jaap Ikink en Ben Koenen');
    expect(authorLine('door Hans van der Berg & Els de Vries')).toBe('Hans van der Berg & Els de Vries');
    expect(authorLine('Verwey-Jonker Instituut')).toBeNull();
    expect(authorLine('Wijkontwikkeling vanuit eigen kracht in de praktijk van alledag')).toBeNull();
    const line = (text: string, size = 10) => ({ text, size, x0: 72, x1: 300, y: 500 });
    expect(firstPageDate([line('Utrecht, 16 december 2016')])).toBe('2016-12-16');
    expect(firstPageDate([line('december 2016')])).toBe('2016-12');
    expect(firstPageDate([line('Tekst over 1995 en later in een lange zin die doorloopt'), line('© 2018 Movisie')])).toBe('2018');
    const cover = readFirstPage([line('Kenniscentrum Sociaal Werk', 12), line('Buurtwerk dat werkt', 28), line('Anna Jansen', 14), line('maart 2021')], 10);
    expect(cover).toEqual({ title: 'Buurtwerk dat werkt', authors: 'Anna Jansen', publisher: 'Kenniscentrum Sociaal Werk' });
  });

  it('takes the document info over the first page, unless the info is junk', () => {
    const firstPage = [{ text: 'Buurtwerk dat werkt', size: 28, x0: 72, x1: 400, y: 500 }];
    const sources = { xmp: {}, firstPage, bodySize: 10 };
    expect(pdfMetadata({ ...sources, info: { Title: 'Buurtwerk: een handreiking', Author: 'Anna Jansen' } }, '').title).toBe('Buurtwerk: een handreiking');
    const guessed = pdfMetadata({ ...sources, info: { Title: 'Microsoft Word - buurtwerk.docx', Author: 'Administrator' } }, '');
    expect(guessed).toMatchObject({ title: 'Buurtwerk dat werkt', byline: null, titleSource: 'first-page' });
    expect(pdfMetadata({ ...sources, info: {}, xmp: { 'dc:title': 'Uit XMP', 'dc:creator': ['A. Jansen', 'B. Smit'] } }, '')).toMatchObject({
      title: 'Uit XMP',
      byline: 'A. Jansen, B. Smit',
    });
  });
});
