// Damaged and hostile bookmark exports: mutations of real exports through parse and import,
// and files built to make a parser rescan (its cost counted per character).
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { hostileBookmarkFile, hostileBookmarkShapeNames, hostileBookmarkShapes } from '@knipsel/core/testing';
import { parseImportFile, parseNetscapeBookmarks, readBookmarkBytes, runImport } from '@knipsel/core/import';
import { equalBytes, mutate, type Rng } from '../support/prng.js';
import { storeBytes } from '../support/stored-replica.js';
import { type Progress, type Figures, targetId, encoder, otherKinds, makeDossier, openTarget, checkRefusal } from './common.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/imports/${name}`, import.meta.url)));

export async function bookmarkFiles(rng: Rng, count: number, progress: Progress): Promise<Figures> {
  const sources = ['chrome-bookmarks.html', 'firefox-bookmarks.html', 'pocket.csv', 'raindrop.csv', 'omnivore.csv', 'omnivore-metadata_0_to_2.json', 'excel-semicolon.csv'].map(
    (name) => ({
      name,
      bytes: fixture(name),
    }),
  );
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
