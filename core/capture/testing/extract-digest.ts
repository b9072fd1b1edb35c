// A compact, comparable record of what extract() returns for a page: every field of the
// capture (HTML and text as a SHA-256 digest with their length), the confidence, the warning
// codes and the suggested mode. Speed work on extract() must leave these records unchanged
// (extract-snapshot.test.ts compares them with the stored ones).
import { createHash } from 'node:crypto';
import { extract } from '../extract.js';
import { parseHtml } from './corpus.js';

export interface ExtractDigest {
  id: string;
  fields: Record<string, unknown>;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** The digest of extract(page, url, 'article') for one page (parsed with jsdom). */
export function extractDigest(id: string, source: string, url: string): ExtractDigest {
  const doc = parseHtml(source, url);
  try {
    const { capture, confidence, warnings, suggestedMode } = extract(doc, url, 'article', { now: 0 });
    const { html, text, markdown, capturedAt: _capturedAt, ...rest } = capture;
    return {
      id,
      fields: {
        ...rest,
        html: `${html.length}:${sha(html)}`,
        text: `${text.length}:${sha(text)}`,
        markdown,
        confidence: Number(confidence.toFixed(6)),
        warnings: warnings.map((w) => w.code),
        suggestedMode,
      },
    };
  } finally {
    doc.defaultView?.close();
  }
}
