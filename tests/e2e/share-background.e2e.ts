// Every shared dossier stays connected while the app is open ("the shared dossier
// syncs with every peer that is online"), not only the one on screen. Two separate Chromium
// contexts through the BUILT app and the real Knipsel server on 127.0.0.1 (no STUN):
// A shares a dossier, B joins and then works in another dossier. A sees B present but
// elsewhere; A adds a clip; B's Dossiers screen counts it without B opening the shared
// dossier, and B can read it offline (it was stored locally). B deletes the shared dossier
// → its session closes and A sees nobody. Screenshots in /tmp/knipsel-shots/share-background.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addBookmark, makeDossier } from '../support/app.js';
import { inviteLink, screenshotsIn, sharingSuite, type Peer } from './share-support.js';

const shot = screenshotsIn(process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/share-background');

const suite = sharingSuite();

const openApp = (label: string): Promise<Peer> => suite.openApp(label);

const presenceNames = (page: Page) => page.locator('.presence [data-peer]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-peer')));
const card = (page: Page, name: string) => page.locator('li.dossier').filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });

describe('every shared dossier stays connected', () => {
  test('B receives a clip in a shared dossier it does not have on screen, and keeps it offline', async () => {
    // ---- A shares a dossier; B joins ----
    const a = await openApp('A');
    await a.page.goto(`${suite.url}/#/`);
    const dossierId = await makeDossier(a.page, 'Wijkteam Zuid');
    await addBookmark(a.page, 'https://www.voorbeeld-wijkplatform.nl/buurtkamer', 'Buurtkamer in de Schilderswijk');
    await a.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    const link = await inviteLink(a.page, 'Anouk');

    const b = await openApp('B');
    await b.page.goto(link);
    await b.page.locator('[data-join-state="arrived"]').waitFor({ timeout: 30_000 });
    await b.page.getByLabel('Je naam').fill('Bram');
    await b.page.getByRole('button', { name: 'Deelnemen' }).click();
    await expect.poll(() => b.page.url()).toBe(`${suite.url}/#/d/${dossierId}/list`);
    await expect.poll(() => b.page.locator('.clips > li h2').allInnerTexts()).toEqual(['Buurtkamer in de Schilderswijk']);

    // ---- B goes to another dossier (its own); A still sees B, looking at nothing here ----
    await b.page.goto(`${suite.url}/#/`);
    await b.page.getByRole('link', { name: 'Mijn leerdossier' }).click();
    await b.page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor();
    expect(await b.page.locator('.current-dossier').textContent()).toContain('Mijn leerdossier');
    await a.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    await expect.poll(() => presenceNames(a.page), { timeout: 30_000 }).toEqual(['Bram']);
    await expect.poll(() => a.page.locator('.presence [data-peer="Bram"]').innerText()).toContain('is elders in Knipsel');

    // ---- A adds a clip; B, without opening the shared dossier, receives it ----
    await a.page.goto(`${suite.url}/#/d/${dossierId}/list`);
    await addBookmark(a.page, 'https://www.voorbeeld-wijkplatform.nl/taalcafe', 'Taalcafé in de bibliotheek');
    await b.page.goto(`${suite.url}/#/`);
    await b.page.getByRole('heading', { level: 1, name: 'Je dossiers' }).waitFor();
    const shared = card(b.page, 'Wijkteam Zuid');
    await expect.poll(() => shared.locator('.meta').innerText(), { timeout: 30_000 }).toContain('2 knipsels');
    expect(await shared.locator('[data-peer-status]').innerText()).toBe('Verbonden met 1 collega');
    expect(await card(b.page, 'Mijn leerdossier').locator('[data-peer-status]').count()).toBe(0);
    await shot(b.page, 'dossiers-connected');

    // Offline, B opens the shared dossier: the clip is already stored on this device.
    await b.context.setOffline(true);
    await expect.poll(() => shared.locator('[data-peer-status]').innerText()).toBe('Offline');
    await b.page.getByRole('link', { name: 'Wijkteam Zuid' }).click();
    await b.page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor();
    await expect.poll(async () => (await b.page.locator('.clips > li h2').allInnerTexts()).sort()).toEqual(['Buurtkamer in de Schilderswijk', 'Taalcafé in de bibliotheek']);
    await b.context.setOffline(false);

    // ---- B's app starts and the shared dossier's first connection fails: it is tried again ----
    // (The next room-key derivation after the reload fails once, as a storage or crypto hiccup would.)
    await b.context.addInitScript(() => {
      if (!sessionStorage.getItem('knipsel-test-fail-connect')) return;
      sessionStorage.removeItem('knipsel-test-fail-connect');
      const subtle = crypto.subtle;
      const importKey = subtle.importKey.bind(subtle);
      let failed = false;
      subtle.importKey = ((...args: Parameters<SubtleCrypto['importKey']>) => {
        if (!failed && args[2] === 'HKDF') {
          failed = true;
          (window as unknown as { __knipselConnectFailed: boolean }).__knipselConnectFailed = true;
          return Promise.reject(new DOMException('Test: key derivation failed once.', 'OperationError'));
        }
        return importKey(...args);
      }) as SubtleCrypto['importKey'];
    });
    await a.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    await expect.poll(() => presenceNames(a.page), { timeout: 30_000 }).toEqual(['Bram']);
    await b.page.goto(`${suite.url}/#/`);
    await b.page.getByRole('heading', { level: 1, name: 'Je dossiers' }).waitFor();
    await b.page.evaluate(() => sessionStorage.setItem('knipsel-test-fail-connect', '1'));
    await b.page.reload();
    await b.page.getByRole('heading', { level: 1, name: 'Je dossiers' }).waitFor();
    await expect.poll(() => b.page.evaluate(() => (window as unknown as { __knipselConnectFailed?: boolean }).__knipselConnectFailed === true)).toBe(true);
    await expect.poll(() => card(b.page, 'Wijkteam Zuid').locator('[data-peer-status]').innerText(), { timeout: 30_000 }).toBe('Verbonden met 1 collega');
    await expect.poll(() => presenceNames(a.page), { timeout: 30_000 }).toEqual(['Bram']);

    // ---- B deletes the shared dossier: its session closes, A sees nobody ----
    await b.page.goto(`${suite.url}/#/`);
    await expect.poll(() => card(b.page, 'Wijkteam Zuid').locator('[data-peer-status]').innerText(), { timeout: 30_000 }).toBe('Verbonden met 1 collega');
    await card(b.page, 'Wijkteam Zuid')
      .getByRole('button', { name: /Verwijderen/ })
      .click();
    await b.page.getByRole('dialog', { name: 'Dossier verwijderen?' }).getByRole('button', { name: 'Ja, verwijder dossier' }).click();
    await expect.poll(() => b.page.locator('.dossiers h2').allInnerTexts()).toEqual(['Mijn leerdossier']);
    await a.page.goto(`${suite.url}/#/d/${dossierId}/share`);
    await expect.poll(() => presenceNames(a.page), { timeout: 45_000 }).toEqual([]);
    await expect.poll(() => a.page.locator('.presence').innerText(), { timeout: 20_000 }).toContain('Niemand anders online');
    await a.page.goto(`${suite.url}/#/`);
    await expect.poll(() => card(a.page, 'Wijkteam Zuid').locator('[data-peer-status]').innerText(), { timeout: 20_000 }).toBe('Niemand online');
    await shot(a.page, 'dossiers-alone');
  });
});
