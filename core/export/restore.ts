// Restoring a validated backup: as a dossier of its own in the library, or merged into an open
// dossier (a CRDT merge: nothing already there is lost). Validation happens on scratch docs
// first; when anything is wrong, the library and the open doc are left untouched.
import * as Y from 'yjs';
import type { Dossier } from '../dossier/dossier.js';
import { migrate } from '../dossier/migrations.js';
import { roots } from '../dossier/doc-layout.js';
import { assertWritable } from '../dossier/write-guard.js';
import type { Library } from '../library/library.js';
import type { DossierRecord } from '../storage/library-store.js';
import type { Backup } from './backup.js';
import { inspectDossierState, readBackup } from './backup.js';
import { reject } from './reject.js';

/** Transaction origin of a merged backup (observe() reports it as `remote`; persistence stores it). */
export const backupOrigin = 'knipsel:backup';

export interface RestoreAsNewOptions {
  /** Name for the restored dossier. Default: the backup's name, or "<name> (uit back-up)" when its dossier still exists. */
  name?: string;
}

/**
 * Add the backup as a dossier in the library. When the backed-up dossier no longer exists on
 * this replica, it comes back under its own id (a true restore); otherwise it becomes a copy
 * with a new id beside the original.
 */
export async function restoreBackupAsNew(library: Library, backup: Backup, options: RestoreAsNewOptions = {}): Promise<DossierRecord> {
  const { meta } = inspectDossierState(backup.state);
  const exists = (await library.get(meta.id)) !== undefined;
  const name = options.name ?? (exists ? `${meta.name || 'Dossier'} (uit back-up)` : undefined);
  return library.importState(backup.state, { ...(exists ? {} : { id: meta.id }), ...(name !== undefined ? { name } : {}) });
}

export interface MergeOptions {
  /**
   * Merge a backup of a *different* dossier (the user confirmed it). Its clips, highlights and
   * own frameworks/themes are added; this dossier's name, course, preset settings and theme
   * renames are kept. Without this flag such a merge is refused with code `conflict`.
   */
  allowDifferentDossier?: boolean;
}

export interface MergeResult {
  sameDossier: boolean;
  clipsBefore: number;
  clipsAfter: number;
  /** Clips that were in the backup but not in the dossier. */
  addedClips: number;
}

/** Would merging this backup need the user's confirmation (it is another dossier)? */
export function isSameDossier(target: Dossier, backup: Backup): boolean {
  return backup.header.dossier.id === target.meta().id;
}

/**
 * Merge a backup into an open dossier with Y.applyUpdate: edits on either side survive, as in
 * sync. The merge is first rehearsed on a scratch copy and validated; the real doc is only
 * touched when that succeeds.
 */
export function mergeBackupInto(target: Dossier, backup: Backup, options: MergeOptions = {}): MergeResult {
  assertWritable(target.doc);
  const incoming = inspectDossierState(backup.state).meta;
  const targetMeta = target.meta();
  const sameDossier = incoming.id === targetMeta.id;
  if (!sameDossier && !options.allowDifferentDossier) {
    throw reject(
      'different-dossier',
      `The backup is of another dossier ("${incoming.name}"); confirm to merge it.`,
      `Deze back-up hoort bij een ander dossier („${incoming.name}”). Weet je zeker dat je de inhoud wilt samenvoegen met „${targetMeta.name}”?`,
      { backupDossierId: incoming.id, backupDossierName: incoming.name, targetDossierId: targetMeta.id },
    );
  }

  // Rehearse on a scratch copy: the merged result must still be a valid dossier.
  const trial = new Y.Doc();
  Y.applyUpdate(trial, Y.encodeStateAsUpdate(target.doc));
  applyMerge(trial, backup.state, sameDossier);
  const rehearsed = inspectDossierState(Y.encodeStateAsUpdate(trial));
  trial.destroy();

  const clipsBefore = target.clips.count();
  applyMerge(target.doc, backup.state, sameDossier);
  const clipsAfter = target.clips.count();
  if (clipsAfter !== rehearsed.clipCount) {
    // Cannot happen unless the doc changed in between; report rather than hide it.
    throw reject('corrupt', 'The merge gave a different result than rehearsed.', 'Het samenvoegen gaf een onverwacht resultaat; controleer het dossier.');
  }
  return { sameDossier, clipsBefore, clipsAfter, addedClips: clipsAfter - clipsBefore };
}

function applyMerge(doc: Y.Doc, state: Uint8Array, sameDossier: boolean): void {
  if (sameDossier) {
    Y.applyUpdate(doc, state, backupOrigin);
  } else {
    // Two independent docs collide on root-map keys (meta fields, preset switches, override
    // maps of preset frameworks/themes): Yjs keeps one side. Remember ours, merge, then
    // re-assert ours so nothing that was here is lost; clips have unique ids and just add up.
    const keep = snapshot(doc);
    Y.applyUpdate(doc, state, backupOrigin);
    reassert(doc, keep);
  }
  migrate(doc, backupOrigin);
}

type Snapshot = {
  meta: Map<string, unknown>;
  presets: Map<string, unknown>;
  frameworks: Map<string, { map: Y.Map<unknown>; json: Record<string, unknown> }>;
  themes: Map<string, { map: Y.Map<unknown>; json: Record<string, unknown> }>;
};

function snapshot(doc: Y.Doc): Snapshot {
  const r = roots(doc);
  const maps = (root: Y.Map<Y.Map<unknown>>) => new Map([...root.entries()].filter(([, map]) => map instanceof Y.Map).map(([key, map]) => [key, { map, json: map.toJSON() }]));
  return {
    meta: new Map(r.meta.entries()),
    presets: new Map(r.presets.entries()),
    frameworks: maps(r.frameworks),
    themes: maps(r.themes),
  };
}

function reassert(doc: Y.Doc, keep: Snapshot): void {
  const r = roots(doc);
  doc.transact(() => {
    for (const [key, value] of keep.meta) if (r.meta.get(key) !== value) r.meta.set(key, value);
    for (const [key, value] of keep.presets) if (r.presets.get(key) !== value) r.presets.set(key, value as boolean);
    for (const [root, kept] of [
      [r.frameworks, keep.frameworks],
      [r.themes, keep.themes],
    ] as const) {
      for (const [key, { map, json }] of kept) {
        const now = root.get(key);
        if (now === map) continue;
        // Ours was replaced by the backup's map: rebuild it with our fields winning.
        const merged = new Y.Map<unknown>();
        const theirs = now instanceof Y.Map ? now.toJSON() : {};
        root.set(key, merged);
        for (const [field, value] of Object.entries({ ...theirs, ...json })) merged.set(field, value);
      }
    }
  }, backupOrigin);
}

/** Read, validate and restore a backup file as a dossier of its own (see restoreBackupAsNew). */
export async function restoreBackupFileAsNew(library: Library, bytes: Uint8Array, options: RestoreAsNewOptions = {}): Promise<DossierRecord> {
  return restoreBackupAsNew(library, await readBackup(bytes), options);
}

/** Read, validate and merge a backup file into an open dossier (see mergeBackupInto). */
export async function mergeBackupFile(target: Dossier, bytes: Uint8Array, options: MergeOptions = {}): Promise<MergeResult> {
  return mergeBackupInto(target, await readBackup(bytes), options);
}
