// Collecting bodies no dossier names any more (after the trash is emptied, a clip deleted for
// good, a dossier deleted): mark and sweep with a grace period, on each replica's own store.
//
// A collection lists the stored hashes, then reads every dossier on the device (bodies are
// content-addressed and may be shared between dossiers) for the hashes they name
// (dossier/blob-references.ts: bodies, kept images and files, attachments, hand-ins). A blob
// no dossier names is marked with the moment it was first seen so; it is swept only at a
// later collection at least `graceMs` after that mark, and only if it was not put again
// since (checked atomically by the blob store's `sweep`). So a body that a concurrent edit
// uses again — a clip restored, the same page clipped by a peer whose update arrives late,
// a tab that adds a clip while another collects — keeps it: the edit either names it before
// the grace ends, or puts it again (the body store writes every body it stages).
//
// Only bodies and images are collected (`collectable`): files the user chose (PDFs,
// documents) stay until deleted with their dossier's data elsewhere, since backups do not
// carry them.
//
// The relay (or any other store) can use the pure parts: `unreferencedBodies(docs, stored)`
// says what no doc names, `nextMarks(marks, unreferenced, now, graceMs)` gives the new marks
// and the candidates due for `sweep`; it keeps the marks wherever it likes.
import * as v from 'valibot';
import * as Y from 'yjs';
import { blobReferences } from '../dossier/blob-references.js';
import type { Library } from '../library/library.js';
import type { BlobStore } from './blob-store.js';
import { bodyType, type BodyStore } from './body-store.js';
import type { UpdateStore } from './update-store.js';

/** Hash → when a collection first saw it unreferenced (ms since the epoch). */
export type BodyMarks = Record<string, number>;

/** A day: long enough for a peer's concurrent edit or a tab's pending write to land. */
export const defaultBodyGraceMs = 24 * 60 * 60 * 1000;

/** The blob types a collection removes: bodies and the images kept with clips. */
export const collectable = (type: string): boolean => type === bodyType || type.startsWith('image/');

/** The stored hashes no doc of `docs` names (every dossier on the device, or on the relay). */
export function unreferencedBodies(docs: Y.Doc | Iterable<Y.Doc>, storedHashes: Iterable<string>): string[] {
  const referenced = new Set<string>();
  for (const doc of docs instanceof Y.Doc ? [docs] : docs) blobReferences(doc, referenced);
  return [...new Set(storedHashes)].filter((hash) => !referenced.has(hash));
}

/**
 * One mark-and-sweep step: the marks after this collection (a mark kept from before, a new
 * one at `now`; hashes referenced again lose theirs) and the candidates due for sweeping
 * (marked at an earlier collection, at least `graceMs` ago).
 */
export function nextMarks(previous: BodyMarks, unreferenced: Iterable<string>, now: number, graceMs: number): { marks: BodyMarks; due: { hash: string; since: number }[] } {
  const marks: BodyMarks = {};
  const due: { hash: string; since: number }[] = [];
  for (const hash of unreferenced) {
    const since = Object.hasOwn(previous, hash) ? previous[hash] : undefined;
    marks[hash] = since ?? now;
    if (since !== undefined && since < now && now - since >= graceMs) due.push({ hash, since });
  }
  return { marks, due };
}

const marksSchema = v.record(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)), v.pipe(v.number(), v.safeInteger(), v.minValue(0)));

/** Marks as stored, or none when what is stored is not marks (a damaged pref starts over). */
export function readMarks(value: unknown): BodyMarks {
  const parsed = v.safeParse(marksSchema, value);
  return parsed.success ? parsed.output : {};
}

export interface BodyCollection {
  blobs: BlobStore;
  /** Every dossier doc on the device; a throw stops the collection before anything is swept. */
  docs(): AsyncIterable<Y.Doc> | Iterable<Y.Doc>;
  /** Where the marks are kept between collections (e.g. a library preference). */
  marks: { load(): Promise<unknown>; save(marks: BodyMarks): Promise<void> };
  /** The body store on these blobs: swept bodies are forgotten from its memory. */
  bodies?: BodyStore;
  now?: () => number;
  graceMs?: number;
}

/** Run one collection; resolves with how many blobs are marked and which were swept. */
export async function collectBodies(options: BodyCollection): Promise<{ marked: number; swept: string[] }> {
  const { blobs } = options;
  if (!blobs.hashes || !blobs.sweep) return { marked: 0, swept: [] };
  // Listed before the docs are read: a blob stored meanwhile is not a candidate this time.
  const stored = await blobs.hashes();
  const referenced = new Set<string>();
  for await (const doc of options.docs()) blobReferences(doc, referenced);
  const now = (options.now ?? Date.now)();
  const unreferenced = stored.filter((hash) => !referenced.has(hash));
  const { marks, due } = nextMarks(readMarks(await options.marks.load()), unreferenced, now, options.graceMs ?? defaultBodyGraceMs);
  const swept = due.length ? await blobs.sweep(due, collectable) : [];
  const gone = new Set(swept);
  for (const { hash } of due) {
    // Put again since its mark (used again, or about to be): marked anew, from now.
    if (!gone.has(hash)) marks[hash] = now;
  }
  for (const hash of swept) {
    delete marks[hash];
    options.bodies?.forget(hash);
  }
  await options.marks.save(marks);
  return { marked: Object.keys(marks).length, swept };
}

/**
 * The docs of every dossier of a library: an open one as it is in memory (edits not yet in
 * its log count), the others loaded from the update log. Ids come from the library and the
 * log both (a dossier being imported has a log before its record).
 */
export async function* libraryDocs(library: Pick<Library, 'list' | 'isOpen' | 'open'>, updates: UpdateStore): AsyncGenerator<Y.Doc> {
  const ids = new Set([...(await library.list()).map((record) => record.id), ...(await updates.docIds())]);
  for (const id of ids) {
    const open = library.isOpen(id) ? await library.open(id).catch(() => null) : null;
    if (open) {
      yield open.doc;
      continue;
    }
    const doc = new Y.Doc();
    // A log that cannot be read throws: the collection stops and sweeps nothing.
    for (const update of await updates.load(id)) Y.applyUpdate(doc, update);
    yield doc;
    doc.destroy();
  }
}
