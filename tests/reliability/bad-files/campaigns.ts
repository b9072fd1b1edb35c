// Bad files: seeded mutations of real backups and real bookmark exports, fed to the real
// restore (merge into an open dossier, restore as a new dossier) and import (parse, then
// import into a dossier) code. Every input either works or is refused with a KnipselError
// that carries a Dutch sentence (`details.nl`) and a reason; a refused file leaves the open
// dossier (its Y.Doc state and its stored update log) and the library byte for byte as they
// were. Inputs: truncations, bit flips and other byte mutations, newer versions, other kinds
// of file, oversized files and headers that lie, and mutations "re-signed" (sizes and
// checksum recomputed) so they get past the checksum to the Yjs and dossier validation.
import { readFileSync } from 'node:fs';
import { deflateSync } from 'fflate';
import * as Y from 'yjs';
import { attachPersistence, createDossier, createLibrary, createMemoryLibraryStore, createMemoryProjectionStore, createMemoryUpdateStore, type Dossier, initDossierDoc, isKnipselError, type Library, type UpdateStore } from '@knipsel/core';
import { backupOfDeflated, deflatedZeros, hostileBookmarkFile, hostileBookmarkShapeNames, hostileBookmarkShapes, makeCapture, zipOfDeflated } from '@knipsel/core/testing';
import { createBackup, inflateStepBytes, maxBackupBytes, maxStateBytes, mergeBackupFile, restoreBackupFileAsNew } from '@knipsel/core/export';
import { parseImportFile, parseNetscapeBookmarks, readBookmarkBytes, runImport } from '@knipsel/core/import';
import { concat, equalBytes, mutate, type Rng } from '../support/prng.js';

type Progress = (index: number) => void;
type Figures = Record<string, number>;

const theme = 'community-werker.leefwereld';
const targetId = 'doel-dossier';
const encoder = new TextEncoder();

function makeDossier(id: string, name: string, clips: number): Dossier {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id, name, now: 1_700_000_000_000 });
  const dossier = createDossier(doc, { now: () => 1_700_000_000_000 });
  const ids: string[] = [];
  for (let i = 0; i < clips; i++) ids.push(dossier.clips.add({ capture: makeCapture(), note: i % 2 ? 'Begin bij wat bewoners drijft.' : '', themes: i % 3 ? [theme] : [] }));
  if (ids.length > 2) {
    dossier.clips.addHighlight(ids[1], { quote: { exact: 'buurtmaaltijd', prefix: 'samen een ', suffix: '. De' }, note: 'mooi' });
    dossier.clips.trash([ids[2]]);
  }
  return dossier;
}

/** The open dossier a file is restored into, with its update log, rebuilt from `base`. */
async function openTarget(base: Uint8Array) {
  const store = createMemoryUpdateStore();
  await store.append(targetId, base);
  const doc = new Y.Doc();
  const persistence = attachPersistence(doc, store, targetId);
  await persistence.ready;
  return { doc, dossier: createDossier(doc), store, persistence };
}

async function storeBytes(store: UpdateStore, id: string): Promise<Uint8Array> {
  return concat(...(await store.load(id)));
}

function newLibrary(): { library: Library; updates: UpdateStore } {
  const updates = createMemoryUpdateStore();
  return { library: createLibrary({ updates, library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() }), updates };
}

/** Split a backup into its header JSON and payload. */
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

const otherKinds: Array<() => Uint8Array> = [
  () => new Uint8Array([]),
  () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  () => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]),
  () => encoder.encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'),
  () => encoder.encode('<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p><DT><A HREF="https://voorbeeld.nl/">x</A></DL>'),
  () => encoder.encode('{"format":1,"dossier":{}}'),
  () => encoder.encode('[{"url":"https://voorbeeld.nl"}]'),
  () => encoder.encode('url,title\nhttps://voorbeeld.nl,Voorbeeld\n'),
  () => encoder.encode('KNIPSEL-BACKUP'),
  () => encoder.encode('KNIPSEL-BACKUP\n'),
  () => encoder.encode(`KNIPSEL-BACKUP\n${'{'.repeat(70_000)}`),
];

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

/** The refusal must be a KnipselError with a Dutch sentence and a reason; anything else is a crash. */
function checkRefusal(error: unknown, where: string): string {
  if (!isKnipselError(error)) throw new Error(`${where}: not a clear error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  const { nl, reason } = error.details as { nl?: unknown; reason?: unknown };
  if (typeof nl !== 'string' || nl.length < 10) throw new Error(`${where}: refusal without a Dutch message (${error.message})`);
  if (typeof reason !== 'string') throw new Error(`${where}: refusal without a reason (${error.message})`);
  return reason;
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

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/imports/${name}`, import.meta.url)));

export async function bookmarkFiles(rng: Rng, count: number, progress: Progress): Promise<Figures> {
  const sources = ['chrome-bookmarks.html', 'firefox-bookmarks.html', 'pocket.csv', 'raindrop.csv', 'omnivore.csv', 'omnivore-metadata_0_to_2.json', 'excel-semicolon.csv'].map((name) => ({
    name,
    bytes: fixture(name),
  }));
  const donors = sources.map((s) => s.bytes);
  const base = Y.encodeStateAsUpdate(makeDossier(targetId, 'Leerdossier', 4).doc);
  let target = await openTarget(base);
  const figures: Figures = { inputs: count, refused: 0, parsed: 0, imported: 0, rowProblems: 0 };
  const reasons = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    progress(i);
    const source = rng.pick(sources);
    let bytes: Uint8Array;
    let kind: string;
    switch (rng.int(6)) {
      case 0:
        kind = 'truncated';
        bytes = source.bytes.subarray(0, rng.int(source.bytes.length));
        break;
      case 1:
        kind = 'wrong-type';
        bytes = rng.pick(otherKinds)();
        break;
      case 2:
        kind = 'random';
        bytes = rng.bytes(rng.int(400));
        break;
      default:
        kind = 'mutated';
        bytes = mutate(rng, source.bytes, donors);
    }
    const where = `input #${i} (${kind} ${source.name})`;
    const docBefore = Y.encodeStateAsUpdate(target.doc);
    const storedBefore = await storeBytes(target.store, targetId);
    let parsed;
    try {
      parsed = parseImportFile(bytes, rng.chance(0.5) ? source.name : 'bestand');
    } catch (error) {
      const reason = checkRefusal(error, where);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      figures.refused++;
      await target.persistence.flush();
      if (!equalBytes(docBefore, Y.encodeStateAsUpdate(target.doc))) throw new Error(`${where}: a refused file changed the dossier`);
      if (!equalBytes(storedBefore, await storeBytes(target.store, targetId))) throw new Error(`${where}: a refused file changed the stored log`);
      continue;
    }
    figures.parsed++;
    figures.rowProblems += parsed.problems.length;
    for (const problem of parsed.problems) if (typeof problem.nl !== 'string' || !problem.nl) throw new Error(`${where}: a row problem without a Dutch message`);
    // What parsed is imported; the dossier must still read, then starts over.
    if (rng.chance(0.3)) {
      try {
        const result = await runImport(target.dossier, parsed.bookmarks, {}, { batchSize: 500, now: () => 1_700_000_000_000 });
        figures.imported += result.added.length;
      } catch (error) {
        checkRefusal(error, `${where} (import)`);
      }
      target.dossier.clips.all();
      target.persistence.destroy();
      target = await openTarget(base);
    }
  }
  for (const [reason, n] of reasons) figures[`refused:${reason}`] = n;
  return figures;
}

/**
 * Hostile bookmark files (markup that makes a rescanning parser quadratic: links, quotes,
 * comments and titles that never end), alone or spliced into a real export, 16 KiB to 1 MiB,
 * through what the app's file worker runs. The cost is counted (characters visited per
 * character of the file, at most 4), so a slow parser fails on its count, not a clock; the
 * time is reported as a figure. Every file is parsed or refused clearly.
 */
export async function hostileBookmarks(rng: Rng, count: number, progress: Progress): Promise<Figures> {
  const real = new TextDecoder().decode(fixture('chrome-bookmarks.html'));
  const units = Object.values(hostileBookmarkShapes);
  const figures: Figures = { inputs: count, refused: 0, parsed: 0, goodBookmarksKept: 0, megabytes: 0, maxVisitsPerChar: 0, slowestMs: 0 };
  const reasons = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    progress(i);
    const size = rng.pick([16, 64, 256, 1024]) * 1024;
    let html: string;
    let kind: string;
    if (rng.chance(0.3)) {
      // A real export with hostile markup spliced in after one of its lines.
      kind = 'spliced';
      const lines = real.split('\n');
      const at = 1 + rng.int(lines.length - 1);
      const junk = rng.pick(units).repeat(Math.ceil(size / 8));
      html = [...lines.slice(0, at), junk, ...lines.slice(at)].join('\n');
    } else {
      kind = rng.pick(hostileBookmarkShapeNames);
      html = hostileBookmarkFile(kind as (typeof hostileBookmarkShapeNames)[number], size);
    }
    const where = `input #${i} (${kind}, ${html.length} characters)`;
    const meter = { steps: 0 };
    parseNetscapeBookmarks(html, { meter });
    // Timed: what the app's file worker does with the file (a figure, not a check).
    const bytes = encoder.encode(html);
    const started = performance.now();
    let parsedCount = -1;
    try {
      parsedCount = readBookmarkBytes(bytes, 'bookmarks.html').bookmarks.length;
    } catch (error) {
      const reason = checkRefusal(error, where);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      figures.refused++;
    }
    const ms = performance.now() - started;
    const visits = meter.steps / html.length;
    if (visits > 4) throw new Error(`${where}: the parser visited each character ${visits.toFixed(2)} times (at most 4)`);
    if (parsedCount >= 0) {
      figures.parsed++;
      figures.goodBookmarksKept += parsedCount;
    }
    figures.megabytes += html.length / (1024 * 1024);
    figures.maxVisitsPerChar = Math.max(figures.maxVisitsPerChar, visits);
    figures.slowestMs = Math.max(figures.slowestMs, ms);
  }
  for (const [reason, n] of reasons) figures[`refused:${reason}`] = n;
  figures.megabytes = Math.round(figures.megabytes);
  figures.maxVisitsPerChar = Math.round(figures.maxVisitsPerChar * 100) / 100;
  figures.slowestMs = Math.round(figures.slowestMs);
  return figures;
}

/**
 * Zip and backup bombs: about 1 MB files (up to 1 GiB inflated) whose headers declare a
 * little (the bomb must be stopped within one step of input: at most 1,032 × the step made) or
 * far more than the
 * compressed bytes can make (refused before anything is inflated). Counted: the input read
 * and the output made before each refusal; the open dossier, its log and the library unchanged.
 */
export async function amplifiedFiles(rng: Rng, count: number, progress: Progress): Promise<Figures> {
  const mebibyte = 1024 * 1024;
  const bombs = [16, 256, 1024].map((mib) => ({ inflated: mib * mebibyte, deflated: deflatedZeros(mib * mebibyte) }));
  // Text, not zeros: a bomb of repeated Dutch sentences.
  const sentence = encoder.encode('Bewoners koken samen in de buurtkeuken en het opbouwwerk sluit aan. ');
  const text = new Uint8Array(8 * mebibyte);
  for (let at = 0; at < text.length; at += sentence.length) text.set(sentence.subarray(0, text.length - at), at);
  bombs.push({ inflated: text.length, deflated: deflateSync(text, { level: 9 }) });

  const base = Y.encodeStateAsUpdate(makeDossier(targetId, 'Leerdossier', 4).doc);
  let target = await openTarget(base);
  let library = newLibrary().library;
  await library.create('Bestaand dossier');
  const figures: Figures = { inputs: count, refused: 0, stoppedWhileInflating: 0, refusedBeforeInflating: 0, maxInputReadKiB: 0, maxOutputMadeMiB: 0, largestBombMiB: 0, slowestMs: 0 };
  const reasons = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    progress(i);
    const bomb = rng.pick(bombs);
    const little = rng.chance(0.5);
    const declared = little ? rng.int(64 * 1024) : Math.min(2 ** 32 - 1, bomb.deflated.length * (101 + rng.int(1000)) + 64 * 1024);
    const asZip = rng.chance(0.5);
    const where = `input #${i} (${asZip ? 'zip' : 'backup'} of ${bomb.inflated} bytes declaring ${declared})`;
    const docBefore = Y.encodeStateAsUpdate(target.doc);
    const storedBefore = await storeBytes(target.store, targetId);
    const listBefore = JSON.stringify(await library.list());
    const started = performance.now();
    let refusal: unknown = null;
    try {
      if (asZip) readBookmarkBytes(zipOfDeflated('metadata_0_to_99.json', bomb.deflated, declared), 'Omnivore.zip');
      else {
        const file = await backupOfDeflated(bomb.deflated, Math.min(declared, maxStateBytes));
        if (rng.chance(0.5)) await restoreBackupFileAsNew(library, file);
        else await mergeBackupFile(target.dossier, file, { allowDifferentDossier: true });
      }
    } catch (error) {
      refusal = error;
    }
    const ms = performance.now() - started;
    if (refusal === null) throw new Error(`${where}: a bomb was accepted`);
    const reason = checkRefusal(refusal, where);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    figures.refused++;
    const { consumed, produced } = (refusal as { details: { consumed?: number; produced?: number } }).details;
    if (consumed === undefined) figures.refusedBeforeInflating++;
    else {
      const step = inflateStepBytes(declared);
      if (consumed > step) throw new Error(`${where}: ${consumed} bytes of input were inflated before the refusal (at most one step, ${step})`);
      if ((produced ?? 0) > step * 1032) throw new Error(`${where}: ${produced} bytes were made before the refusal (at most ${step * 1032})`);
      figures.stoppedWhileInflating++;
      figures.maxInputReadKiB = Math.max(figures.maxInputReadKiB, consumed / 1024);
      figures.maxOutputMadeMiB = Math.max(figures.maxOutputMadeMiB, (produced ?? 0) / mebibyte);
    }
    figures.largestBombMiB = Math.max(figures.largestBombMiB, bomb.inflated / mebibyte);
    figures.slowestMs = Math.max(figures.slowestMs, ms);
    await target.persistence.flush();
    if (!equalBytes(docBefore, Y.encodeStateAsUpdate(target.doc))) throw new Error(`${where}: a refused file changed the dossier`);
    if (!equalBytes(storedBefore, await storeBytes(target.store, targetId))) throw new Error(`${where}: a refused file changed the stored log`);
    if (listBefore !== JSON.stringify(await library.list())) throw new Error(`${where}: a refused file changed the library`);
    if (i % 50 === 49) {
      target.persistence.destroy();
      target = await openTarget(base);
      library = newLibrary().library;
      await library.create('Bestaand dossier');
    }
  }
  for (const [reason, n] of reasons) figures[`refused:${reason}`] = n;
  figures.maxOutputMadeMiB = Math.round(figures.maxOutputMadeMiB * 10) / 10;
  figures.slowestMs = Math.round(figures.slowestMs);
  return figures;
}
