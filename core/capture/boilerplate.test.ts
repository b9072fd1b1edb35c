// Boilerplate by markup: author boxes, pop-ups and dialogs go; the article's own text stays.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { isBoilerplate, removeBoilerplate } from './boilerplate.js';

const prose = (n: number) => `<p>Alinea ${n}: bewoners en professionals werken samen aan de buurt en leren van elkaar wat werkt voor wie er woont.</p>`;

describe('removeBoilerplate', () => {
  it('cuts author boxes, pop-ups and dialogs by their class or role', () => {
    const furniture = [
      '<div class="post-authorbio">Over Sanne: schrijft over wijkwerk</div>',
      '<div class="popup-box">Populair deze week</div>',
      '<div class="modal">Ook in de buurt</div>',
      '<div role="dialog">Meld je aan voor updates</div>',
    ];
    const doc = new JSDOM(`<div id="root">${prose(1)}${prose(2)}${furniture.join('')}${prose(3)}${prose(4)}</div>`).window.document;
    const root = doc.getElementById('root')!;
    removeBoilerplate(root);
    const text = root.textContent ?? '';
    for (const phrase of ['Over Sanne', 'Populair deze week', 'Ook in de buurt', 'Meld je aan']) expect(text).not.toContain(phrase);
    expect(text).toContain('Alinea 4');
  });

  it('matches whole words of short class tokens only', () => {
    const el = (cls: string) => new JSDOM(`<div class="${cls}"></div>`).window.document.querySelector('div')!;
    expect(isBoilerplate(el('site-popup'))).toBe(true);
    expect(isBoilerplate(el('popupular-posts'))).toBe(false);
    expect(isBoilerplate(el('a-very-long-popup-token'))).toBe(false);
  });
});
