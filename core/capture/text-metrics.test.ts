import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { countWords, nonSpaceChars, plainText, textAndLinkDensity, words } from './text-metrics.js';

describe('countWords', () => {
  it('counts words with inner apostrophes and hyphens as one', () => {
    expect(countWords("Zo'n buurt-app werkt: 3 keer per week, óók in 't weekend.")).toBe(11);
    expect(countWords('')).toBe(0);
    expect(countWords('  —  ')).toBe(0);
  });

  it('agrees with words() and counts CJK characters one by one', () => {
    const text = 'De wijkteams in Amersfoort werken samen met bewoners; elke dinsdag is er een inloop.\nWie wil, schuift aan.';
    expect(countWords(text)).toBe(words(text).length);
    expect(countWords(text + text)).toBe(2 * words(text).length);
    expect(countWords('社区 work')).toBe(3);
  });
});

describe('countWords against the word pattern', () => {
  it('equals words().length for any text, including marks, surrogates and punctuation', () => {
    const alphabet = ['a', 'Z', 'é', 'ë', '9', '²', "'", '’', '-', '_', ' ', '\n', '.', ',', '\u0301', '😀', '𝒜', '\ud800', 'ß', 'ا', 'й', '—', '\u00a0'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(countWords(text)).toBe(words(text).length);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => countWords(text) === words(text).length || /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(text)),
    );
  });
});

describe('textAndLinkDensity', () => {
  const spaces = ['', ' ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b', 'a', 'é', '文', '-'];
  it('counts non-whitespace characters as removing every \\s would', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...spaces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(nonSpaceChars(text)).toBe(text.replace(/\s+/g, '').length);
      }),
    );
  });

  it('gives plainText and the share of text in links (nested and hidden text included)', () => {
    const doc = new JSDOM(
      '<div id="r"><p>Een <a href="#">link met <a href="#">twee</a></a> woorden</p><script>verborgen()</script><table><tr><td>x</td><td><a>y</a></td></tr></table></div>',
    ).window.document;
    const root = doc.getElementById('r')!;
    const textContent = (root.textContent ?? '').replace(/\s+/g, '').length;
    let linked = 0;
    for (const a of Array.from(root.querySelectorAll('a'))) linked += (a.textContent ?? '').replace(/\s+/g, '').length;
    const result = textAndLinkDensity(root);
    expect(result.text).toBe(plainText(root));
    expect(result.linkDensity).toBeCloseTo(linked / textContent, 12);
    expect(result.linkDensity).toBeGreaterThan(0);
  });
});
