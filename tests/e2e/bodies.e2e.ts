// Clip bodies in the built web app: a dossier in the format before body stores (schema 2,
// every capture holding its text: tests/fixtures/dossier-schema-2.yjs) restored from a backup
// opens with its texts, which move to the body store on this device; a dossier whose body is
// not on the device opens, lists the clip, and its reader says the text has not arrived.
// (A clip's body travelling from the extension to the app is reader.e2e.ts's clip: the app
// reads its text, which now comes over the bridge as a body.) Run after `npm run build`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createDossier, suggestThemes, type Dossier } from '@knipsel/core';
import { createBackup } from '@knipsel/core/export';
import { appForFile, shot } from '../support/app.js';

const app = appForFile({ timeout: 15_000 });
let page: Page;
const work = mkdtempSync(join(tmpdir(), 'knipsel-bodies-e2e-'));
const fixture = new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/dossier-schema-2.yjs')));
let backupFile = '';
let clips: { id: string; title: string; text: string }[] = [];

/** Body blobs in the app's file store (IndexedDB `knipsel-files`); `remove` deletes them first. */
function bodyBlobs(remove = false): Promise<number> {
  return page.evaluate(
    (removeThem) =>
      new Promise<number>((resolve, reject) => {
        const opened = indexedDB.open('knipsel-files');
        opened.onerror = () => reject(opened.error);
        opened.onsuccess = () => {
          const tx = opened.result.transaction('files', 'readwrite');
          const store = tx.objectStore('files');
          const all = store.getAll();
          let count = 0;
          all.onsuccess = () => {
            for (const entry of all.result as { hash: string; type: string }[]) {
              if (entry.type !== 'application/vnd.knipsel.body+json') continue;
              count++;
              if (removeThem) store.delete(entry.hash);
            }
          };
          tx.oncomplete = () => {
            opened.result.close();
            resolve(count);
          };
        };
      }),
    remove,
  );
}

beforeAll(async () => {
  page = app.page;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fixture);
  const meta = doc.getMap('meta').toJSON();
  expect(meta.schemaVersion).toBe(2);
  // The backup of the old dossier as the old Knipsel wrote it: the state untouched (no migration).
  const read = createDossier(new Y.Doc());
  Y.applyUpdate(read.doc, fixture);
  clips = read.clips.all().map((c) => ({ id: c.id, title: c.title, text: c.capture.text }));
  const old = { doc, meta: () => meta, clips: { count: () => clips.length } } as unknown as Dossier;
  backupFile = join(work, 'oud-dossier.knipsel');
  writeFileSync(backupFile, await createBackup(old));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('clip bodies in the app', () => {
  test('an old-format dossier opens with every text; its bodies move to the body store', async () => {
    await page.goto(app.server.url);
    await page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor();
    await page.goto(`${app.server.url}/#/dossiers`);
    await page.getByLabel('Kies een back-up (.knipsel)').setInputFiles(backupFile);
    const dialog = page.getByRole('dialog', { name: 'Back-up terugzetten' });
    await dialog.getByRole('button', { name: 'Terugzetten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor();
    for (const clip of clips) {
      await page.goto(`${app.server.url}/#/d/oud-dossier/clip/${clip.id}`);
      await page.getByRole('heading', { level: 1, name: clip.title }).waitFor();
      await expect.poll(() => page.getByTestId('clip-html').innerText()).toContain(clip.text.trim().slice(0, 60));
    }
    await expect.poll(() => bodyBlobs()).toBe(clips.length);
  });

  test('the theme picker suggests from the body, read from the store when the picker opens', async () => {
    // Reopened, the dossier holds no body in memory; the clip's title and note alone match no theme.
    const read = createDossier(new Y.Doc());
    Y.applyUpdate(read.doc, fixture);
    const frameworks = read.frameworks.list();
    const clip = read.clips.all().find((c) => suggestThemes([c.title, c.note].join('\n'), frameworks).length === 0);
    expect(clip).toBeDefined();
    const fromBody = suggestThemes([clip!.title, clip!.capture.text, clip!.note].join('\n'), frameworks);
    expect(fromBody.length).toBeGreaterThan(0);
    const names = fromBody.map((s) => frameworks.flatMap((f) => f.themes).find((t) => t.id === s.themeId)!.name);
    await page.goto(`${app.server.url}/#/d/oud-dossier/board`);
    await page.reload();
    await page.getByRole('button', { name: /^Sorteren/ }).click();
    const dialog = page.getByRole('dialog', { name: clip!.title });
    for (let i = 0; i < clips.length && !(await dialog.isVisible()); i++) await page.getByRole('button', { name: 'Volgende knipsel' }).click();
    const suggested = dialog.getByTestId('suggested-themes');
    for (const name of names) await suggested.getByRole('button', { name: `Thema toevoegen: ${name}` }).waitFor();
  });

  test('a dossier whose body is not on this device opens, lists the clip and says the text has not arrived', async () => {
    expect(await bodyBlobs(true)).toBe(clips.length);
    const [first] = clips;
    await page.goto(`${app.server.url}/#/d/oud-dossier/list`);
    await page.reload();
    await page.getByRole('link', { name: first.title }).first().waitFor();
    await page.goto(`${app.server.url}/#/d/oud-dossier/clip/${first.id}`);
    await page.getByRole('heading', { level: 1, name: first.title }).waitFor();
    const notice = page.getByTestId('body-missing');
    await expect.poll(() => notice.innerText()).toContain('De tekst van deze knip is nog niet binnen.');
    await expect.poll(() => page.getByTestId('clip-html').count()).toBe(0);
    await shot(page, 'bodies-missing-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'bodies-missing-phone');
  });
});
