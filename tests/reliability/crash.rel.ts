// Crashes: the whole browser is killed (SIGKILL of its process group) at random moments
// during bursts of typing in a reflection and during a large bookmark import, many times.
// After each restart the dossier opens and every edit the app had confirmed is there.
//
// A dossier stored by a Knipsel from before body stores is killed at several points of its
// move to schema 3 (bodies put into the body store, then the doc changed): after each kill
// the stored dossier still has every clip and every body, and the app opens it with all.
//
// "Confirmed" means the app told the user it is stored, which it only does once the
// persistence reported the write durable (core/storage/doc-persistence.ts flush()): the
// reflection's "Automatisch bewaard" status (set after flush for exactly the text shown), the
// "Knipsel bewaard" toast, and the import's "… knipsels toegevoegd." result.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDossier } from '@knipsel/core';
import type { KnipselServer } from '../../server/create-server.js';
import { addBookmark, servePwa } from '../support/app.js';
import { fullRun, pick, report, seed } from './support/mode.js';
import { createRng } from './support/prng.js';
import { startKillable, type KillableBrowser } from './support/killable-browser.js';
import { oldDossier, storedDoc, storedTexts, storeOldDossier } from './support/old-dossier.js';
import { pauseAtWrite, type WritePoint } from './support/pause-at-write.js';

let server: KnipselServer;
const profileDir = mkdtempSync(join(tmpdir(), 'knipsel-crash-'));
const rng = createRng(seed + 30);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = await servePwa();
});

afterAll(async () => {
  await server?.close();
  rmSync(profileDir, { recursive: true, force: true, maxRetries: 5 });
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const noteOf = (page: Page) => page.getByLabel('Je reflectie op dit knipsel');

/** The reflection's text and its status line, read at one moment. */
function noteState(note: Locator): Promise<{ value: string; status: string }> {
  return note.evaluate((el) => {
    let scope: Element | null = el.parentElement;
    let status: Element | null = null;
    while (scope && !(status = scope.querySelector('.status'))) scope = scope.parentElement;
    return { value: (el as HTMLTextAreaElement).value, status: status?.textContent?.trim() ?? '' };
  });
}

/** Every clip title of the dossier, read from what is stored in IndexedDB. */
async function storedTitles(page: Page, dossierId: string): Promise<string[]> {
  return createDossier(await storedDoc(page, dossierId))
    .clips.all()
    .map((c) => c.title);
}

function bookmarksFile(batch: number, count: number): string {
  const rows = Array.from(
    { length: count },
    (_, i) => `<DT><A HREF="https://wijk${batch}.example.nl/praktijk/${i}" ADD_DATE="1700000000">Import ${batch}-${i}: bewoners aan zet</A>`,
  );
  const path = join(profileDir, `bladwijzers-${batch}.html`);
  writeFileSync(
    path,
    `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n${rows.join('\n')}\n</DL><p>\n`,
  );
  return path;
}

describe('crashes', () => {
  it('keeps every confirmed edit through kills during typing bursts and large imports', { timeout: pick(600_000, 1_800_000) }, async () => {
    const editKills = pick(3, 10);
    const importKills = pick(2, 6);
    const importSize = pick(600, 2000);
    let browser: KillableBrowser = await startKillable(profileDir);
    const pageOf = async (b: KillableBrowser) => {
      const page = b.context.pages()[0] ?? (await b.context.newPage());
      page.setDefaultTimeout(20_000);
      return page;
    };
    let page = await pageOf(browser);
    await page.goto(server.url);
    await heading(page, 'Knipsels').waitFor({ timeout: 30_000 });
    await addBookmark(page, 'https://www.movisie.nl/crashtest', 'Crashtest');
    await page.getByText('Knipsel bewaard').waitFor();
    const clipUrl = page.url();
    const dossierId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(clipUrl)![1]);
    const dossierUrl = `${server.url}/#/d/${encodeURIComponent(dossierId)}`;

    let confirmedNote = '';
    const confirmedTitles = new Set(['Crashtest']);
    let kills = 0;
    let confirmedEdits = 0;
    let lost = 0;

    /** After a restart: the dossier opens and everything confirmed is there. */
    const checkAfterRestart = async () => {
      browser = await startKillable(profileDir);
      page = await pageOf(browser);
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && console.log('[app console]', m.text().slice(0, 300)));
      page.on('pageerror', (e) => console.log('[page error]', String(e).slice(0, 300)));
      await page.goto(clipUrl);
      await heading(page, 'Crashtest')
        .waitFor({ timeout: 30_000 })
        .catch(async (error) => {
          await page.screenshot({ path: '/tmp/knipsel-shots/rel/crash-restart.png' }).catch(() => undefined);
          const require = (await import('node:module')).createRequire(import.meta.url);
          console.log(
            '[after restart]',
            page.url(),
            browser.context.pages().map((p) => p.url()),
            (
              await page
                .locator('main')
                .innerText()
                .catch(() => '')
            ).slice(0, 200),
          );
          console.log('[stored titles]', JSON.stringify(await storedTitles(page, dossierId).catch((e) => String(e))));
          console.log(
            '[idb]',
            JSON.stringify(
              await page.evaluate(async () => {
                const db: IDBDatabase = await new Promise((res, rej) => {
                  const o = indexedDB.open('knipsel');
                  o.onsuccess = () => res(o.result);
                  o.onerror = () => rej(o.error);
                });
                const get = (s: string) =>
                  new Promise<any[]>((res) => {
                    const r = db.transaction(s).objectStore(s).getAll();
                    r.onsuccess = () => res(r.result);
                  });
                return { dossiers: (await get('dossiers')).map((d) => [d.id, d.name]), updates: (await get('updates')).map((u) => [u.docId, u.seq]), prefs: await get('prefs') };
              }),
            ),
          );
          console.log('[profile]', require('node:child_process').execSync(`ls -la ${profileDir} ${profileDir}/Default/IndexedDB/*/ 2>&1 | head -40`).toString());
          throw error;
        });
      const { value } = await noteState(noteOf(page));
      if (!value.startsWith(confirmedNote)) {
        lost++;
        console.log(`[lost] confirmed ${JSON.stringify(confirmedNote.slice(-80))} (${confirmedNote.length}) but found ${JSON.stringify(value.slice(-80))} (${value.length})`);
      }
      expect(value.startsWith(confirmedNote), `after kill ${kills}: the reflection lost confirmed text`).toBe(true);
      const titles = new Set(await storedTitles(page, dossierId));
      const missing = [...confirmedTitles].filter((t) => !titles.has(t));
      lost += missing.length;
      expect(missing, `after kill ${kills}: confirmed clips missing`).toEqual([]);
      await page.goto(`${dossierUrl}/list`);
      await heading(page, 'Knipsels').waitFor();
      await expect.poll(() => page.locator('.clips > li').count()).toBeGreaterThan(0);
      await page.goto(clipUrl);
      await heading(page, 'Crashtest').waitFor();
    };

    for (let round = 0; round < editKills; round++) {
      // A burst of typing at the end of the reflection. Long runs kill at a random moment in
      // the middle of it (writes in flight); quick runs kill right after a burst the app
      // confirmed (a kill mid-write can make Chromium drop
      // IndexedDB and roll back OPFS, which the quick run in `npm test` must not depend on).
      const note = noteOf(page);
      await note.focus();
      await note.press('Control+End');
      let killed = false;
      let burstDone: () => void = () => undefined;
      const burst = new Promise<void>((resolve) => (burstDone = resolve));
      const killer = (fullRun ? sleep(300 + rng.int(2500)) : burst.then(() => sleep(rng.int(300)))).then(async () => {
        killed = true;
        await browser.kill();
      });
      try {
        for (let line = 0; !killed; line++) {
          await note.pressSequentially(`r${round}.${line} bewoners `, { delay: rng.int(6) });
          for (let wait = 0; wait < 4 && !killed; wait++) {
            const state = await noteState(note);
            if (state.status === 'Automatisch bewaard') {
              if (state.value !== confirmedNote) confirmedEdits++;
              confirmedNote = state.value;
              break;
            }
            await sleep(25);
          }
          if (!fullRun && line >= 3) {
            await expect.poll(async () => (await noteState(note)).status, { timeout: 5_000 }).toBe('Automatisch bewaard');
            const state = await noteState(note);
            if (state.value !== confirmedNote) confirmedEdits++;
            confirmedNote = state.value;
            burstDone();
            break;
          }
        }
      } catch {
        // The browser died under the typing.
      }
      await killer;
      kills++;
      await checkAfterRestart();
    }

    for (let round = 0; round < importKills; round++) {
      await page.goto(`${dossierUrl}/export`);
      await page.locator('input[type=file][accept*=".csv"]').setInputFiles(bookmarksFile(round, importSize));
      await page.getByRole('button', { name: /bladwijzers importeren$/ }).click({ timeout: 120_000 });
      // Half the rounds die mid-import; the others right after the import said it is done.
      const afterDone = round % 2 === 1;
      if (afterDone) {
        await page.getByText(/knipsels toegevoegd\./).waitFor({ timeout: 120_000 });
        for (let i = 0; i < importSize; i++) confirmedTitles.add(`Import ${round}-${i}: bewoners aan zet`);
        confirmedEdits += importSize;
      } else {
        await sleep(100 + rng.int(1500));
        if (await page.getByText(/knipsels toegevoegd\./).count()) {
          for (let i = 0; i < importSize; i++) confirmedTitles.add(`Import ${round}-${i}: bewoners aan zet`);
          confirmedEdits += importSize;
        }
      }
      await browser.kill();
      kills++;
      await checkAfterRestart();
    }
    await browser.close();
    report('crashes', { kills, editKills, importKills, importSize, confirmedEdits, lost, dossierOpened: kills });
    expect(lost).toBe(0);
  });
});

describe('kill during migration', () => {
  it('a dossier from before body stores, killed while its bodies move out, opens with every clip and every body', { timeout: pick(150_000, 900_000) }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knipsel-crash-migration-'));
    const extra = 90; // with the fixture's two: one page of the list
    // Where each round dies: as the first body is written, a third of them in, with every
    // body stored but the doc's change asked for (not yet stored), once that change is stored.
    const points: WritePoint[] = [
      { files: 1 },
      { files: 30 },
      { afterFiles: extra, update: 'asked' },
      { afterFiles: extra, update: 'stored' },
      ...Array.from({ length: pick(0, 6) }, () => ({ files: 1 + rng.int(extra) })),
    ];
    const open = async () => {
      const b = await startKillable(dir);
      const p = b.context.pages()[0] ?? (await b.context.newPage());
      p.setDefaultTimeout(30_000);
      return [b, p] as const;
    };
    let [browser, page] = await open();
    await page.goto(server.url);
    await heading(page, 'Knipsels').waitFor({ timeout: 30_000 });
    try {
      for (const [round, point] of points.entries()) {
        const old = oldDossier(`${seed}-${round}`, extra, 6_000);
        const dossierUrl = `${server.url}/#/d/${encodeURIComponent(old.id)}`;
        await storeOldDossier(page, old);
        const { paused } = await pauseAtWrite(page, point);
        await page.evaluate((hash) => void (location.hash = hash), `#/d/${encodeURIComponent(old.id)}/list`);
        await paused;
        await browser.kill();
        [browser, page] = await open();
        await page.goto(`${dossierUrl}/list`);
        const where = `round ${round} (${JSON.stringify(point)})`;
        // What the kill left is whole (read as the next open reads it); the app opens it with every clip and body.
        expect(await storedTexts(page, old.id), `${where}: clips or bodies lost`).toEqual(old.texts);
        await heading(page, 'Knipsels').waitFor();
        await expect.poll(() => page.locator('.clips > li').count(), { timeout: 30_000 }).toBe(old.texts.size);
        const [lastId, lastText] = [...old.texts].at(-1)!;
        await page.goto(`${dossierUrl}/clip/${encodeURIComponent(lastId)}`);
        await page.getByText(lastText.slice(0, 60)).first().waitFor();
        expect(await storedTexts(page, old.id), `${where}: lost after reopening`).toEqual(old.texts);
      }
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    }
    report('crash-migration', { kills: points.length, clips: extra + 2, points: points.map((p) => JSON.stringify(p)).join(' ') });
  });
});
