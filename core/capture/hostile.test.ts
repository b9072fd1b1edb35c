// Hostile pages (tests/fixtures/pages/hostile): script in every place the usual XSS cheat
// sheets list. Every vector would bump window.__knipselCanary if it ran; the capture must be
// inert in all its fields, in every mode, and extraction itself must run none of them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { apaReferenceHtml } from './citation.js';
import { extract, type ExtractMode } from './extract.js';
import { hostileFixturesDir } from './testing/corpus.js';
import { inertnessProblems, markdownProblems } from './testing/inert.js';
import { captureMarkdown } from './to-markdown.js';

const pages = readdirSync(hostileFixturesDir).filter((name) => name.endsWith('.html'));
const url = 'https://hostile.example/artikel';

function load(name: string): JSDOM {
  // No scripts run and nothing loads, as in the CLI; the canary proves it stays that way.
  return new JSDOM(readFileSync(join(hostileFixturesDir, name), 'utf8'), { url, virtualConsole: new VirtualConsole() });
}

describe('hostile pages', () => {
  it('has fixtures', () => expect(pages.length).toBeGreaterThanOrEqual(3));

  for (const name of pages) {
    for (const mode of ['article', 'page', 'bookmark', 'selection'] as ExtractMode[]) {
      it(`${name} in ${mode} mode comes out inert`, () => {
        const dom = load(name);
        const doc = dom.window.document;
        let selection: Range | null = null;
        if (mode === 'selection') {
          selection = doc.createRange();
          selection.selectNodeContents(doc.body);
        }
        const before = doc.documentElement.outerHTML;
        const { capture, warnings } = extract(doc, url, mode, { selection, now: 0 });
        expect(doc.documentElement.outerHTML).toBe(before); // the page is not touched
        expect((dom.window as unknown as { __knipselCanary?: number }).__knipselCanary).toBeUndefined();
        expect(inertnessProblems(capture.html)).toEqual([]);
        expect(markdownProblems(captureMarkdown(capture))).toEqual([]);
        expect(capture.html).not.toMatch(/<script|<iframe|<svg|<math|<object|<embed|<form/i);
        for (const field of [capture.title, capture.byline, capture.siteName, capture.description, capture.lang]) {
          expect(field ?? '').not.toMatch(/<\s*[a-z!/]/i);
        }
        for (const link of [capture.canonicalUrl, capture.image, capture.url]) {
          if (link) expect(link).toMatch(/^https?:\/\//);
        }
        if (capture.published) expect(capture.published).toMatch(/^\d{4}-\d{2}-\d{2}/);
        expect(inertnessProblems(apaReferenceHtml(capture)).filter((p) => p !== '<em>')).toEqual([]);
        expect(apaReferenceHtml(capture)).not.toMatch(/<(?!\/?em>)/);
        expect(Array.isArray(warnings)).toBe(true);
      });
    }
  }

  it('turns the embedded video into a link and keeps the article text', () => {
    const { capture } = extract(load('article-vectors.html').window.document, url, 'article');
    expect(capture.text).toContain('De wijkteams in onze gemeente werken sinds 2015 samen met bewoners');
    expect(capture.byline).toBe('Eva de Vries');
    const clean = new JSDOM('<p>Uitleg over wijkteams in de buurt.</p><iframe src="https://www.youtube.com/embed/abc123" title="Uitleg" onload="alert(1)"></iframe>', { url });
    const page = extract(clean.window.document, url, 'page').capture;
    expect(page.html).toContain('<a href="https://www.youtube.com/embed/abc123">Video (Uitleg)</a>');
    expect(captureMarkdown(page)).toContain('[Video (Uitleg)](https://www.youtube.com/embed/abc123)');
  });
});
