// Zip and backup bombs for tests (unit, reliability): DEFLATE streams of zeros made with
// bounded memory (a 1 GiB bomb without a 1 GiB buffer), wrapped in a zip or a backup whose
// header declares whatever size the test wants.
import { Deflate, deflateSync } from 'fflate';
import { backupFormat, backupMagic } from '../export/backup.js';
import { concatParts } from '../sync/frames/stream-frames.js';

/**
 * Raw DEFLATE of `size` zero bytes, about 1 KB per MiB. Built from a few flushed blocks: after
 * the first MiB, every MiB of zeros deflates to the same byte-aligned block (fflate's sync
 * flush), so a 1 GiB bomb is that block repeated, not 1 GiB deflated.
 */
export function deflatedZeros(size: number): Uint8Array {
  const mebibyte = 1024 * 1024;
  const whole = Math.floor(size / mebibyte);
  if (whole < 4) return deflateSync(new Uint8Array(size), { level: 6 });
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 6 }, (chunk) => parts.push(chunk));
  const block = new Uint8Array(mebibyte);
  const flushed = () => {
    deflate.push(block);
    deflate.flush(true);
    return concatParts(parts.splice(0));
  };
  const start = [flushed(), flushed()];
  const repeated = flushed();
  if (!equal(repeated, flushed())) throw new Error('deflatedZeros: the repeated block is not stable');
  deflate.push(new Uint8Array(size - whole * mebibyte), true);
  const tail = concatParts(parts.splice(0));
  return concatParts([...start, ...Array.from({ length: whole - 2 }, () => repeated), tail]);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A zip of one deflated entry whose headers declare `declaredSize` (the CRC is not filled in). */
export function zipOfDeflated(name: string, deflated: Uint8Array, declaredSize: number): Uint8Array {
  const fileName = new TextEncoder().encode(name);
  const n = fileName.length;
  // [offset, bytes, value] of each little-endian field; the rest stays zero.
  // The fields both headers carry (version needed, UTF-8 flag, deflate, sizes, name length), at
  // their local-header offsets; the central header has them 2 bytes later, after "version made by".
  const shared: Field[] = [
    [4, 2, 20],
    [6, 2, 0x800],
    [8, 2, 8],
    [18, 4, deflated.length],
    [22, 4, declaredSize],
    [26, 2, n],
  ];
  const local = record(30, fileName, [[0, 4, 0x04034b50], ...shared]);
  const central = record(46, fileName, [[0, 4, 0x02014b50], [4, 2, 20], ...shared.map(([at, bytes, value]): Field => [at + 2, bytes, value]), [42, 4, 0]]);
  const end = record(22, new Uint8Array(0), [
    [0, 4, 0x06054b50],
    [8, 2, 1],
    [10, 2, 1],
    [12, 4, central.length],
    [16, 4, local.length + deflated.length],
  ]);
  return concatParts([local, deflated, central, end]);
}

/** A zip record: a fixed-size header with the given fields, then `tail`. */
/** A little-endian header field: where it starts, how many bytes, its value. */
type Field = [offset: number, bytes: 2 | 4, value: number];

function record(size: number, tail: Uint8Array, fields: Field[]): Uint8Array {
  const out = new Uint8Array(size + tail.length);
  const view = new DataView(out.buffer);
  for (const [offset, bytes, value] of fields) {
    if (bytes === 2) view.setUint16(offset, value, true);
    else view.setUint32(offset, value, true);
  }
  out.set(tail, size);
  return out;
}

/** A backup whose payload is `deflated` (checksum right) and whose header declares `stateBytes`. */
export async function backupOfDeflated(deflated: Uint8Array, stateBytes: number): Promise<Uint8Array> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', deflated as Uint8Array<ArrayBuffer>));
  const header = {
    format: backupFormat,
    schemaVersion: 1,
    createdAt: '2025-03-14T10:00:00.000Z',
    appVersion: null,
    dossier: { id: 'bom', name: 'Bom', kind: 'personal', course: '', assessedFrameworkId: null, createdAt: 0, schemaVersion: 1 },
    clipCount: 0,
    compression: 'deflate',
    payloadBytes: deflated.length,
    stateBytes,
    sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
  };
  return concatParts([new TextEncoder().encode(`${backupMagic}\n${JSON.stringify(header)}\n`), deflated]);
}
