// Backups: one file that holds a whole dossier (its full Y.Doc state) behind a small
// header, and the reader that validates such a file completely before anything is restored.
//
// File layout, format 1 (see core/export/CONTEXT.md):
//   "KNIPSEL-BACKUP\n"                 magic line (ASCII)
//   {…header JSON…}\n                  one line of UTF-8 JSON, at most 64 KiB
//   payload                            Y.encodeStateAsUpdate(doc), raw DEFLATE (RFC 1951) or stored
// The header names the format, the dossier schema version, the dossier meta, the clip count,
// the payload and state sizes and the SHA-256 of the payload bytes exactly as stored.
// Why not a zip: one checksum over the bytes on disk, no archive parser to harden, no zip
// bomb (the inflated size is fixed by the header, checked against the payload before
// anything is allocated, and inflation stops as soon as it would pass it: inflate-exact.ts),
// and `head -2` shows what a file is.
import { deflateSync } from 'fflate';
import * as v from 'valibot';
import * as Y from 'yjs';
import { createDossier, type Dossier } from '../dossier/dossier.js';
import { currentSchemaVersion } from '../dossier/migrations.js';
import type { DossierMeta } from '../dossier/types.js';
import { withBodiesInline } from './backup-bodies.js';
import { isKnipselError } from '../errors.js';
import { inflateExact, InflateProblem, maxPlausibleInflation, plausibleInflation } from './inflate-exact.js';
import { checkFileSize, formatBytes, reject, sniffFileKind } from './reject.js';
import { slugify } from './slug.js';

export const backupMagic = 'KNIPSEL-BACKUP';
/** The backup container format this code writes and the newest it reads. */
export const backupFormat = 1;
/** Files above this are refused before they are read (say so before loading: `checkBackupSize`). */
export const maxBackupBytes = 200 * 1024 * 1024;
/** The inflated Y.Doc state may not exceed this (guards memory on a crafted header). */
export const maxStateBytes = 768 * 1024 * 1024;
const maxHeaderBytes = 64 * 1024;
export const backupExtension = '.knipsel';

export interface BackupHeader {
  /** Container format (this file's layout). A newer one is refused with `newer-version`. */
  format: number;
  /** Dossier schema version of the state (see dossier/migrations.ts). */
  schemaVersion: number;
  /** ISO 8601 date-time the backup was made. */
  createdAt: string;
  /** The Knipsel version that wrote it, when the app passed it in. */
  appVersion: string | null;
  dossier: DossierMeta;
  /** Clips in the dossier, trash included. */
  clipCount: number;
  compression: 'deflate' | 'none';
  /** Bytes of payload after the header line. */
  payloadBytes: number;
  /** Bytes of the Y.Doc state once inflated. */
  stateBytes: number;
  /** Lower-case hex SHA-256 of the payload bytes as stored. */
  sha256: string;
}

export interface Backup {
  header: BackupHeader;
  /**
   * The full Y.Doc state (`Y.encodeStateAsUpdate`), verified to decode into a valid dossier.
   * Of an uncompressed backup it is a view of the file's bytes (no copy).
   */
  state: Uint8Array;
}

const headerSchema = v.object({
  format: v.literal(backupFormat),
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
  createdAt: v.pipe(v.string(), v.maxLength(64)),
  appVersion: v.nullable(v.pipe(v.string(), v.maxLength(64))),
  dossier: v.object({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
    name: v.pipe(v.string(), v.maxLength(2_000)),
    kind: v.picklist(['personal', 'shared']),
    course: v.pipe(v.string(), v.maxLength(2_000)),
    assessedFrameworkId: v.nullable(v.pipe(v.string(), v.maxLength(128))),
    createdAt: v.number(),
    schemaVersion: v.number(),
  }),
  clipCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  compression: v.picklist(['deflate', 'none']),
  payloadBytes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(maxBackupBytes)),
  stateBytes: v.pipe(v.number(), v.integer(), v.minValue(0)),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
});

const encoder = new TextEncoder();

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface CreateBackupOptions {
  /** Written into the header so a newer-version message can name it (e.g. "0.4.0"). */
  appVersion?: string;
  /** Deflate the state (default true; typically 3–5× smaller for clipped HTML). */
  compress?: boolean;
  now?: number;
}

/**
 * Everything in the dossier as one backup file. Clip bodies kept in the body store go into
 * the file inside their captures (a copy of the doc made for the backup says so), so a backup
 * restores on any device; the body store takes them out again when it opens there.
 */
export async function createBackup(dossier: Dossier, options: CreateBackupOptions = {}): Promise<Uint8Array> {
  const state = await withBodiesInline(dossier);
  const compress = options.compress ?? true;
  const payload = compress ? deflateSync(state, { level: 6 }) : state;
  const header: BackupHeader = {
    format: backupFormat,
    schemaVersion: dossier.meta().schemaVersion,
    createdAt: new Date(options.now ?? Date.now()).toISOString(),
    appVersion: options.appVersion ?? null,
    dossier: dossier.meta(),
    clipCount: dossier.clips.count(),
    compression: compress ? 'deflate' : 'none',
    payloadBytes: payload.length,
    stateBytes: state.length,
    sha256: await sha256Hex(payload),
  };
  const head = encoder.encode(`${backupMagic}\n${JSON.stringify(header)}\n`);
  const file = new Uint8Array(head.length + payload.length);
  file.set(head, 0);
  file.set(payload, head.length);
  return file;
}

/** A file name for the download: "knipsel-backup-mijn-leerdossier-2025-03-14.knipsel". */
export function backupFileName(meta: Pick<DossierMeta, 'name'>, now = Date.now()): string {
  return `knipsel-backup-${slugify(meta.name, 40, 'dossier')}-${new Date(now).toISOString().slice(0, 10)}${backupExtension}`;
}

/** Refuse a file by its size before reading it into memory (call with `file.size`). */
export function checkBackupSize(size: number): void {
  checkFileSize(size, maxBackupBytes, (bytes, limit) => `Het bestand is te groot (${bytes}); Knipsel opent back-ups tot ${limit}.`);
}

const notABackup = (bytes: Uint8Array) => {
  const kind = sniffFileKind(bytes);
  return reject(
    'wrong-type',
    `This is not a Knipsel backup${kind ? ` (it looks like ${kind.kind})` : ''}.`,
    kind ? `Dit bestand is geen Knipsel-back-up, maar ${kind.nl}.` : 'Dit bestand is geen Knipsel-back-up.',
    { looksLike: kind?.kind ?? null },
  );
};
const truncated = (details: Record<string, unknown> = {}) =>
  reject(
    'truncated',
    'The backup is incomplete (truncated).',
    'Het bestand is onvolledig (afgebroken download?). Probeer de back-up opnieuw te kopiëren of te downloaden.',
    details,
  );
const corrupt = (why: string, details: Record<string, unknown> = {}) =>
  reject('corrupt', `The backup is damaged: ${why}.`, 'De back-up is beschadigd: de inhoud klopt niet met de controlegegevens. Gebruik een andere kopie van de back-up.', {
    why,
    ...details,
  });

/**
 * Read and fully validate a backup file: header, size, checksum, inflation, and that the state
 * decodes into a valid dossier matching the header. Throws a KnipselError (`invalid-input`,
 * or `newer-version`) with `details.nl` and `details.reason`; never anything else.
 */
export async function readBackup(bytes: Uint8Array): Promise<Backup> {
  try {
    return await readBackupUnchecked(bytes);
  } catch (error) {
    if (isKnipselError(error)) throw error;
    throw corrupt('unreadable', { cause: String(error) });
  }
}

async function readBackupUnchecked(bytes: Uint8Array): Promise<Backup> {
  checkBackupSize(bytes.length);
  const magic = encoder.encode(`${backupMagic}\n`);
  const prefix = Math.min(bytes.length, magic.length);
  for (let i = 0; i < prefix; i++) if (bytes[i] !== magic[i]) throw notABackup(bytes);
  if (bytes.length <= magic.length) throw truncated();

  const searchEnd = Math.min(bytes.length, magic.length + maxHeaderBytes);
  let newline = -1;
  for (let i = magic.length; i < searchEnd; i++) {
    if (bytes[i] === 0x0a) {
      newline = i;
      break;
    }
  }
  if (newline < 0) throw bytes.length < magic.length + maxHeaderBytes ? truncated() : corrupt('header too long');

  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(magic.length, newline)));
  } catch {
    throw corrupt('header is not JSON');
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && Number.isInteger(format) && format > backupFormat) {
    const appVersion = (raw as { appVersion?: unknown }).appVersion;
    const version = typeof appVersion === 'string' && appVersion.length <= 64 && /^[\w.+-]+$/.test(appVersion) ? appVersion : null;
    throw reject(
      'newer-version',
      `This backup was made by a newer Knipsel${version ? ` (${version})` : ''} in backup format ${format}; this version reads up to format ${backupFormat}. Update Knipsel to open it.`,
      version
        ? `Deze back-up is gemaakt met Knipsel ${version}, een nieuwere versie (back-upformaat ${format}). Werk Knipsel bij naar versie ${version} of nieuwer om hem te openen; deze versie leest back-ups tot en met formaat ${backupFormat}.`
        : `Deze back-up is gemaakt met een nieuwere versie van Knipsel (back-upformaat ${format}). Werk Knipsel bij om hem te openen; deze versie leest back-ups tot en met formaat ${backupFormat}.`,
      { format, supported: backupFormat, appVersion: version },
    );
  }
  const parsed = v.safeParse(headerSchema, raw);
  if (!parsed.success) throw corrupt('header fields', { problems: parsed.issues.slice(0, 5).map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`) });
  const header: BackupHeader = parsed.output;
  if (header.schemaVersion > currentSchemaVersion) {
    throw reject(
      'newer-version',
      `This backup holds a dossier of schema ${header.schemaVersion}; this Knipsel understands up to ${currentSchemaVersion}. Update Knipsel to open it.`,
      header.appVersion
        ? `Deze back-up is gemaakt met Knipsel ${header.appVersion}, een nieuwere versie (dossierindeling ${header.schemaVersion}). Werk Knipsel bij naar versie ${header.appVersion} of nieuwer om hem te openen.`
        : `Deze back-up is gemaakt met een nieuwere versie van Knipsel (dossierindeling ${header.schemaVersion}); werk Knipsel bij om hem te openen.`,
      { schemaVersion: header.schemaVersion, supported: currentSchemaVersion, appVersion: header.appVersion },
    );
  }
  // The declared state against the payload, before anything is allocated for it.
  if (header.stateBytes > maxStateBytes) throw corrupt('declared state too large', { stateBytes: header.stateBytes });
  if (header.compression === 'none' && header.stateBytes !== header.payloadBytes) throw corrupt('state size mismatch');
  if (header.compression === 'deflate' && !plausibleInflation(header.payloadBytes, header.stateBytes)) {
    throw corrupt('declared state too large for its payload', { stateBytes: header.stateBytes, payloadBytes: header.payloadBytes, maxInflation: maxPlausibleInflation });
  }

  const payload = bytes.subarray(newline + 1);
  if (payload.length < header.payloadBytes) throw truncated({ expected: header.payloadBytes, got: payload.length });
  if (payload.length > header.payloadBytes) throw corrupt('trailing bytes', { expected: header.payloadBytes, got: payload.length });
  if ((await sha256Hex(payload)) !== header.sha256) throw corrupt('checksum mismatch');

  // Uncompressed, the state is the payload itself (it shares the file's bytes; no copy).
  let state = payload;
  if (header.compression === 'deflate') {
    try {
      state = inflateExact(payload, header.stateBytes);
    } catch (error) {
      if (!(error instanceof InflateProblem)) throw error;
      const why = error.kind === 'too-much' ? 'inflates to more than declared' : error.kind === 'too-little' ? 'inflated size mismatch' : 'deflate stream damaged';
      throw corrupt(why, { consumed: error.consumed, produced: error.produced });
    }
  }

  const inspected = inspectDossierState(state);
  if (inspected.meta.id !== header.dossier.id || inspected.clipCount !== header.clipCount) {
    throw corrupt('state does not match header', { id: inspected.meta.id, clipCount: inspected.clipCount });
  }
  return { header, state };
}

/**
 * Decode a Y.Doc state into a scratch doc and check that it is a whole, valid dossier: the
 * update applies without missing pieces, the schema is not newer than ours, meta has an id and
 * every clip reads. Returns the scratch dossier (migrated, in memory only).
 */
export function inspectDossierState(state: Uint8Array): { dossier: Dossier; meta: DossierMeta; clipCount: number } {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch (error) {
    throw corrupt('state does not decode', { cause: String(error) });
  }
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) throw corrupt('state is incomplete');
  let dossier: Dossier;
  try {
    dossier = createDossier(doc);
  } catch (error) {
    if (isKnipselError(error, 'newer-version')) {
      const version = Number(error.details.version);
      throw reject('newer-version', error.message, `Deze back-up is gemaakt met een nieuwere versie van Knipsel (dossierindeling ${version}); werk Knipsel bij om hem te openen.`, {
        schemaVersion: version,
        supported: currentSchemaVersion,
      });
    }
    throw notADossier(String(error));
  }
  const meta = dossier.meta();
  if (!meta.id) throw notADossier('meta has no id');
  let clipCount = 0;
  try {
    for (const clip of dossier.clips.all()) {
      if (typeof clip.capture?.url !== 'string' || typeof clip.title !== 'string') throw new Error(`clip ${clip.id} has no capture`);
      clipCount++;
    }
  } catch (error) {
    throw notADossier(String(error));
  }
  return { dossier, meta, clipCount };
}

const notADossier = (why: string) => reject('not-a-dossier', `The backup does not contain a valid dossier: ${why}.`, 'De back-up bevat geen geldig Knipsel-dossier.', { why });
