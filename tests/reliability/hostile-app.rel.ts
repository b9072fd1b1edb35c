// Hostile pages clipped through core `extract` into the built app and opened in its reader,
// list, board and search: zero executions (the canary, the console marker, the beacon).
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { KnipselServer } from '../../server/create-server.js';
import { launchProfile, servePwa } from '../support/app.js';
import { beacons, buildHostileDossier, canaryOf, consoleHits, dangerous, serveHostilePages, vectors, watchConsole } from './hostile/hostile-site.js';
import { pick, report } from './support/mode.js';

serveHostilePages();

describe('hostile pages', () => {
  it(`clipped through core into the app: ${vectors.length} clips in reader, list, board and search, zero executions`, { timeout: pick(300_000, 900_000) }, async () => {
    const pwa: KnipselServer = await servePwa();
    const profile = await launchProfile();
    const context: BrowserContext = profile.context;
    const { id, doc, clipIds } = buildHostileDossier();
    const mark = beacons.length;
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      watchConsole(page, 'app');
      await page.goto(pwa.url);
      await page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor({ timeout: 20_000 });
      // Put the dossier where the app keeps dossiers (as a restore or a peer would).
      const update = Array.from(Y.encodeStateAsUpdate(doc));
      await page.evaluate(
        async ({ id, update, clipCount }) => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open('knipsel');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          await new Promise<void>((resolve, reject) => {
            const tx = db.transaction(['dossiers', 'updates'], 'readwrite');
            tx.objectStore('dossiers').put({ id, name: 'Vijandig "><img src=x onerror=alert(1)>', kind: 'shared', createdAt: 1, updatedAt: 1, clipCount });
            tx.objectStore('updates').add({ docId: id, update: new Uint8Array(update) });
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
          db.close();
        },
        { id, update, clipCount: clipIds.length },
      );
      await page.goto(`${pwa.url}/#/`);
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      let screens = 0;
      for (const view of ['list', 'board', 'portfolio', 'trash']) {
        await page.goto(`${pwa.url}/#/d/${id}/${view}`);
        await page.waitForTimeout(400);
        screens++;
      }
      await page.goto(`${pwa.url}/#/d/${id}/search?q=Buurtkracht`);
      await page.waitForTimeout(400);
      screens++;
      let readers = 0;
      for (const clipId of clipIds) {
        await page.goto(`${pwa.url}/#/d/${id}/clip/${clipId}`);
        await page.locator('.content').waitFor();
        expect(await page.locator(`.content :is(${dangerous})`).count(), `reader ${clipId}`).toBe(0);
        readers++;
      }
      expect(await canaryOf(page)).toBe(0);
      await page.waitForTimeout(300);
      expect(beacons.slice(mark), 'beacons from the app').toEqual([]);
      expect(consoleHits.filter((h) => h.startsWith('app'))).toEqual([]);
      report('hostile/app', { clips: clipIds.length, readersOpened: readers, otherScreens: screens, executions: 0 });
    } finally {
      await profile.close();
      await pwa.close();
    }
  });
});
