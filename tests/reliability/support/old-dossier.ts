// An old-format dossier (schema 2, before body stores: every capture with its body inline) of
// a useful size for killing the browser while it moves to schema 3, and the way to put it in
// a real browser's IndexedDB as the Knipsel of that time left it. Built on the stored
// old-format fixture (tests/fixtures/dossier-schema-2.yjs) plus generated clips whose texts
// are unique to each build, so no body of one build is in the body store before it moves.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { createDossier } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';

const fixture = new Uint8Array(readFileSync(new URL('../../fixtures/dossier-schema-2.yjs', import.meta.url)));

export interface OldDossier {
  id: string;
  name: string;
  state: Uint8Array;
  /** Clip id → its text, as the old dossier holds it. */
  texts: Map<string, string>;
}

/** The fixture's clips plus `extra` clips of about `chars` characters of text each, labelled `label`. */
export function oldDossier(label: string, extra: number, chars: number): OldDossier {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fixture);
  if (doc.getMap('meta').get('schemaVersion') !== 2) throw new Error('the fixture is not a schema-2 dossier');
  // Without a body store the clips are written as Knipsel wrote them before schema 3.
  const dossier = createDossier(doc);
  for (let i = 0; i < extra; i++) {
    const sentence = `In ronde ${label} vertelt bewoner ${i} hoe de buurtkamer ${label}-${i} samen met het opbouwwerk ontstond. `;
    const text = sentence.repeat(Math.ceil(chars / sentence.length));
    dossier.clips.add({ capture: makeCapture({ url: `https://www.movisie.nl/migratie/${label}/${i}`, title: `Migratie ${label}-${i}`, text }) });
  }
  doc.getMap('meta').set('schemaVersion', 2);
  const texts = new Map(dossier.clips.all().map((clip) => [clip.id, clip.capture.text]));
  return { id: `oud-${label}`, name: `Oud dossier ${label}`, state: Y.encodeStateAsUpdate(doc), texts };
}

/** Store `old` in the app's database of the page's origin: its record and its one update, as an old Knipsel left them. */
export async function storeOldDossier(page: Page, old: OldDossier): Promise<void> {
  await page.evaluate(
    async ({ id, name, base64, clipCount }) => {
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('knipsel');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction(['dossiers', 'updates'], 'readwrite');
      const now = Date.now();
      tx.objectStore('dossiers').put({ id, name, kind: 'personal', createdAt: now, updatedAt: now, clipCount });
      tx.objectStore('updates').add({ docId: id, update: bytes });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error);
      });
      db.close();
    },
    { id: old.id, name: old.name, base64: Buffer.from(old.state).toString('base64'), clipCount: old.texts.size },
  );
}

/** The dossier's doc as stored in the page's IndexedDB (the update log read as the next open reads it). */
export async function storedDoc(page: Page, id: string): Promise<Y.Doc> {
  const updates = await page.evaluate(async (docId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('knipsel');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<Array<{ docId: string; update: Uint8Array }>>((resolve, reject) => {
      const request = db.transaction('updates').objectStore('updates').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    const toBase64 = (bytes: Uint8Array) => {
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    };
    return all.filter((e) => e.docId === docId).map((e) => toBase64(e.update));
  }, id);
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(Buffer.from(update, 'base64')));
  return doc;
}

/**
 * The text of every clip as the stored dossier gives it: the capture's own text, or the body
 * its hash names in the file store. A clip whose body is named but not stored reads as null.
 */
export async function storedTexts(page: Page, id: string): Promise<Map<string, string | null>> {
  const doc = await storedDoc(page, id);
  const clips = createDossier(doc).clips.all();
  const hashes = clips.flatMap((clip) => (clip.body ? [clip.body.hash] : []));
  const bodies = await page.evaluate(async (wanted) => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'knipsel-files')) return {};
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('knipsel-files');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const out: Record<string, string> = {};
    for (const hash of wanted) {
      const entry = await new Promise<{ bytes: Uint8Array } | undefined>((resolve, reject) => {
        const request = db.transaction('files').objectStore('files').get(hash);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      if (entry) out[hash] = (JSON.parse(new TextDecoder().decode(entry.bytes)) as { text: string }).text;
    }
    db.close();
    return out;
  }, hashes);
  return new Map(clips.map((clip) => [clip.id, clip.body ? (bodies[clip.body.hash] ?? null) : clip.capture.text]));
}
