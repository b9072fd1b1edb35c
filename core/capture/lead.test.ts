// The lead paragraph that Readability leaves out is put back from the page, once.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { addLead } from './lead.js';

const lead = 'Wijkteams in Utrecht gaan vanaf volgend jaar samenwerken met vrijwilligers uit de buurt, meldt de gemeente.';

function run(body: string, description: string | null): string {
  const doc = new JSDOM(`<body>${body}<div id="article"><p>De eerste alinea van het artikel.</p></div></body>`).window.document;
  const inert = doc.implementation.createHTMLDocument('');
  const root = inert.importNode(doc.getElementById('article')!, true);
  addLead(root, doc, description);
  return root.textContent ?? '';
}

describe('addLead', () => {
  it('puts the page\'s lead back at the top when the article lacks it', () => {
    expect(run(`<p class="intro">${lead}</p>`, lead).startsWith(lead)).toBe(true);
  });

  it('leaves it when the description is not on the page, is short, or the article has it', () => {
    expect(run('<p>Iets anders.</p>', lead)).not.toContain('Wijkteams');
    expect(run('<p class="intro">Kort.</p>', 'Kort.')).not.toContain('Kort.');
    expect(run(`<nav><p>${lead}</p></nav>`, lead)).not.toContain('Wijkteams');
  });
});
