import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { KnipselError } from '../errors.js';
import { thrownBy } from '../testing/errors.js';
import { deflatedZeros, zipOfDeflated } from '../testing/bombs.js';
import { readZipEntries, type ZipLimits } from './zip-entries.js';

const limits: ZipLimits = { wanted: (name) => name.endsWith('.json'), maxTotalBytes: 50 * 1024 * 1024 };

const refusal = (fn: () => unknown) => thrownBy(fn, KnipselError);

/** Rewrite the uncompressed size of every entry (local header and directory), as a lying zip does. */
function claimSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 4 <= out.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, size, true);
  }
  return out;
}

describe('zip entries', () => {
  it('reads the wanted entries, deflated or stored, and skips folders and the rest unread', () => {
    const zip = zipSync({
      'metadata_0_to_1.json': strToU8('[{"url":"https://www.movisie.nl/"}]'),
      'ideeën.json': [strToU8('[]'), { level: 0 }],
      'content/pagina.html': strToU8('<p>opgeslagen pagina</p>'),
      'content/': new Uint8Array(0),
    });
    const entries = readZipEntries(zip, limits);
    expect(entries.map((e) => [e.name, new TextDecoder().decode(e.bytes)])).toEqual([
      ['metadata_0_to_1.json', '[{"url":"https://www.movisie.nl/"}]'],
      ['ideeën.json', '[]'],
    ]);
  });

  it('stops an entry that unpacks to more than it declares within one step of input (a zip bomb)', () => {
    // A zip of about 1 MB whose entry claims 1 KiB and unpacks to 1 GiB.
    const zip = zipOfDeflated('metadata.json', deflatedZeros(1024 * 1024 * 1024), 1024);
    const error = refusal(() => readZipEntries(zip, limits));
    expect(error.details).toMatchObject({
      reason: 'corrupt',
      entry: 'metadata.json',
      nl: 'Dit zip-bestand klopt niet: een bestand erin pakt uit tot veel meer dan het zegt (een zip-bom?). Knipsel heeft het niet geopend.',
    });
    expect(error.details.consumed).toBe(1024); // one step of input for a declared 1 KiB
    expect(error.details.produced).toBeLessThanOrEqual(1024 * 1032);
    expect(zip.length).toBeGreaterThan(1_000_000);
  });

  it('refuses, before inflating, an entry that declares more than its compressed size can plausibly make', () => {
    const zip = zipSync({ 'metadata.json': new Uint8Array(1024 * 1024) }); // about 1 KB compressed
    const error = refusal(() => readZipEntries(claimSize(zip, 40 * 1024 * 1024), limits));
    expect(error.details).toMatchObject({ reason: 'corrupt', size: 40 * 1024 * 1024, maxInflation: 100 });
    expect(error.details.consumed).toBeUndefined();
  });

  it('refuses entries that declare more than the import limit together, before inflating', () => {
    const zip = zipSync({ 'a.json': strToU8('[]'.repeat(1000)), 'b.json': strToU8('[]'.repeat(1000)) });
    const error = refusal(() => readZipEntries(zip, { ...limits, maxTotalBytes: 3000 }));
    expect(error.details).toMatchObject({ reason: 'too-large', size: 4000, limit: 3000 });
  });

  it('refuses a cut-off or damaged zip with a Dutch message', () => {
    const zip = zipSync({ 'metadata.json': strToU8('[{"url":"https://www.movisie.nl/"}]'.repeat(100)) });
    for (const bytes of [zip.subarray(0, zip.length - 30), zip.subarray(0, 40), claimSize(zip, 3_700)]) {
      expect(refusal(() => readZipEntries(bytes, limits)).details).toMatchObject({ reason: 'corrupt', nl: expect.stringMatching(/^Het zip-bestand is beschadigd of onvolledig/) });
    }
  });
});
