// Test and benchmark support (Node only): loads Mozilla Readability's test pages and the Dutch
// fixtures (both under tests/fixtures), parses pages with jsdom (no scripts, no resource loading), and runs the baselines.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import Defuddle from 'defuddle';
import { plainText } from '../text-metrics.js';
import type { MetadataValues } from '../scoring.js';
import type { BaselineOutput } from './readability-baseline.js';

export { runReadabilityBaseline, type BaselineOutput } from './readability-baseline.js';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
export const corpusDir = resolve(repoRoot, 'tests/fixtures/corpora/readability-test-pages');
export const dutchFixturesDir = resolve(repoRoot, 'tests/fixtures/pages/nl');
export const hostileFixturesDir = resolve(repoRoot, 'tests/fixtures/pages/hostile');
export const corpusUrl = 'http://fakehost/test/page.html';

const quiet = new VirtualConsole();

/** Parse HTML like a page that never runs its scripts or loads anything. */
export function parseHtml(html: string, url: string): Document {
  return new JSDOM(html, { url, virtualConsole: quiet, runScripts: undefined, resources: undefined }).window.document;
}

let fragmentHost: Document | null = null;
/** Plain text of an HTML fragment (parsed in an inert document: cheap, nothing runs). */
export function htmlText(html: string): string {
  fragmentHost ??= new JSDOM('', { virtualConsole: quiet }).window.document;
  const doc = fragmentHost.implementation.createHTMLDocument('');
  doc.body.innerHTML = html;
  return plainText(doc.body);
}

/** Ids of the corpus cases (folder names with a source.html), sorted. */
export function corpusIds(dir = corpusDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((id) => existsSync(join(dir, id, 'source.html')))
    .sort();
}

export interface CorpusCase {
  id: string;
  url: string;
  source: string;
  expectedText: string;
  expectedMetadata: MetadataValues;
}

/** The Readability corpus cases (source, expected text, expected metadata). */
export function loadCorpus(dir = corpusDir, only?: Set<string>): CorpusCase[] {
  if (!existsSync(dir)) return [];
  return corpusIds(dir)
    .filter((id) => !only || only.has(id))
    .map((id) => {
      const meta = JSON.parse(readFileSync(join(dir, id, 'expected-metadata.json'), 'utf8')) as Record<string, string | null>;
      return {
        id,
        url: corpusUrl,
        source: readFileSync(join(dir, id, 'source.html'), 'utf8'),
        expectedText: htmlText(readFileSync(join(dir, id, 'expected.html'), 'utf8')),
        expectedMetadata: { title: meta.title, byline: meta.byline, siteName: meta.siteName, lang: meta.lang, publishedTime: meta.publishedTime },
      };
    });
}

export interface DutchFixture {
  id: string;
  url: string;
  source: string;
  /** The original text the page was built from. */
  originalText: string;
  expected: {
    title: string;
    byline: string | null;
    published: string | null;
    lang: string;
    siteName: string | null;
    mustContain: string[];
    mustNotContain: string[];
  };
}

/** The Dutch fixture pages (tests/fixtures/pages/nl/<id>/page.html + expected.json + original.txt). */
export function loadDutchFixtures(dir = dutchFixturesDir): DutchFixture[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((id) => existsSync(join(dir, id, 'page.html')))
    .sort()
    .map((id) => {
      const expected = JSON.parse(readFileSync(join(dir, id, 'expected.json'), 'utf8'));
      return {
        id,
        url: expected.url as string,
        source: readFileSync(join(dir, id, 'page.html'), 'utf8'),
        originalText: readFileSync(join(dir, id, 'original.txt'), 'utf8'),
        expected,
      };
    });
}

/** Raw defuddle (it clones the document itself). */
export function runDefuddleBaseline(doc: Document, url: string): BaselineOutput {
  const parsed = new Defuddle(doc, { url, useAsync: false }).parse();
  return {
    text: parsed?.content ? htmlText(parsed.content) : '',
    metadata: { title: parsed?.title, byline: parsed?.author, siteName: parsed?.site, lang: parsed?.language, publishedTime: parsed?.published },
  };
}
