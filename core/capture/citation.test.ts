import { describe, expect, it } from 'vitest';
import type { Capture } from '../dossier/types.js';
import { bareCapture } from '../testing/captures.js';
import { apaInTextCitation, apaReference, apaReferenceHtml, parseAuthor, splitByline } from './citation.js';

const capturedAt = new Date(2026, 10, 22, 12, 0).getTime();
function capture(patch: Partial<Capture>): Capture {
  const url = 'https://www.buurtontwikkeling.nl/blogs/transformatie';
  return bareCapture({ url, title: 'Transformatie in sociaal domein gaat niet zonder community werk', capturedAt, ...patch });
}

describe('parseAuthor', () => {
  it('reads Dutch particles', () => {
    expect(parseAuthor('Jaap van der Ikink')).toEqual({ kind: 'person', initials: 'J.', particles: 'van der', surname: 'Ikink' });
    expect(parseAuthor('Esther van Oss')).toMatchObject({ surname: 'Oss', particles: 'van' });
    expect(parseAuthor('Annemiek de Boer')).toMatchObject({ surname: 'Boer', particles: 'de', initials: 'A.' });
    expect(parseAuthor("Kees van 't Hek")).toMatchObject({ surname: 'Hek', particles: "van 't" });
    // An Arabic article is part of the surname, capitalised where it leads.
    expect(parseAuthor('Fatima el Amrani')).toEqual({ kind: 'person', initials: 'F.', particles: '', surname: 'El Amrani' });
    expect(parseAuthor('Mohamed al Khatib')).toMatchObject({ surname: 'Al Khatib', initials: 'M.' });
  });
  it('reads hyphenated and multiple given names', () => {
    expect(parseAuthor('Jan-Willem Koenen')).toMatchObject({ initials: 'J.-W.', surname: 'Koenen' });
    expect(parseAuthor('Maria Johanna Visser')).toMatchObject({ initials: 'M. J.', surname: 'Visser' });
  });
  it('reads "Surname, Initials particles" as written', () => {
    expect(parseAuthor('Ikink, J. van der')).toMatchObject({ surname: 'Ikink', initials: 'J.', particles: 'van der' });
  });
  it('treats organisations and single names as organisations', () => {
    expect(parseAuthor('Gemeente Leeuwarden')).toEqual({ kind: 'organisation', name: 'Gemeente Leeuwarden' });
    expect(parseAuthor('Redactie Sociaal Werk Nederland')).toMatchObject({ kind: 'organisation' });
    expect(parseAuthor('Movisie')).toMatchObject({ kind: 'organisation' });
  });
});

describe('splitByline', () => {
  it('splits on en, and, &, commas', () => {
    expect(splitByline('Jaap Ikink en Ben Koenen')).toEqual(['Jaap Ikink', 'Ben Koenen']);
    expect(splitByline('A. Jansen, B. de Vries & C. Bakker')).toEqual(['A. Jansen', 'B. de Vries', 'C. Bakker']);
    expect(splitByline('Ikink, J.')).toEqual(['Ikink, J.']);
  });
});

describe('apaReference (nl)', () => {
  it('one author with a date', () => {
    expect(apaReference(capture({ byline: 'Ben Koenen', published: '2016-12-16', siteName: 'Platform voor buurtontwikkeling' }))).toBe(
      'Koenen, B. (2016, 16 december). Transformatie in sociaal domein gaat niet zonder community werk. Platform voor buurtontwikkeling. https://www.buurtontwikkeling.nl/blogs/transformatie',
    );
  });
  it('Dutch particle after the initials', () => {
    expect(apaReference(capture({ byline: 'Jaap van der Ikink', published: '2016-12-16' }))).toMatch(/^Ikink, J\. van der \(2016, 16 december\)\. /);
  });
  it('two and three authors with &', () => {
    expect(apaReference(capture({ byline: 'Jaap Ikink en Ben Koenen', published: '2016-12-16' }))).toMatch(/^Ikink, J\., & Koenen, B\. \(2016/);
    expect(apaReference(capture({ byline: 'Jaap Ikink, Esther van Oss en Ben Koenen', published: '2016-12-16' }))).toMatch(/^Ikink, J\., Oss, E\. van, & Koenen, B\. \(2016/);
  });
  it('undated: z.d. and Geraadpleegd op', () => {
    expect(apaReference(capture({ byline: 'Ben Koenen' }))).toBe(
      'Koenen, B. (z.d.). Transformatie in sociaal domein gaat niet zonder community werk. Geraadpleegd op 22 november 2026, van https://www.buurtontwikkeling.nl/blogs/transformatie',
    );
  });
  it('organisation as author when there is no person, without repeating the site', () => {
    expect(apaReference(capture({ siteName: 'Movisie', published: '2020-03-02' }))).toBe(
      'Movisie. (2020, 2 maart). Transformatie in sociaal domein gaat niet zonder community werk. https://www.buurtontwikkeling.nl/blogs/transformatie',
    );
  });
  it('no author and no site: title first', () => {
    expect(apaReference(capture({ published: '2009' }))).toBe(
      'Transformatie in sociaal domein gaat niet zonder community werk. (2009). https://www.buurtontwikkeling.nl/blogs/transformatie',
    );
  });
  it('keeps a title question mark', () => {
    expect(apaReference(capture({ title: 'Wat doet een opbouwwerker?', byline: 'Ben Koenen', published: '2016-01-05' }))).toContain(
      '(2016, 5 januari). Wat doet een opbouwwerker? https://',
    );
  });
});

describe('apaReference (en)', () => {
  it('n.d., Retrieved, English month order, particle in front', () => {
    expect(apaReference(capture({ byline: 'Jaap van der Ikink', siteName: 'Platform' }), { locale: 'en' })).toBe(
      'van der Ikink, J. (n.d.). Transformatie in sociaal domein gaat niet zonder community werk. Platform. Retrieved November 22, 2026, from https://www.buurtontwikkeling.nl/blogs/transformatie',
    );
    expect(apaReference(capture({ byline: 'Ben Koenen', published: '2016-12-16' }), { locale: 'en' })).toContain('(2016, December 16).');
  });
});

describe('apaReferenceHtml', () => {
  it('italicises the site of a blog post or news item, not its title, and escapes everything', () => {
    const html = apaReferenceHtml(capture({ title: 'Kinderen <script>alert(1)</script> & wijk', byline: 'Ben Koenen', published: '2016-12-16', siteName: 'A&B' }));
    expect(html).toBe(
      'Koenen, B. (2016, 16 december). Kinderen &lt;script&gt;alert(1)&lt;/script&gt; &amp; wijk. <em>A&amp;B</em>. https://www.buurtontwikkeling.nl/blogs/transformatie',
    );
  });

  it("writes the issue's example: two authors, Dutch date, the platform in italics", () => {
    const html = apaReferenceHtml(capture({ byline: 'Jaap Ikink en Ben Koenen', published: '2016-12-16', siteName: 'Platform voor buurtontwikkeling' }));
    expect(html).toBe(
      'Ikink, J., &amp; Koenen, B. (2016, 16 december). Transformatie in sociaal domein gaat niet zonder community werk. <em>Platform voor buurtontwikkeling</em>. https://www.buurtontwikkeling.nl/blogs/transformatie',
    );
  });

  it('italicises the title of a web page without a date, with the retrieval date', () => {
    const html = apaReferenceHtml(capture({ title: 'Over ons', siteName: 'Movisie', byline: 'Movisie' }), { locale: 'en' });
    expect(html).toBe('Movisie. (n.d.). <em>Over ons</em>. Retrieved November 22, 2026, from https://www.buurtontwikkeling.nl/blogs/transformatie');
    expect(apaReferenceHtml(capture({ title: 'Over ons', siteName: 'Vilans' }))).toMatch(/^Vilans\. \(z\.d\.\)\. <em>Over ons<\/em>\. Geraadpleegd op 22 november 2026, van /);
  });
});

describe('apaInTextCitation', () => {
  it('cites one, two and three or more authors as APA 7 does', () => {
    expect(apaInTextCitation(capture({ byline: 'Ben Koenen', published: '2016-12-16' }))).toBe('(Koenen, 2016)');
    expect(apaInTextCitation(capture({ byline: 'Fatima el Amrani', published: null }))).toBe('(El Amrani, z.d.)');
    expect(apaInTextCitation(capture({ byline: 'Jaap Ikink en Ben Koenen', published: '2016' }))).toBe('(Ikink & Koenen, 2016)');
    expect(apaInTextCitation(capture({ byline: 'Jaap Ikink, Ben Koenen en Miriam Stolten', published: '2016' }))).toBe('(Ikink et al., 2016)');
  });

  it('capitalises a leading particle in Dutch and keeps it as written in English', () => {
    const c = capture({ byline: 'Tine van Regenmortel', published: '2010' });
    expect(apaInTextCitation(c)).toBe('(Van Regenmortel, 2010)');
    expect(apaInTextCitation(c, { locale: 'en' })).toBe('(van Regenmortel, 2010)');
    expect(apaInTextCitation(capture({ byline: 'Jaap van der Ikink', published: '2016' }))).toBe('(Van der Ikink, 2016)');
  });

  it('says z.d. in Dutch and n.d. in English; an organisation or the title stands in for a missing author', () => {
    expect(apaInTextCitation(capture({ byline: 'Ben Koenen' }))).toBe('(Koenen, z.d.)');
    expect(apaInTextCitation(capture({ byline: 'Ben Koenen' }), { locale: 'en' })).toBe('(Koenen, n.d.)');
    expect(apaInTextCitation(capture({ siteName: 'Movisie', published: '2020-03' }))).toBe('(Movisie, 2020)');
    expect(apaInTextCitation(capture({}))).toBe('(“Transformatie in sociaal domein…”, z.d.)');
  });
});
