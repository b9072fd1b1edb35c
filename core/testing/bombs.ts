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
  const local = new Uint8Array(30 + fileName.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(6, 0x800, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, deflated.length, true);
  lv.setUint32(22, declaredSize, true);
  lv.setUint16(26, fileName.length, true);
  local.set(fileName, 30);
  const central = new Uint8Array(46 + fileName.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(8, 0x800, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, deflated.length, true);
  cv.setUint32(24, declaredSize, true);
  cv.setUint16(28, fileName.length, true);
  cv.setUint32(42, 0, true);
  central.set(fileName, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + deflated.length, true);
  return concatParts([local, deflated, central, end]);
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

