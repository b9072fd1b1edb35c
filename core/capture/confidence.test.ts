// The "controleer even" line: a sound article stays above it, and so does one with a single
// doubt; two doubts together (a pick that misses most of the page's prose in a block the
// extractors disagreed on, a short clip of fragments) fall under it.
import { describe, expect, it } from 'vitest';
import type { Content } from './capture-fields.js';
import { articleConfidence, checkLine, proseShare, type ArticleSignals } from './confidence.js';

const paragraph = 'Een buurtbewoner vertelt hoe het wijkteam samen met de bewoners een plan maakte voor het plein.';
const fragments = ['Home', 'Nieuws', 'Agenda', 'Contact', 'Foto: buurthuis'].join('\n');
const content = (wordCount: number, linkDensity = 0, text = Array(6).fill(paragraph).join('\n')): Content => ({ html: '', text, wordCount, linkDensity });
const sound: ArticleSignals = { source: 'readability', coverage: 1 };

describe('proseShare', () => {
  it('is the share of the text in lines of running prose', () => {
    expect(proseShare(paragraph)).toBe(1);
    expect(proseShare(fragments)).toBe(0);
    expect(proseShare(`${paragraph}\n${fragments}`)).toBeCloseTo(paragraph.length / (paragraph.length + 1 + fragments.length));
    expect(proseShare('')).toBe(0);
  });
});

describe('articleConfidence', () => {
  it('keeps a sound article above the line, and a short one or one of fragments alone too', () => {
    expect(articleConfidence(content(800), sound, [])).toBeGreaterThanOrEqual(checkLine);
    expect(articleConfidence(content(100), sound, [])).toBeGreaterThanOrEqual(checkLine);
    expect(articleConfidence(content(800, 0, fragments), sound, [])).toBeGreaterThanOrEqual(checkLine);
  });

  it('stays above the line on one doubt and falls under it on two', () => {
    const missing = { ...sound, coverage: 0.3 };
    const other = { ...sound, source: 'candidate' as const };
    expect(articleConfidence(content(800), missing, [])).toBeGreaterThanOrEqual(checkLine);
    expect(articleConfidence(content(800), other, [])).toBeGreaterThanOrEqual(checkLine);
    expect(articleConfidence(content(800), { ...missing, source: 'candidate' }, [])).toBeLessThan(checkLine);
    expect(articleConfidence(content(800, 0, fragments), missing, [])).toBeLessThan(checkLine);
    expect(articleConfidence(content(100, 0, fragments), sound, [])).toBeLessThan(checkLine);
  });

  it('flags thin and link-heavy picks with a warning', () => {
    const warnings: { code: string }[] = [];
    expect(articleConfidence(content(20, 0.6), sound, warnings as never)).toBeLessThan(0.5);
    expect(warnings.map((w) => w.code)).toEqual(['thin-content', 'mostly-boilerplate']);
  });
});
