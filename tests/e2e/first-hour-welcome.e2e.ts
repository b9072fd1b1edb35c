// The first hour of a new user, from the first open to the first clip: a fresh Chromium profile
// with the built extension, the built web app from the real server on 127.0.0.1 (a free port,
// so the extension must be told the address, as a user does in its options), and Dutch
// practice pages from a second server. It checks the places where one got stuck or was misled:
// the welcome of the first run, the extension's options, "no extension" said too early, the
// first clip's "Open in Knipsel" across tabs, names and plurals. Screenshots of the first run
// go to /tmp/knipsel-shots/first-hour; what follows the first clip is in first-hour-clips.e2e.ts.
// Run after `npm run build` (or with KNIPSEL_DIST).
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { closeAll, launchWithExtension, pwaDir, type ExtensionSession } from '../support/browser';
import { askToPair, confirmInExtension } from '../support/pairing';
import { serveSite } from '../support/site.js';
import { desktop, firstHourPages, heading1, nav, phone, popupFor, setUpFirstDossier, shot, shots } from './first-hour-support.js';

let app: KnipselServer;
let fixtures: Server;
let fixtureBase = '';
let session: ExtensionSession;
let worker: Worker;
let appA: Page;
let dossierId = '';
let firstClipId = '';

/** Every state the shell's extension line has shown in this page since it started loading. */
const statusHistory = (page: Page) => page.evaluate(() => (window as unknown as { __extensionStates?: string[] }).__extensionStates ?? []);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  app = await createKnipselServer({ dir: pwaDir, port: 0, host: '127.0.0.1' });
  ({ server: fixtures, base: fixtureBase } = await serveSite(() => firstHourPages));

  session = await launchWithExtension();
  worker = session.context.serviceWorkers()[0];
  // What the extension's status line in the app shows, from the very first paint on.
  await session.context.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __extensionStates: string[] }).__extensionStates = []);
    const record = () => {
      for (const el of document.querySelectorAll('[data-testid="extension-status"]')) {
        const state = el.getAttribute('data-state');
        if (state && seen.at(-1) !== state) seen.push(state);
      }
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
});

afterAll(() => closeAll(session, app, fixtures));

describe('the first hour of a new user: the first open and the first clip', () => {
  it('the first open of the app explains itself: two sentences, the extension for Chrome and Firefox, frameworks, the first dossier’s name', async () => {
    appA = await session.context.newPage();
    await appA.setViewportSize(phone);
    await appA.goto(`${app.url}/`);
    const welcome = appA.getByTestId('welcome');
    await welcome.getByRole('heading', { name: 'Welkom bij Knipsel' }).waitFor({ timeout: 15_000 });
    const intro = await welcome.locator('.intro').innerText();
    expect(intro.split(/(?<=[.!?])\s+/).filter(Boolean)).toHaveLength(2);
    // Not configured for this address yet: the extension is rightly not found, and the steps show.
    const panel = welcome.getByTestId('pair-panel');
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 15_000 }).toBe('absent');
    expect(await panel.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Chrome of Edge', 'Firefox']);
    expect(await panel.innerText()).toContain(`zet daar het adres van deze app: ${app.url}`);
    for (const name of ['De community werker', '10 gouden regels', 'DichtErBij', 'Eigen thema’s']) await welcome.getByRole('checkbox', { name: new RegExp(name) }).waitFor();
    expect(await welcome.getByLabel('Naam van je eerste dossier').inputValue()).toBe('Mijn leerdossier');
    await shot(appA, 'first-run-fresh-phone-nl');
    await appA.setViewportSize(desktop);
    await shot(appA, 'first-run-fresh-desktop-nl');
  });

  it('the extension’s options show the default dossier, and take the app’s address', async () => {
    const options = await session.openExtensionPage('options.html');
    await options.setViewportSize({ width: 800, height: 900 });
    const chosen = options.getByTestId('default-dossier');
    await expect
      .poll(() => chosen.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? ''), { timeout: 10_000 })
      .toBe('Mijn leerdossier (persoonlijk)');
    await options.getByLabel('Adres van de Knipsel-app').fill(app.url);
    await options.getByRole('button', { name: 'Opslaan' }).click();
    await options.getByText('Instellingen opgeslagen.').waitFor();
    await shot(options, 'options-nl');
    await options.close();
  });

  it('the app that was already open finds the extension without a reload; a new tab never says “no extension”', async () => {
    await expect.poll(() => appA.getByTestId('extension-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('unpaired');
    // A slow extension (worker waking): "verbinden…" meanwhile, never "Geen extensie gevonden".
    await worker.evaluate(() => (globalThis as any).knipsel.holdBridge(4000));
    const fresh = await session.context.newPage();
    await fresh.goto(`${app.url}/#/settings`);
    await expect.poll(() => fresh.getByTestId('extension-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('unpaired');
    expect(await statusHistory(fresh)).toEqual(['connecting', 'unpaired']);
    await fresh.close();
  });

  it('the welcome sets up the first dossier: its name, the chosen frameworks and own themes; the empty list says what to do next', async () => {
    dossierId = await setUpFirstDossier(appA);
  });

  it('the first clip’s “Open in Knipsel” opens it, once the extension is paired — also when paired in another tab', async () => {
    const { tab, popup } = await popupFor(session, fixtureBase, '/buurtkracht.html');
    // One name for a link clip: the popup's "Link" is what the app calls it too.
    await popup.getByRole('radio', { name: 'Link', exact: true }).waitFor();
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
    await popup.getByTestId('saved').waitFor();
    const [opened] = await Promise.all([session.context.waitForEvent('page'), popup.getByRole('button', { name: 'Open in Knipsel' }).click()]);
    await popup.close();
    await tab.close();
    await opened.setViewportSize(desktop);
    // Not paired yet: the clip is still in the extension, and pairing is offered right there.
    await heading1(opened).filter({ hasText: 'Dit knipsel staat nog in de extensie' }).waitFor({ timeout: 15_000 });
    await opened.getByTestId('missing-extension-hint').getByRole('button', { name: 'Koppel de extensie aan de app' }).waitFor();
    firstClipId = decodeURIComponent(/\/clip\/([^/?]+)/.exec(opened.url())![1]);
    await shot(opened, 'still-in-extension-desktop-nl');

    // The user pairs in the tab that was open already.
    await appA.setViewportSize(desktop);
    const code = await askToPair(appA);
    await confirmInExtension(session, code, 'popup', appA).then((page) => page.close());
    await appA.getByTestId('extension-status').and(appA.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
    // The tab the button opened follows the clip into the app's dossier, by itself.
    await expect.poll(() => heading1(opened).innerText(), { timeout: 30_000 }).toBe('Buurtkracht in Overvecht');
    expect(opened.url()).toContain(`#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(firstClipId)}`);
    // A page without a site name shows its domain as its source.
    expect(await opened.locator('dl').innerText()).toContain('127.0.0.1');
    await opened.close();
  });

  it('names and counts: the domain as source, “1 knipsel”, one name for a link', async () => {
    await expect.poll(() => appA.locator('.clips h2').allInnerTexts(), { timeout: 15_000 }).toEqual(['Buurtkracht in Overvecht']);
    expect(await appA.locator('.screen-head .intro').innerText()).toBe('1 knipsel');
    const meta = (await appA.locator('.clips .meta').first().textContent()) ?? '';
    // The kind of evidence first, then the source.
    expect(meta.trim()).toMatch(/^Praktijkvoorbeeld\s*127\.0\.0\.1/);
    expect(meta).not.toContain('Artikel');
    await appA.getByText('Filters', { exact: true }).click();
    expect(await appA.getByLabel('Vorm', { exact: true }).locator('option').allInnerTexts()).toContain('Link');
    expect(await appA.getByLabel('Website').locator('option').allInnerTexts()).toContain('127.0.0.1');
    await appA.getByText('Filters', { exact: true }).click();
  });
});
