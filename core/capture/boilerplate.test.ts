// Boilerplate by markup: author boxes, tag lists, sidebars, teaser strips and dialogs go; the
// article's own text (and a block holding much of it) stays.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { isBoilerplate, removeBoilerplate } from './boilerplate.js';

const prose = (n: number) => `<p>Alinea ${n}: bewoners en professionals werken samen aan de buurt en leren van elkaar wat werkt voor wie er woont.</p>`;

describe('removeBoilerplate', () => {
  it('cuts author boxes, tag lists, sidebars, teasers and dialogs by their class or role', () => {
    const furniture = [
      '<div class="author-bio">Over Sanne: schrijft over wijkwerk</div>',
      '<ul class="post-tags"><li>wijkteams</li></ul>',
      '<div class="sidebar">Populair deze week</div>',
      '<div class="teaser-list">Ook in de buurt</div>',
      '<div role="dialog">Meld je aan voor updates</div>',
    ];
    const doc = new JSDOM(`<div id="root">${prose(1)}${prose(2)}${furniture.join('')}${prose(3)}${prose(4)}</div>`).window.document;
    const root = doc.getElementById('root')!;
    removeBoilerplate(root);
    const text = root.textContent ?? '';
    for (const phrase of ['Over Sanne', 'wijkteams', 'Populair deze week', 'Ook in de buurt', 'Meld je aan']) expect(text).not.toContain(phrase);
    expect(text).toContain('Alinea 4');
  });

  it('matches whole words of short class tokens only', () => {
    const el = (cls: string) => new JSDOM(`<div class="${cls}"></div>`).window.document.querySelector('div')!;
    expect(isBoilerplate(el('author-box'))).toBe(true);
    expect(isBoilerplate(el('adaptive-layout'))).toBe(false);
    expect(isBoilerplate(el('bookmore'))).toBe(false);
    expect(isBoilerplate(el('a-very-long-more-token'))).toBe(false);
  });
});
