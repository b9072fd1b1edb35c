// The bookmark-file parser's cost is linear in the file whatever it holds (counted in
// characters visited, not timed), and hostile files end in a clear result.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from './detect-import.js';
import { parseNetscapeBookmarks } from './netscape-bookmarks.js';
import { hostileBookmarkFile, hostileBookmarkShapeNames } from '../testing/hostile-bookmarks.js';

const encoder = new TextEncoder();
const chrome = readFileSync(new URL('../../tests/fixtures/imports/chrome-bookmarks.html', import.meta.url), 'utf8');

function stepsPerChar(html: string): number {
  const meter = { steps: 0 };
  parseNetscapeBookmarks(html, { meter });
  return meter.steps / html.length;
}

describe('bookmark file parser cost', () => {
  it.each(hostileBookmarkShapeNames)('visits each character of a %s file a bounded number of times, at 16 KiB and at 1 MiB', (shape) => {
    const small = stepsPerChar(hostileBookmarkFile(shape, 16 * 1024));
    const large = stepsPerChar(hostileBookmarkFile(shape, 1024 * 1024));
    // At least once (the count covers the whole file), at most four times (read once, once
    // more by a search that fails, once by the line count), and not growing with the size:
    // 64 times the file, the same visits per character.
    for (const perChar of [small, large]) {
      expect(perChar).toBeGreaterThanOrEqual(0.95);
      expect(perChar).toBeLessThanOrEqual(4);
    }
    expect(large / small).toBeLessThan(1.1);
  });

  it('costs a real export the same per character as a hostile one', () => {
    const real = stepsPerChar(chrome.repeat(200));
    expect(real).toBeGreaterThanOrEqual(0.95);
    expect(real).toBeLessThanOrEqual(4);
  });
});

describe('hostile bookmark files', () => {
  it('a 1 MiB file of links without `>` gives no bookmarks and one problem that counts them', () => {
    const html = hostileBookmarkFile('open-links', 1024 * 1024);
    const links = html.split('<A ').length - 1;
    const parsed = parseImportFile(encoder.encode(html), 'bookmarks.html');
    expect(parsed.format).toBe('netscape-html');
    expect(parsed.bookmarks).toEqual([]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({
      reason: 'incomplete',
      row: 4,
      nl: `${links.toLocaleString('nl-NL')} bladwijzers zijn beschadigd (een tag zonder einde) en overgeslagen.`,
    });
    expect(links).toBeGreaterThan(30_000);
  });

  it('keeps the good bookmarks of a file with hostile markup after them', () => {
    const parsed = parseImportFile(encoder.encode(chrome.replace('</DL><p>\n</DL><p>', `</DL><p>\n${hostileBookmarkFile('mixed', 200_000)}`)));
    expect(parsed.bookmarks.map((b) => b.url)).toEqual(parseImportFile(encoder.encode(chrome)).bookmarks.map((b) => b.url));
  });

  it('says so when the file stops in the middle of its last bookmark', () => {
    const cut = chrome.slice(0, chrome.indexOf('chrome://settings'));
    const parsed = parseNetscapeBookmarks(cut);
    expect(parsed.bookmarks.map((b) => b.title).at(-1)).toBe('Ideeën van bewoners serieus nemen');
    expect(parsed.problems.at(-1)).toMatchObject({ reason: 'incomplete', nl: 'Het bestand houdt midden in een bladwijzer op (afgebroken?); die bladwijzer is overgeslagen.' });
  });
});
