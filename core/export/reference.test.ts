import { describe, expect, it } from 'vitest';
import { makeCapture } from '../testing/captures.js';
import { buildPortfolio } from './portfolio.js';
import { inTextCitation, referenceRuns, referenceText } from './reference.js';
import { makeTestDossier } from '../testing/dossier.js';
import type { Clip } from '../dossier/types.js';

/** The parts of a clip's reference set in italics. */
const italics = (clip: Clip) =>
  referenceRuns(clip)
    .filter((r) => r.italic)
    .map((r) => r.text);

function blogClip() {
  const made = makeTestDossier();
  const id = made.dossier.clips.add({
    capture: makeCapture({
      title: 'Transformatie in sociaal domein gaat niet zonder community werk',
      url: 'https://www.buurtontwikkeling.nl/blogs/transformatie',
      byline: null,
      siteName: 'Platform voor buurtontwikkeling',
      published: null,
    }),
    title: 'Mijn favoriete blog over community werk',
    themes: ['community-werker.eigenaarschap'],
  });
  made.dossier.clips.addHighlight(id, { quote: { exact: 'Deze simpele oplossing is bedacht door bewoners zelf.', prefix: '', suffix: '' }, note: '', colour: 'inspiratie' });
  return { ...made, id };
}

describe('references of a clip', () => {
  it('never put the renamed title in place of the source title', () => {
    const { dossier, id } = blogClip();
    const clip = dossier.clips.get(id)!;
    expect(referenceText(clip)).toContain('Transformatie in sociaal domein gaat niet zonder community werk');
    expect(referenceText(clip)).not.toContain('favoriete');
  });

  it('take the authors, date, site and source title the user corrected', () => {
    const { dossier, id } = blogClip();
    expect(inTextCitation(dossier.clips.get(id)!)).toBe('(Platform voor buurtontwikkeling, z.d.)');
    dossier.clips.update(id, { source: { authors: ' Jaap Ikink en Ben Koenen ', published: '2016-12-16' } });
    const clip = dossier.clips.get(id)!;
    expect(clip.source).toEqual({ authors: 'Jaap Ikink en Ben Koenen', published: '2016-12-16' });
    expect(referenceText(clip)).toBe(
      'Ikink, J., & Koenen, B. (2016, 16 december). Transformatie in sociaal domein gaat niet zonder community werk. Platform voor buurtontwikkeling. https://www.buurtontwikkeling.nl/blogs/transformatie',
    );
    expect(italics(clip)).toEqual(['Platform voor buurtontwikkeling']);
    expect(inTextCitation(clip)).toBe('(Ikink & Koenen, 2016)');
    expect(inTextCitation(clip, 'en')).toBe('(Ikink & Koenen, 2016)');
    // An emptied field means none; the source title can be corrected.
    dossier.clips.update(id, { source: { authors: 'Jaap Ikink en Ben Koenen', published: '', siteName: '', title: 'Transformatie gaat niet zonder community werk' } });
    const changed = dossier.clips.get(id)!;
    expect(referenceText(changed, 'en')).toMatch(/^Ikink, J\., & Koenen, B\. \(n\.d\.\)\. Transformatie gaat niet zonder community werk\. Retrieved /);
    expect(() => dossier.clips.update(id, { source: { published: 'gisteren' } })).toThrow();
  });

  it('cite as the kind of source the user chose', () => {
    const { dossier, id } = blogClip();
    dossier.clips.update(id, { source: { authors: 'Jaap Ikink en Ben Koenen', published: '2016-12-16', kind: 'report' } });
    const report = dossier.clips.get(id)!;
    expect(report.source?.kind).toBe('report');
    // A report: the year only, the title in italics, no retrieval date.
    expect(referenceText(report)).toBe(
      'Ikink, J., & Koenen, B. (2016). Transformatie in sociaal domein gaat niet zonder community werk. Platform voor buurtontwikkeling. https://www.buurtontwikkeling.nl/blogs/transformatie',
    );
    expect(italics(report)).toEqual(['Transformatie in sociaal domein gaat niet zonder community werk']);
    // A blog post without a date still sets its site in italics; a web page its title.
    dossier.clips.update(id, { source: { authors: 'Jaap Ikink', published: '', kind: 'blog' } });
    expect(italics(dossier.clips.get(id)!)).toEqual(['Platform voor buurtontwikkeling']);
    dossier.clips.update(id, { source: { kind: 'webpage', published: '2016-12-16' } });
    expect(italics(dossier.clips.get(id)!)).toEqual(['Transformatie in sociaal domein gaat niet zonder community werk']);
    expect(() => dossier.clips.update(id, { source: { kind: 'podcast' as 'blog' } })).toThrow();
  });

  it('cite quoted highlights in the portfolio, and label the date "Geraadpleegd op"', () => {
    const { dossier, id } = blogClip();
    dossier.clips.update(id, { source: { authors: 'Jaap Ikink en Ben Koenen', published: '2016-12-16' } });
    const nl = buildPortfolio(dossier, { frameworkId: 'community-werker', locale: 'nl', themeIds: ['community-werker.eigenaarschap'] });
    expect(nl.labels.captured).toBe('Geraadpleegd op');
    const theme = nl.themes[0]!;
    expect(theme.numberLabel).toBe('kenmerk 5');
    const clip = theme.entries.map((e) => (e.type === 'item' ? e.item : null)).find((c) => c?.id === id)!;
    expect(clip.highlights[0]!.citation).toBe('(Ikink & Koenen, 2016)');
    expect(clip.author).toBe('Jaap Ikink en Ben Koenen');
    const dichterbij = buildPortfolio(dossier, { frameworkId: 'dichterbij', locale: 'en', themeIds: ['dichterbij.verbindingen-maken'] });
    expect(dichterbij.themes[0]).toMatchObject({ numberLabel: 'working principle 2', group: 'Werkprincipes' });
  });
});
