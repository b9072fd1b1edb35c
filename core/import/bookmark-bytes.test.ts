import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { KnipselError } from '../errors.js';
import { thrownBy } from '../testing/errors.js';
import { deflatedZeros, zipOfDeflated } from '../testing/bombs.js';
import { parseBookmarkBytes, readBookmarkBytes } from './bookmark-bytes.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../tests/fixtures/imports/${name}`, import.meta.url)));

const refusal = (fn: () => unknown) => thrownBy(fn, KnipselError);

describe('bookmark bytes', () => {
  it("reads Omnivore's zip of JSON files, and a browser export as it is", () => {
    const zip = parseBookmarkBytes(zipSync({ 'metadata_0_to_2.json': fixture('omnivore-metadata_0_to_2.json') }), 'Omnivore.zip');
    expect(zip).toMatchObject({ format: 'omnivore-json', bookmarks: [{ title: 'Normaliseren in het sociaal team' }, { title: 'Innovatie in het sociaal domein' }] });
    expect(readBookmarkBytes(fixture('chrome-bookmarks.html'), 'bookmarks.html').bookmarks).toHaveLength(7);
  });

  it('refuses a zip bomb in a bookmark zip as one, having read little of it', () => {
    // A 1 MB zip claiming 1 KiB that would unpack to 1 GiB.
    const bomb = zipOfDeflated('metadata_0_to_9.json', deflatedZeros(1024 * 1024 * 1024), 1024);
    const error = refusal(() => readBookmarkBytes(bomb, 'Omnivore.zip'));
    expect(error.details).toMatchObject({ reason: 'corrupt', nl: expect.stringMatching(/zip-bom/) });
    expect(error.details.consumed).toBe(1024); // one step of input for a declared 1 KiB
    expect(error.details.produced).toBeLessThanOrEqual(1024 * 1032);
  });
});
