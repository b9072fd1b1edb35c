// Raw Readability 0.6 as upstream runs it, for the benchmark and the corpus score: DOM only,
// so the same function runs in Node (jsdom) and in the Chromium bench page.
import { Readability } from '@mozilla/readability';
import { plainText } from '../text-metrics.js';
import type { MetadataValues } from '../scoring.js';

export interface BaselineOutput {
  text: string;
  metadata: MetadataValues;
}

/** Raw Readability on a clone (Readability mutates its input); text as Knipsel measures it. */
export function runReadabilityBaseline(doc: Document): BaselineOutput {
  const parsed = new Readability<Element>(doc.cloneNode(true) as Document, { classesToPreserve: ['caption'], serializer: (el) => el as Element }).parse();
  return {
    text: parsed?.content ? plainText(parsed.content) : '',
    metadata: { title: parsed?.title, byline: parsed?.byline, siteName: parsed?.siteName, lang: parsed?.lang, publishedTime: parsed?.publishedTime },
  };
}
