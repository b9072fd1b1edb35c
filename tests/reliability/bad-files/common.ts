// What the bad-file campaigns share: the dossier a file is restored into, the library it is
// imported into, files of other kinds, and the check that a refusal is a clear one.
import * as Y from 'yjs';
import {
  createDossier,
  createLibrary,
  createMemoryLibraryStore,
  createMemoryProjectionStore,
  createMemoryUpdateStore,
  type Dossier,
  initDossierDoc,
  isKnipselError,
  type Library,
  type UpdateStore,
} from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { storedReplica } from '../support/stored-replica.js';

export type Progress = (index: number) => void;
export type Figures = Record<string, number>;

export const theme = 'community-werker.leefwereld';
export const targetId = 'doel-dossier';
export const encoder = new TextEncoder();

export function makeDossier(id: string, name: string, clips: number): Dossier {
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
export async function openTarget(base: Uint8Array) {
  const replica = await storedReplica(base, targetId);
  return { ...replica, dossier: createDossier(replica.doc) };
}

export function newLibrary(): { library: Library; updates: UpdateStore } {
  const updates = createMemoryUpdateStore();
  return { library: createLibrary({ updates, library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() }), updates };
}

/** Split a backup into its header JSON and payload. */

export const otherKinds: Array<() => Uint8Array> = [
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

/** The refusal must be a KnipselError with a Dutch sentence and a reason; anything else is a crash. */
export function checkRefusal(error: unknown, where: string): string {
  if (!isKnipselError(error)) throw new Error(`${where}: not a clear error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  const { nl, reason } = error.details as { nl?: unknown; reason?: unknown };
  if (typeof nl !== 'string' || nl.length < 10) throw new Error(`${where}: refusal without a Dutch message (${error.message})`);
  if (typeof reason !== 'string') throw new Error(`${where}: refusal without a reason (${error.message})`);
  return reason;
}
