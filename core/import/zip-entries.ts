// Reading the wanted files out of a zip (Omnivore's export) without trusting what it claims:
// the central directory gives each entry's sizes; the total the wanted entries declare is
// checked against the import limit and each entry's declared size against its compressed
// size before anything is inflated, and each inflates into a buffer of exactly its declared
// size, stopped as soon as it would make more (core/export/inflate-exact.ts). Our own reader
// (~100 lines) instead of fflate's unzipSync, which inflates an entry to its end whatever
// it declared. Stored (0) and deflated (8) entries only; no ZIP64, no encryption.
import { inflateExact, InflateProblem, maxPlausibleInflation, plausibleInflation } from '../export/inflate-exact.js';
import { formatBytes, reject } from '../export/reject.js';

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

export interface ZipLimits {
  /** Which entries to read (by their full path in the zip). */
  wanted: (name: string) => boolean;
  /** The most the wanted entries may declare together. */
  maxTotalBytes: number;
}

const endOfDirectory = 0x06054b50;
const directoryEntry = 0x02014b50;
const localHeader = 0x04034b50;

const damaged = (why: string, details: Record<string, unknown> = {}) =>
  reject('corrupt', `The zip file is damaged: ${why}.`, 'Het zip-bestand is beschadigd of onvolledig. Exporteer je bladwijzers opnieuw.', { why, ...details });

const bomb = (name: string, details: Record<string, unknown>) =>
  reject(
    'corrupt',
    `The zip file is not what it claims: ${name} unpacks to far more than it declares.`,
    'Dit zip-bestand klopt niet: een bestand erin pakt uit tot veel meer dan het zegt (een zip-bom?). Knipsel heeft het niet geopend.',
    { why: 'inflates beyond its declared size', entry: name, ...details },
  );

/** The wanted entries of a zip, in the order of its directory. Throws KnipselError with `details.nl`. */
export function readZipEntries(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);

  // The end-of-directory record: in the last 22 bytes, or up to a 64 KiB comment before them.
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (u32(at) === endOfDirectory) {
      end = at;
      break;
    }
  }
  if (end < 0) throw damaged('no end of directory');
  const count = u16(end + 10);
  const directorySize = u32(end + 12);
  const directoryStart = u32(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) throw damaged('ZIP64 is not supported');
  if (directoryStart + directorySize > end) throw damaged('directory out of bounds');

  const found: { name: string; method: number; compressed: number; size: number; offset: number }[] = [];
  let total = 0;
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(at) !== directoryEntry) throw damaged('directory entry');
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const compressed = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    if (next > end) throw damaged('directory entry');
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'windows-1252').decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const offset = u32(at + 42);
    at = next;
    if (name.endsWith('/') || !limits.wanted(name)) continue;
    if (flags & 1) throw damaged('encrypted entry', { entry: name });
    if (method !== 0 && method !== 8) throw damaged('unsupported compression', { entry: name, method });
    if (compressed === 0xffffffff || size === 0xffffffff) throw damaged('ZIP64 is not supported');
    if (method === 0 && size !== compressed) throw damaged('stored entry sizes differ', { entry: name });
    if (method === 8 && !plausibleInflation(compressed, size)) throw bomb(name, { size, compressed, maxInflation: maxPlausibleInflation });
    total += size;
    if (total > limits.maxTotalBytes) {
      throw reject(
        'too-large',
        'The zip unpacks to more than the import limit.',
        `De bestanden in dit zip-bestand zijn samen te groot; Knipsel importeert tot ${formatBytes(limits.maxTotalBytes)}.`,
        { size: total, limit: limits.maxTotalBytes },
      );
    }
    found.push({ name, method, compressed, size, offset });
  }

  return found.map(({ name, method, compressed, size, offset }) => {
    if (offset + 30 > bytes.length || u32(offset) !== localHeader) throw damaged('local header', { entry: name });
    const start = offset + 30 + u16(offset + 26) + u16(offset + 28);
    if (start + compressed > bytes.length) throw damaged('entry runs past the end', { entry: name });
    const data = bytes.subarray(start, start + compressed);
    if (method === 0) return { name, bytes: data };
    try {
      return { name, bytes: inflateExact(data, size) };
    } catch (error) {
      if (!(error instanceof InflateProblem)) throw error;
      if (error.kind === 'too-much') throw bomb(name, { size, consumed: error.consumed, produced: error.produced });
      throw damaged(error.kind === 'too-little' ? 'entry smaller than declared' : 'deflate stream damaged', { entry: name });
    }
  });
}
