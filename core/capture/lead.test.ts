// The lead paragraph that Readability leaves out is put back from the page, once.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addLead, squashedIncludes } from './lead.js';

const lead = 'Wijkteams in Utrecht gaan vanaf volgend jaar samenwerken met vrijwilligers uit de buurt, meldt de gemeente.';

function run(body: string, description: string | null): string {
  const doc = new JSDOM(`<body>${body}<div id="article"><p>De eerste alinea van het artikel.</p></div></body>`).window.document;
  const inert = doc.implementation.createHTMLDocument('');
  const root = inert.importNode(doc.getElementById('article')!, true);
  addLead(root, doc, description);
  return root.textContent ?? '';
}

describe('addLead', () => {
  it("puts the page's lead back at the top when the article lacks it", () => {
    expect(run(`<p class="intro">${lead}</p>`, lead).startsWith(lead)).toBe(true);
  });

  it('leaves it when the description is not on the page, is short, or the article has it', () => {
    expect(run('<p>Iets anders.</p>', lead)).not.toContain('Wijkteams');
    expect(run('<p class="intro">Kort.</p>', 'Kort.')).not.toContain('Kort.');
    expect(run(`<nav><p>${lead}</p></nav>`, lead)).not.toContain('Wijkteams');
  });
});

describe('squashedIncludes', () => {
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  const pieces = ['a', 'b', '.', '(', '*', ' ', '  ', '\n', '\u00a0', '\t'];
  // A probe is the start of a squashed lead: it begins with a letter and may end in a space.
  it('answers as squashing the text first would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 30 }),
        fc.constantFrom('a', 'b', '('),
        fc.array(fc.constantFrom(...pieces), { maxLength: 6 }),
        (text, first, rest) => {
          const probe = [first, ...rest];
          const p = squash(probe.join('')) + (probe[probe.length - 1] === ' ' ? ' ' : '');
          const haystack = text.join('');
          expect(squashedIncludes(haystack, p)).toBe(squash(haystack).includes(p));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
