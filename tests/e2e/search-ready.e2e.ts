// Search that is ready when a dossier opens, in the built web app: a dossier of a few hundred
// clips (restored from a backup made by core), a noise block removed with "Opschonen" and a clip
// added in this session; after a reload, search covers every clip at once — the "not yet
// complete" notice never shows — and the removed block is not found.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '@knipsel/core';
import { createBackup } from '@knipsel/core/export';
import { makeCapture } from '@knipsel/core/testing';
import { addBookmark, appForFile, shot } from '../support/app.js';

const work = mkdtempSync(join(tmpdir(), 'knipsel-search-e2e-'));
const app = appForFile({ timeout: 10_000 });
let page: Page;

const clipCount = 300;
const places = ['Overvecht', 'Kanaleneiland', 'Lombok', 'Zuilen', 'Hoograven', 'Transwijk', 'Tuinwijk', 'Wittevrouwen'];
const topics = ['speeltuin', 'moestuin', 'taalcafé', 'ontmoetingsplek', 'huiskamer', 'klussendienst', 'burenhulp', 'wandelgroep'];
const noiseTitle = 'Samen koken in Overvecht';
const advert = 'Advertentie: zonnepanelen met korting bij Zonnig BV';

/** 300 clips; every 40th one mentions a "wijkverhaal" (8 clips), one carries an advert block. */
function backupBytes(): Promise<Uint8Array> {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'cohort-noord', name: 'Cohort Noord' });
  const dossier = createDossier(doc);
  for (let i = 0; i < clipCount; i++) {
    const place = places[i % places.length];
    const topic = topics[(i * 3) % topics.length];
    const story = i % 40 === 0 ? ' Bewoners schreven samen een wijkverhaal.' : '';
    const text = `Bewoners van ${place} beginnen een ${topic}. De opbouwwerker sluit aan bij wat er al is.${story}`;
    dossier.clips.add({ capture: makeCapture({ title: `${topic} in ${place} (${i})`, text, html: `<p>${text}</p>` }) });
  }
  const paragraphs = ['Bewoners koken elke week samen een buurtmaaltijd in het buurthuis.', advert, 'De opbouwwerker helpt alleen met de sleutel.'];
  dossier.clips.add({ capture: makeCapture({ title: noiseTitle, text: paragraphs.join('\n\n'), html: paragraphs.map((p) => `<p>${p}</p>`).join('') }) });
  return createBackup(dossier);
}

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${name}( \\d+)?$`) });
const searchBox = () => page.getByLabel(/Zoek in titels/);
const hitTitles = () => page.locator('.hit h2').allInnerTexts();
const countLine = () => page.locator('p.count').innerText();

/** Clip ids in the stored search index of a dossier (IndexedDB `knipsel-search`), or null. */
function storedIds(dossierId: string): Promise<string[] | null> {
  return page.evaluate(
    (id) =>
      new Promise<string[] | null>((resolve) => {
        const open = indexedDB.open('knipsel-search');
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('indexes')) return resolve(null);
          const get = db.transaction('indexes').objectStore('indexes').get(id);
          get.onsuccess = () => resolve((get.result?.value?.index?.ids as string[] | undefined)?.filter(Boolean) ?? null);
          get.onerror = () => resolve(null);
        };
      }),
    dossierId,
  );
}

beforeAll(async () => {
  writeFileSync(join(work, 'cohort.knipsel'), await backupBytes());
  page = app.page;
  page.on('pageerror', (error) => console.error('[page error]', error));
  // Remember whether the search screen ever said it was still building or incomplete.
  await app.context.addInitScript(() => {
    const seen = { incomplete: false };
    (window as unknown as { searchStates: typeof seen }).searchStates = seen;
    new MutationObserver(() => {
      if (document.querySelector('.building, .incomplete')) seen.incomplete = true;
    }).observe(document, { childList: true, subtree: true });
  });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('search that is ready', () => {
  let dossierId = '';
  let addedId = '';

  test('a restored dossier of 300 clips: noise removed, a clip added, the index stored', async () => {
    await page.goto(app.server.url);
    await heading('Knipsels').waitFor();
    await nav('Dossiers').click();
    await heading('Je dossiers').waitFor();
    await page.getByLabel('Kies een back-up (.knipsel)').setInputFiles(join(work, 'cohort.knipsel'));
    const dialog = page.getByRole('dialog', { name: 'Back-up terugzetten' });
    await dialog.getByRole('button', { name: 'Terugzetten' }).click();
    await heading('Knipsels').waitFor();
    dossierId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
    expect(dossierId).toBe('cohort-noord');

    // The advert is found until it is removed as noise in the reader.
    await nav('Zoeken').click();
    await heading('Zoeken').waitFor();
    await searchBox().fill('zonnepanelen');
    await expect.poll(hitTitles, { timeout: 30_000 }).toEqual([noiseTitle]);
    await page.locator('.hit h2 a').first().click();
    await heading(noiseTitle).waitFor();
    await page.getByRole('button', { name: 'Opschonen' }).click();
    const block = page.getByTestId('clean-blocks').locator('li').filter({ hasText: advert });
    await block.getByRole('button', { name: 'Weghalen' }).click();
    await page.getByRole('button', { name: 'Klaar' }).click();
    await page.getByText('1 stuk weggehaald').waitFor();

    await nav('Zoeken').click();
    await searchBox().fill('zonnepanelen');
    await expect.poll(countLine).toBe('Niets gevonden voor ‘zonnepanelen’.');
    await searchBox().fill('buurtmaaltijd');
    await expect.poll(hitTitles).toEqual([noiseTitle]);

    await nav('Knipsels').click();
    addedId = await addBookmark(page, 'https://www.repaircafe.example.nl/de-bilt', 'Repaircafé in het buurthuis', 'Gevonden tijdens de wijkschouw.');
    // The index is written a moment after the last change.
    await expect.poll(async () => (await storedIds(dossierId))?.includes(addedId) ?? false, { timeout: 20_000 }).toBe(true);
    expect((await storedIds(dossierId))?.length).toBe(clipCount + 2);
  }, 120_000);

  test('after a reload, search is complete at once and the removed block stays unfound', async () => {
    await page.goto(`${app.server.url}/#/d/${dossierId}/search?q=repaircaf`);
    await page.reload();
    await heading('Zoeken').waitFor();
    await expect.poll(hitTitles).toEqual(['Repaircafé in het buurthuis']);
    await searchBox().fill('wijkverhaal');
    await expect.poll(countLine).toBe('8 resultaten');
    await searchBox().fill('zonnepanelen');
    await expect.poll(countLine).toBe('Niets gevonden voor ‘zonnepanelen’.');
    await searchBox().fill('buurtmaaltijd');
    await expect.poll(hitTitles).toEqual([noiseTitle]);
    // Its snippet comes from the cleaned text.
    await expect.poll(() => page.locator('.hit mark').first().innerText()).toBe('buurtmaaltijd');
    expect(await page.locator('.hit').innerText()).not.toContain('zonnepanelen');
    expect(await page.evaluate(() => (window as unknown as { searchStates: { incomplete: boolean } }).searchStates.incomplete)).toBe(false);
    await shot(page, 'search-ready-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'search-ready-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 60_000);
});
