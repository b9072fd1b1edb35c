// The "controleer even" line: a sound article stays above it, and so does one with a single
// doubt; two doubts together (a thin sliver of a big page, a pick that misses most of the
// page's prose in a block the extractors disagreed on) fall under it.
import { describe, expect, it } from 'vitest';
import type { Content } from './capture-fields.js';
import { articleConfidence, checkLine, type ArticleSignals } from './confidence.js';

const content = (wordCount: number, linkDensity = 0): Content => ({ html: '', text: '', wordCount, linkDensity });
const sound: ArticleSignals = { articleChars: 6000, pageChars: 12000, source: 'readability', coverage: 1 };

describe('articleConfidence', () => {
  it('keeps a sound article above the line, and a short one or a sliver alone too', () => {
    expect(articleConfidence(content(800), sound, [])).toBeGreaterThanOrEqual(checkLine);
    expect(articleConfidence(content(100), sound, [])).toBeGreaterThanOrEqual(checkLine);
    expect(articleConfidence(content(800), { ...sound, articleChars: 900, pageChars: 40000 }, [])).toBeGreaterThanOrEqual(checkLine);
  });

  it('stays above the line on one doubt and falls under it on two', () => {
    const missing = { ...sound, coverage: 0.3 };
    const other = { ...sound, source: 'candidate' as const };
    expect(articleConfidence(content(800), missing, [])).toBeGreaterThanOrEqual(checkLine);
    expect(articleConfidence(content(800), other, [])).toBeGreaterThanOrEqual(checkLine);
    expect(articleConfidence(content(800), { ...missing, source: 'candidate' }, [])).toBeLessThan(checkLine);
    expect(articleConfidence(content(800), { ...missing, articleChars: 900, pageChars: 40000 }, [])).toBeLessThan(checkLine);
    expect(articleConfidence(content(100), { ...sound, articleChars: 700, pageChars: 40000 }, [])).toBeLessThan(checkLine);
  });

  it('flags thin and link-heavy picks with a warning', () => {
    const warnings: { code: string }[] = [];
    expect(articleConfidence(content(20, 0.6), sound, warnings as never)).toBeLessThan(0.5);
    expect(warnings.map((w) => w.code)).toEqual(['thin-content', 'mostly-boilerplate']);
  });
});
