// Realistic Dutch pages (tests/fixtures/pages/nl) built from tests/fixtures/domain-texts: navigation,
// breadcrumb, sidebar, cookie bar, share buttons, comments, newsletter and footer around the
// text, metadata in varied forms. The article must come out whole and clean, metadata right.
import { describe, expect, it } from 'vitest';
import { apaReference } from './citation.js';
import { extract } from './extract.js';
import { textScore } from './scoring.js';
import { loadDutchFixtures, parseHtml } from './testing/corpus.js';

const fixtures = loadDutchFixtures();

describe('Dutch fixture pages', () => {
  it('has at least five fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  for (const fixture of fixtures) {
    describe(fixture.id, () => {
      const doc = parseHtml(fixture.source, fixture.url);
      const result = extract(doc, fixture.url, 'article', { now: Date.UTC(2026, 10, 22) });
      const { capture } = result;

      it('extracts the whole article text (F1 ≥ 0.9 against the original)', () => {
        expect(textScore(capture.text, fixture.originalText).f1).toBeGreaterThanOrEqual(0.9);
        for (const sentence of fixture.expected.mustContain) expect(capture.text).toContain(sentence);
      });

      it('leaves cookie bar, comments, newsletter, related posts and footer out', () => {
        for (const boilerplate of fixture.expected.mustNotContain) expect(capture.text).not.toContain(boilerplate);
        expect(capture.html).not.toMatch(/<(?:form|input|button|script|style)\b/i);
      });

      it('reads title, byline, date, language and site', () => {
        expect(capture.title).toBe(fixture.expected.title);
        expect(capture.byline).toBe(fixture.expected.byline);
        expect(capture.published?.slice(0, 10) ?? null).toBe(fixture.expected.published);
        expect(capture.lang).toBe(fixture.expected.lang);
        if (fixture.expected.siteName) expect(capture.siteName).toBe(fixture.expected.siteName);
      });

      it('is confident and cites in Dutch', () => {
        expect(result.confidence).toBeGreaterThanOrEqual(0.8);
        expect(result.suggestedMode).toBeNull();
        expect(capture.mode).toBe('article');
        const reference = apaReference(capture);
        expect(reference).toContain(fixture.expected.title);
        expect(reference).toMatch(/\((?:\d{4}), \d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\)/);
      });
    });
  }
});
