// The bench page for the capture rows measured in Chromium, where the extension's content
// script runs extract(): each page's HTML is parsed with DOMParser (inert, parse time
// excluded, as in the jsdom rows), then Knipsel's extract() and raw Readability run on that
// document, interleaved, after one warm-up run each. The page is served cross-origin
// isolated, so performance.now() resolves to microseconds rather than 0.1 ms.
import { extract } from '@knipsel/core/capture';
import { runReadabilityBaseline } from '@knipsel/core/testing';
import { expose } from './expose.js';

interface PageTimes {
  knipsel: number[];
  readability: number[];
  /** Words captured, so the Node side can see both sides did real work. */
  words: { knipsel: number; readability: number };
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function measurePage(source: string, url: string, runs: number): PageTimes {
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const first = extract(doc, url, 'article');
  const baseline = runReadabilityBaseline(doc);
  const knipsel: number[] = [];
  const readability: number[] = [];
  for (let i = 0; i < runs; i++) {
    knipsel.push(time(() => extract(doc, url, 'article')));
    readability.push(time(() => runReadabilityBaseline(doc)));
  }
  return { knipsel, readability, words: { knipsel: first.capture.wordCount, readability: baseline.text.split(/\s+/).filter(Boolean).length } };
}

const bench = { measurePage, isolated: crossOriginIsolated };

declare global {
  interface Window {
    knipselCaptureBench: typeof bench;
    knipselCaptureBenchReady: boolean;
  }
}
expose('knipselCaptureBench', bench);
