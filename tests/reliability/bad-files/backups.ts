// Damaged backups: truncated, bit-flipped, newer, other kinds of file, oversized or with lying
// headers, and mutations re-signed past the checksum, through merge and restore-as-new.
import { deflateSync } from 'fflate';
import * as Y from 'yjs';
import { createDossier } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { createBackup, maxBackupBytes, mergeBackupFile, restoreBackupFileAsNew } from '@knipsel/core/export';
import { concat, equalBytes, mutate, type Rng } from '../support/prng.js';
import { storeBytes } from '../support/stored-replica.js';
import { type Progress, type Figures, targetId, encoder, otherKinds, makeDossier, openTarget, newLibrary, checkRefusal } from './common.js';

function splitBackup(file: Uint8Array): { header: Record<string, unknown>; payload: Uint8Array } {
  const first = file.indexOf(0x0a);
  const second = file.indexOf(0x0a, first + 1);
  return { header: JSON.parse(new TextDecoder().decode(file.subarray(first + 1, second))), payload: file.subarray(second + 1) };
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function joinBackup(header: unknown, payload: Uint8Array): Uint8Array {
  return concat(encoder.encode(`KNIPSEL-BACKUP\n${JSON.stringify(header)}\n`), payload);
}

/** A backup whose state was changed and whose header was made to match it again. */
async function resigned(header: Record<string, unknown>, state: Uint8Array, deflate: boolean): Promise<Uint8Array> {
  const payload = deflate ? deflateSync(state) : state;
  return joinBackup({ ...header, compression: deflate ? 'deflate' : 'none', payloadBytes: payload.length, stateBytes: state.length, sha256: await sha256Hex(payload) }, payload);
}

async function backupInput(rng: Rng, files: Uint8Array[], states: Uint8Array[]): Promise<{ kind: string; bytes: Uint8Array }> {
  const file = rng.pick(files);
  const { header, payload } = splitBackup(file);
  switch (rng.int(9)) {
    case 0:
      return { kind: 'truncated', bytes: file.subarray(0, rng.int(file.length)) };
    case 1:
    case 2:
      return { kind: 'mutated', bytes: mutate(rng, file, files) };
    case 3: {
      // A newer container format or dossier schema, or a header field of the wrong type.
      const variants: Array<Record<string, unknown>> = [
        { ...header, format: 2 + rng.int(50), appVersion: rng.pick(['9.0.0', null, '<script>', 'x'.repeat(80)]) },
        { ...header, schemaVersion: 1000 + rng.int(1000) },
        { ...header, format: rng.pick(['1', 0, -1, 1.5, null, [], {}]) },
        { ...header, compression: rng.pick(['gzip', 'zstd', '', null]) },
        { ...header, dossier: rng.pick([null, 'dossier', { ...(header.dossier as object), id: '' }, { ...(header.dossier as object), kind: 'geheim' }]) },
      ];
      return { kind: 'wrong-version', bytes: joinBackup(rng.pick(variants), payload) };
    }
    case 4:
      return { kind: 'wrong-type', bytes: rng.pick(otherKinds)() };
    case 5: {
      // Headers that lie about sizes: huge declared state, payload size off by some.
      const variants: Array<Record<string, unknown>> = [
        { ...header, stateBytes: rng.pick([2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER, 768 * 1024 * 1024 + 1]) },
        { ...header, payloadBytes: (header.payloadBytes as number) + 1 + rng.int(1000) },
        { ...header, payloadBytes: Math.max(0, (header.payloadBytes as number) - 1 - rng.int(10)) },
        { ...header, stateBytes: Math.max(0, (header.stateBytes as number) - 1 - rng.int(100)) },
        { ...header, clipCount: (header.clipCount as number) + 1 },
      ];
      return { kind: 'huge-or-lying', bytes: joinBackup(rng.pick(variants), payload) };
    }
    case 6:
    case 7: {
      // The state itself mutated (a damaged dossier), re-signed so it reaches Yjs.
      const state = mutate(rng, rng.pick(states), states);
      return { kind: 'resigned-state', bytes: await resigned(header, state, rng.chance(0.5)) };
    }
    default: {
      // A damaged deflate stream, re-signed so it reaches inflation.
      const deflated = deflateSync(rng.pick(states));
      const damaged = mutate(rng, deflated);
      return { kind: 'resigned-deflate', bytes: joinBackup({ ...header, compression: 'deflate', payloadBytes: damaged.length, sha256: await sha256Hex(damaged) }, damaged) };
    }
  }
}

export async function backupFiles(rng: Rng, count: number, progress: Progress): Promise<Figures> {
  const same = makeDossier(targetId, 'Leerdossier', 5);
  const other = makeDossier('ander-dossier', 'Ander dossier', 3);
  const base = Y.encodeStateAsUpdate(same.doc);
  const files = [
    await createBackup(same, { now: 1_700_000_000_000 }),
    await createBackup(same, { now: 1_700_000_000_000, compress: false }),
    await createBackup(other, { now: 1_700_000_000_000, appVersion: '1.0.0' }),
  ];
  const states = [base, Y.encodeStateAsUpdate(other.doc)];
  // The target has edits of its own, so a merge would change it.
  const targetBase = (() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    createDossier(doc).clips.add({ capture: makeCapture(), note: 'alleen hier' });
    return Y.encodeStateAsUpdate(doc);
  })();
  let target = await openTarget(targetBase);
  let { library, updates } = newLibrary();
  await library.create('Bestaand dossier');

  const figures: Figures = { inputs: count, refused: 0, merged: 0, restoredAsNew: 0, oversized: 0 };
  const reasons = new Map<string, number>();
  // Once per run: a file over the size limit (a zero-filled buffer, refused by its length).
  for (const attempt of [() => mergeBackupFile(target.dossier, new Uint8Array(maxBackupBytes + 1)), () => restoreBackupFileAsNew(library, new Uint8Array(maxBackupBytes + 1))]) {
    try {
      await attempt();
      throw new Error('an oversized file was accepted');
    } catch (error) {
      if (checkRefusal(error, 'oversized file') !== 'too-large') throw new Error('oversized file not refused as too large');
      figures.oversized++;
    }
  }

  for (let i = 0; i < count; i++) {
    progress(i);
    const { kind, bytes } = await backupInput(rng, files, states);
    const where = `input #${i} (${kind})`;
    const asNew = rng.chance(0.4);
    const docBefore = Y.encodeStateAsUpdate(target.doc);
    const storedBefore = await storeBytes(target.store, targetId);
    const listBefore = JSON.stringify(await library.list());
    const libraryLogs = async () => concat(...(await Promise.all((await library.list()).map((r) => storeBytes(updates, r.id)))));
    const libraryLogsBefore = await libraryLogs();
    try {
      if (asNew) {
        await restoreBackupFileAsNew(library, bytes);
        figures.restoredAsNew++;
        ({ library, updates } = newLibrary());
        await library.create('Bestaand dossier');
      } else {
        await mergeBackupFile(target.dossier, bytes, { allowDifferentDossier: rng.chance(0.5) });
        figures.merged++;
        target.dossier.clips.all(); // still reads
        await target.persistence.flush();
        target.persistence.destroy();
        target = await openTarget(targetBase);
      }
    } catch (error) {
      const reason = checkRefusal(error, where);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      figures.refused++;
      await target.persistence.flush();
      if (!equalBytes(docBefore, Y.encodeStateAsUpdate(target.doc))) throw new Error(`${where}: a refused file changed the open dossier`);
      if (!equalBytes(storedBefore, await storeBytes(target.store, targetId))) throw new Error(`${where}: a refused file changed the stored log`);
      if (listBefore !== JSON.stringify(await library.list())) throw new Error(`${where}: a refused file changed the library`);
      if (!equalBytes(libraryLogsBefore, await libraryLogs())) throw new Error(`${where}: a refused file changed a stored dossier`);
    }
  }
  for (const [reason, n] of reasons) figures[`refused:${reason}`] = n;
  return figures;
}
