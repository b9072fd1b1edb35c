// The prose candidate (the second opinion on the article block) never comes from a hidden
// block or a dialog: a pop-up's prose is not the page's article.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { proseCandidate } from './candidate.js';

const prose = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `<p>${topic} ${i + 1}: een lange alinea over het onderwerp, met genoeg woorden om als lopende tekst te tellen in deze toets.</p>`).join('');

describe('proseCandidate', () => {
  it('takes the article, not a larger pop-up, hidden block or dialog', () => {
    for (const wrapper of ['<div role="dialog">', '<div aria-hidden="true">', '<div hidden>']) {
      const doc = new JSDOM(`<body><main><div id="article">${prose('Artikel', 4)}</div></main>${wrapper}<div id="popup">${prose('Pop-up', 8)}</div></div></body>`).window.document;
      const found = proseCandidate(doc);
      expect(found?.element.id).toBe('article');
      expect(found?.paragraphs.every((p) => p.startsWith('Artikel'))).toBe(true);
    }
  });
});
