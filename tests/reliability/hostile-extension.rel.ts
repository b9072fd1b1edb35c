// Hostile pages clipped with the built extension in Chromium: every other vector of
// hostile/vectors.ts (every one in a full run) on a page of its own, with metadata vectors in
// title, OpenGraph, description, author, JSON-LD, canonical link and attributes, opened in the
// side panel and the popup preview. Execution is seen through the canary, the console marker
// and the beacon: zero executions anywhere but in the hostile page itself.
import { describe, expect, it } from 'vitest';
import { launchWithExtension, loadedTabId } from '../support/browser.js';
import { beacons, canaryOf, consoleHits, dangerous, extensionVectors, origin, pageUrl, serveHostilePages, vectors, watchConsole } from './hostile/hostile-site.js';
import { canaryMarker, hostilePage, placesIn } from './hostile/vectors.js';
import { pick, report } from './support/mode.js';

declare const chrome: any;

serveHostilePages();

describe('hostile pages', () => {
  it(`clipped with the extension: ${extensionVectors.length} pages, zero executions in popup, side panel and worker`, { timeout: pick(300_000, 900_000) }, async () => {
    const session = await launchWithExtension();
    const worker = session.context.serviceWorkers()[0];
    worker.on('console', (message) => {
      if (message.text().includes(canaryMarker)) consoleHits.push(`worker: ${message.text()}`);
    });
    const hitsBefore = consoleHits.length;
    let opened = 0;
    let pageOwnExecutions = 0;
    try {
      const settings = await session.openExtensionPage('options.html');
      const { defaultId: dossierId } = await settings.evaluate(() => chrome.runtime.sendMessage({ knipsel: 1, type: 'dossiers/list', input: {} }).then((r: any) => r.value));
      for (const vector of extensionVectors) {
        const tab = await session.context.newPage();
        await tab.goto(pageUrl(vector.id));
        await tab.waitForTimeout(50);
        pageOwnExecutions += await canaryOf(tab);
        const tabId = await loadedTabId(worker, pageUrl(vector.id));
        const result = await worker.evaluate(([id]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-pagina' }, { id }), [tabId]);
        expect(['saved', 'duplicate']).toContain(result.status);
        if (vector === extensionVectors[0] || opened % 5 === 0) {
          // The popup's preview shows title, site and excerpt of the hostile page.
          const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
          watchConsole(popup, `popup ${vector.id}`);
          await popup.getByTestId('preview-title').waitFor({ timeout: 20_000 });
          await popup.waitForTimeout(100);
          expect(await canaryOf(popup), `popup ${vector.id}`).toBe(0);
          await popup.close();
        }
        await tab.close();
        await new Promise((r) => setTimeout(r, 50));
        const mark = beacons.length;
        const panel = await session.openExtensionPage(`sidepanel.html?dossier=${dossierId}&clip=${result.clipId}`);
        watchConsole(panel, `side panel ${vector.id}`);
        await panel.getByTestId('clip-title').waitFor();
        const details = panel.locator('details.content > summary');
        if (await details.count()) await details.click();
        await panel.waitForTimeout(100);
        expect(await canaryOf(panel), `side panel ${vector.id}`).toBe(0);
        expect(await panel.locator(`.html :is(${dangerous})`).count(), `side panel ${vector.id}`).toBe(0);
        // Every link left in the clip that is not a web address is clicked: none may run script.
        for (const link of await panel.locator('.html a[href]:not([href^="http"])').all()) await link.click({ modifiers: ['Control'] }).catch(() => undefined);
        expect(await canaryOf(panel), `side panel ${vector.id} after clicks`).toBe(0);
        await panel.close();
        expect(beacons.slice(mark), `beacons while our pages showed ${vector.id}`).toEqual([]);
        opened++;
      }
      // The side panel's clip list, with every hostile title at once.
      const listMark = beacons.length;
      const list = await session.openExtensionPage('sidepanel.html');
      watchConsole(list, 'side panel list');
      await list.waitForTimeout(500);
      expect(await canaryOf(list)).toBe(0);
      expect(await canaryOf(settings)).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(beacons.slice(listMark), 'beacons from extension pages').toEqual([]);
      expect(consoleHits.slice(hitsBefore)).toEqual([]);
    } finally {
      await session.close();
    }
    report('hostile/extension', {
      pages: extensionVectors.length,
      placesPerPage: placesIn(hostilePage(extensionVectors[0], origin)),
      sidePanelsOpened: opened,
      pageOwnExecutions,
      executions: 0,
    });
    // The vectors are live: many did run in the hostile page itself.
    expect(pageOwnExecutions).toBeGreaterThan(0);
  });
});
