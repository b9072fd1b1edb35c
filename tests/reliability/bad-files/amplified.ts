// Zip and backup bombs: the input read and the output made before each refusal, counted.
import { deflateSync } from 'fflate';
import * as Y from 'yjs';
import { backupOfDeflated, deflatedZeros, zipOfDeflated } from '@knipsel/core/testing';
import { inflateStepBytes, maxStateBytes, mergeBackupFile, restoreBackupFileAsNew } from '@knipsel/core/export';
import { readBookmarkBytes } from '@knipsel/core/import';
import { equalBytes, type Rng } from '../support/prng.js';
import { storeBytes } from '../support/stored-replica.js';
import { type Progress, type Figures, targetId, encoder, makeDossier, openTarget, newLibrary, checkRefusal } from './common.js';

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
  const figures: Figures = {
    inputs: count,
    refused: 0,
    stoppedWhileInflating: 0,
    refusedBeforeInflating: 0,
    maxInputReadKiB: 0,
    maxOutputMadeMiB: 0,
    largestBombMiB: 0,
    slowestMs: 0,
  };
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
