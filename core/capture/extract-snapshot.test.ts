// extract()'s output on fixture pages, field by field, against a stored record: work on its
// speed (fewer DOM walks, shared text) must not change what a capture holds. Every tenth page
// of the Readability corpus and all Dutch fixtures. After a deliberate change of output,
// regenerate with KNIPSEL_WRITE_EXTRACT_SNAPSHOT=1 and review the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus, loadDutchFixtures } from './testing/corpus.js';
import { extractDigest, type ExtractDigest } from './testing/extract-digest.js';

const stored = fileURLToPath(new URL('../../tests/fixtures/extract-snapshot/digests.json', import.meta.url));

function digests(): ExtractDigest[] {
  const corpus = loadCorpus().filter((_, i) => i % 10 === 0);
  const dutch = loadDutchFixtures();
  return [...corpus.map((p) => extractDigest(`corpus/${p.id}`, p.source, p.url)), ...dutch.map((p) => extractDigest(`nl/${p.id}`, p.source, p.url))];
}

describe('extract() output snapshot', () => {
  it('matches the stored record on every page', { timeout: 300_000 }, () => {
    const now = digests();
    expect(now.length).toBeGreaterThanOrEqual(15);
    if (process.env.KNIPSEL_WRITE_EXTRACT_SNAPSHOT) writeFileSync(stored, `${JSON.stringify(now, null, 1)}\n`);
    if (!existsSync(stored)) throw new Error(`No stored record at ${stored}.`);
    const before = JSON.parse(readFileSync(stored, 'utf8')) as ExtractDigest[];
    expect(now).toEqual(before);
  });
});
