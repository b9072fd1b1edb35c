// The extension ↔ web app bridge end to end: one Chromium profile with the built extension
// and the built web app served by the real server on 127.0.0.1. The extension is configured
// with the app's address (port 0 picks a free one) through its storage, as the options page
// would, and paired with the app as a user does it (the code in the app, "Koppelen" in the
// popup or the options). Article pages and a hostile page come from a second server on
// ANOTHER port of 127.0.0.1 (another origin). Clips are made with the popup (opened as a page
// with ?tabId=, Playwright cannot click the toolbar icon). Run after `npm run build` (or with
// KNIPSEL_DIST).
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { closeAll, launchBrowser, launchWithExtension, pwaDir, type ExtensionSession } from '../support/browser';
import { askToPair, configureAppUrls, confirmInExtension, pairExtension } from '../support/pairing';
import { serveSite } from '../support/site.js';
import { plainArticle } from './extension-pages.js';

// Extension APIs inside worker/page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

const shots = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/bridge';

/** A page on another origin that tries to talk to the bridge in every way a page can. */
const hostilePage = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Vijandige pagina</title></head>
<body><h1>Vijandige pagina</h1><button id="open" type="button">Open de app</button></body></html>`;

/** Runs in a page: posts bridge frames (to itself and, if given, to another window) and collects what comes back. */
function attackScript([dossierId, target]: [string, 'self' | 'opened']) {
  const w = window as unknown as { received?: string[]; posted?: string[]; opened?: Window | null };
  if (!w.received) {
    w.received = [];
    w.posted = [];
    addEventListener('message', (e) => w.received!.push(JSON.stringify(e.data)));
  }
  const nonce = 'h'.repeat(24);
  const session = `${nonce}.${'x'.repeat(24)}`;
  const frames = [
    { t: 'hello', v: 2, nonce, role: 'app', pair: null },
    { t: 'hello', v: 2, nonce, role: 'app', pair: 'p'.repeat(24) },
    { t: 'auth', session, proof: '0'.repeat(64) },
    { t: 'dossiers', session, list: [], deleted: [dossierId], personalId: null, personalLinked: true, aliases: [] },
    { t: 'sync', session, dossierId, data: 'AAAA' },
    { t: 'welcome', v: 2, nonce, peerNonce: 'x'.repeat(24), role: 'extension', pair: 'p'.repeat(24), proof: '0'.repeat(64) },
  ];
  const to = target === 'opened' ? w.opened! : window;
  for (const frame of frames) {
    for (const from of ['app', 'extension']) {
      const message = { tag: 'knipsel-bridge', from, frame };
      to.postMessage(message, '*');
      if (to === window) w.posted!.push(JSON.stringify(message));
    }
  }
  return nonce;
}

let app: KnipselServer;
let fixtures: Server;
let fixtureBase = '';
let session: ExtensionSession;
let worker: Worker;
let appPage: Page | null = null;
let extPage: Page;
let dossierId = '';

async function request<T = any>(type: string, input: unknown): Promise<T> {
  const reply = await extPage.evaluate(([t, i]) => chrome.runtime.sendMessage({ knipsel: 1, type: t, input: i }), [type, input] as const);
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

async function openApp(hash = '', path = ''): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${app.url}/${path}${hash}`);
  await page.getByTestId('extension-status').and(page.locator('[data-state="connected"]')).waitFor({ timeout: 15_000 });
  return page;
}

async function tabIdOf(url: string): Promise<number> {
  const id = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id, url);
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

/** Clip an article page through the popup; returns when the popup says it is saved. */
async function clipWithPopup(path: string, note = ''): Promise<{ popup: Page; savedAt: number }> {
  const tab = await session.context.newPage();
  await tab.goto(`${fixtureBase}${path}`);
  const popup = await session.openExtensionPage(`popup.html?tabId=${await tabIdOf(`${fixtureBase}${path}`)}`);
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).waitFor();
  if (note) await popup.getByLabel('Wat neem ik hieruit mee?').fill(note);
  await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
  await popup.getByTestId('saved').waitFor();
  const savedAt = Date.now();
  await tab.close();
  return { popup, savedAt };
}

const appTitles = (page: Page) => page.locator('.clips h2').allInnerTexts();
const extTitles = async () => (await request<{ rows: { title: string }[] }>('clips/list', { dossierId })).rows.map((r) => r.title).sort();

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  app = await createKnipselServer({ dir: pwaDir, port: 0, host: '127.0.0.1' });
  const titles = { '/voor.html': 'Geknipt voordat de app er was', '/open.html': 'Knippen terwijl de app open is', '/dicht.html': 'Knippen met de app dicht', '/samen.html': 'Samen bewerken' };
  ({ server: fixtures, base: fixtureBase } = await serveSite(() => ({
    ...Object.fromEntries(Object.entries(titles).map(([path, title]) => [path, () => plainArticle(title)])),
    '/vijandig.html': () => hostilePage,
  })));

  session = await launchWithExtension();
  worker = session.context.serviceWorkers()[0];
  // Configure the app's address, as the options page does, and wait until the bridge is registered for it.
  await configureAppUrls(worker, [`${app.url}/`]);
  extPage = await session.openExtensionPage('options.html');
});

afterAll(() => closeAll(session, app, fixtures));

describe('extension ↔ web app bridge', () => {
  it('registers the bridge only on the configured app origin', async () => {
    const matches: string[] = await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts({ ids: ['knipsel-bridge'] }))[0]?.matches ?? []);
    const port = new URL(app.url).port;
    expect(matches.sort()).toEqual([`http://127.0.0.1:${port}/*`, `http://localhost:${port}/*`]);
  });

  it('first run: the first clip opens from “Open in Knipsel” once the extension is paired in its popup', async () => {
    // A fresh profile: the app's address is set, nothing is paired; the first clip goes into the extension's own dossier.
    const { popup } = await clipWithPopup('/voor.html');
    const first = await request<{ defaultId: string }>('dossiers/list', {});
    const [opened] = await Promise.all([session.context.waitForEvent('page'), popup.getByRole('button', { name: 'Open in Knipsel' }).click()]);
    await popup.close();
    appPage = opened;
    await appPage.setViewportSize({ width: 1280, height: 800 });
    await appPage.waitForLoadState();
    expect(decodeURIComponent(appPage.url())).toContain(`#/d/${first.defaultId}/clip/`);
    const clipId = decodeURIComponent(/\/clip\/([^/?]+)/.exec(appPage.url())![1]);

    // Not paired: the app offers pairing and says how the clip will get here; the extension gave it nothing.
    await appPage.getByTestId('extension-status').and(appPage.locator('[data-state="unpaired"]')).waitFor({ timeout: 20_000 });
    await appPage.getByTestId('missing-extension-hint').waitFor();
    expect((await request<{ dossiers: { id: string }[] }>('dossiers/list', {})).dossiers.map((d) => d.id)).toEqual([first.defaultId]);
    await appPage.screenshot({ path: join(shots, 'app-unpaired-desktop.png') });
    await appPage.setViewportSize({ width: 390, height: 844 });
    await appPage.screenshot({ path: join(shots, 'app-unpaired-phone.png') });
    await appPage.setViewportSize({ width: 1280, height: 800 });

    const code = await askToPair(appPage);
    expect(code).toMatch(/^\d{3} \d{3}$/);
    await appPage.screenshot({ path: join(shots, 'app-pairing-code-desktop.png') });
    await appPage.setViewportSize({ width: 390, height: 844 });
    await appPage.screenshot({ path: join(shots, 'app-pairing-code-phone.png') });
    await appPage.setViewportSize({ width: 1280, height: 800 });
    // The extension's popup shows the same code, with the app's address; nothing is paired before the click.
    const askIn = await session.openExtensionPage(`popup.html?tabId=${await tabIdOf(appPage.url())}`);
    await askIn.setViewportSize({ width: 380, height: 600 });
    const ask = askIn.getByTestId('pair-request');
    await ask.waitFor();
    expect(await ask.getByTestId('pair-code').innerText()).toBe(code);
    expect(await ask.innerText()).toContain(new URL(app.url).host);
    expect(await askIn.getByTestId('bridge-status').getAttribute('data-state')).toBe('unpaired');
    await askIn.screenshot({ path: join(shots, 'popup-pair-request.png') });
    await askIn.close();
    await confirmInExtension(session, code, 'popup', appPage).then((page) => page.screenshot({ path: join(shots, 'popup-paired.png') }).then(() => page.close()));

    // Paired: the page opened by the button lands on the clip (same clip id, now in the app's personal dossier).
    await expect.poll(() => appPage!.getByRole('heading', { level: 1 }).innerText(), { timeout: 15_000 }).toBe('Geknipt voordat de app er was');
    dossierId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(appPage.url())![1]);
    expect(dossierId).not.toBe(first.defaultId);
    expect(appPage.url()).toContain(`/clip/${encodeURIComponent(clipId)}`);
    await expect.poll(() => request<{ defaultId: string }>('dossiers/list', {}).then((r) => r.defaultId), { timeout: 10_000 }).toBe(dossierId);
    // One dossier on one machine: the extension's own first personal dossier is gone (its clips moved).
    await expect
      .poll(() => request<{ dossiers: { id: string }[] }>('dossiers/list', {}).then((r) => r.dossiers.map((d) => d.id)), { timeout: 10_000 })
      .toEqual([dossierId]);
    // "Open in Knipsel" of that first clip, asked again later, goes straight to the linked dossier.
    expect((await request<{ appUrl: string }>('clip/get', { dossierId, clipId })).appUrl).toContain(`#/d/${encodeURIComponent(dossierId)}/clip/`);
  });

  it('shows a clip saved while the app is open', async () => {
    await appPage!.getByRole('link', { name: 'Knipsels', exact: true }).first().click();
    await expect.poll(() => appTitles(appPage!), { timeout: 5_000 }).toEqual(['Geknipt voordat de app er was']);

    const { popup, savedAt } = await clipWithPopup('/open.html');
    await expect.poll(() => appTitles(appPage!), { timeout: 5_000, interval: 20 }).toContain('Knippen terwijl de app open is');
    // Measured, not asserted (no timing assertions in tests): the issue asks for ≤ 1 s.
    console.log(`[bridge] clip visible in the open app ${Date.now() - savedAt} ms after the popup said saved`);
    await popup.close();

    await appPage!.screenshot({ path: join(shots, 'app-connected-desktop.png') });
    await appPage!.setViewportSize({ width: 390, height: 844 });
    await appPage!.screenshot({ path: join(shots, 'app-connected-phone.png') });
    await appPage!.setViewportSize({ width: 1280, height: 800 });
    expect(await appPage!.getByTestId('extension-status').innerText()).toBe('Extensie verbonden');

    const status = await session.openExtensionPage(`popup.html?tabId=${await tabIdOf(appPage!.url())}`);
    await status.setViewportSize({ width: 380, height: 600 });
    await expect.poll(() => status.getByTestId('bridge-status').getAttribute('data-state')).toBe('connected');
    await status.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).waitFor();
    expect(await status.getByTestId('bridge-status').innerText()).toContain('Verbonden met de Knipsel-app');
    await status.screenshot({ path: join(shots, 'popup-connected.png') });
    await status.close();
  });

  it('shows clips saved while the app was closed when it opens again', async () => {
    await appPage!.close();
    appPage = null;
    const { popup } = await clipWithPopup('/dicht.html');
    await popup.close();
    const article = await session.context.newPage();
    await article.goto(`${fixtureBase}/samen.html`);
    const status = await session.openExtensionPage(`popup.html?tabId=${await tabIdOf(`${fixtureBase}/samen.html`)}`);
    await status.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).waitFor();
    await status.setViewportSize({ width: 380, height: 600 });
    await expect.poll(() => status.getByTestId('bridge-status').getAttribute('data-state')).toBe('seen');
    expect(await status.getByTestId('bridge-status').innerText()).toMatch(/^Knipsel-app laatst gezien: \d{1,2} [a-z]+,? (om )?\d\d:\d\d$/);
    await status.screenshot({ path: join(shots, 'popup-last-seen.png') });
    await status.close();
    await article.close();

    appPage = await openApp(`#/d/${encodeURIComponent(dossierId)}/list`);
    await expect.poll(() => appTitles(appPage!), { timeout: 10_000 }).toEqual(expect.arrayContaining(['Knippen met de app dicht', 'Knippen terwijl de app open is', 'Geknipt voordat de app er was']));
  });

  it('offers a theme made in the app in the popup’s picker', async () => {
    await appPage!.getByRole('link', { name: 'Thema’s', exact: true }).first().click();
    const framework = appPage!.locator('li.framework').first();
    if ((await framework.locator('details').first().getAttribute('open')) === null) await framework.locator('summary').first().click();
    const add = framework.locator('form.add-theme');
    await add.locator('input').fill('Buurtkracht in de straat');
    await add.getByRole('button').click();
    await expect
      .poll(() => request<{ themes: { name: string }[] }>('themes/list', { dossierId }).then((r) => r.themes.map((t) => t.name)), { timeout: 5_000 })
      .toContain('Buurtkracht in de straat');

    const tab = await session.context.newPage();
    await tab.goto(`${fixtureBase}/samen.html`);
    const popup = await session.openExtensionPage(`popup.html?tabId=${await tabIdOf(`${fixtureBase}/samen.html`)}`);
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.getByRole('combobox', { name: 'Thema’s' }).fill('buurtkracht');
    const offered = popup.getByRole('listbox').getByRole('option');
    await expect.poll(() => offered.allInnerTexts()).toEqual([expect.stringContaining('Buurtkracht in de straat')]);
    await popup.screenshot({ path: join(shots, 'popup-theme-from-app.png') });
    await offered.first().click();
    await popup.getByLabel('Wat neem ik hieruit mee?').fill('Eerste gedachte.');
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
    await popup.getByTestId('saved').waitFor();
    await popup.close();
    await tab.close();
  });

  it('merges concurrent edits made in the app and the extension', async () => {
    await appPage!.getByRole('link', { name: 'Knipsels', exact: true }).first().click();
    await appPage!.locator('.clips h2 a', { hasText: 'Samen bewerken' }).click();
    await appPage!.waitForURL(/\/clip\//);
    const clipId = decodeURIComponent(/\/clip\/([^/?]+)/.exec(appPage!.url())![1]);
    const note = appPage!.getByLabel('Je reflectie op dit knipsel');
    await expect.poll(() => note.inputValue()).toBe('Eerste gedachte.');

    // At the same time: the app types at the end, the extension (side panel) edits the start and the title.
    await note.click();
    await note.press('End');
    const typing = note.pressSequentially(' Uit de app.', { delay: 15 });
    await request('clip/update', { dossierId, clipId, note: 'Uit de extensie. Eerste gedachte.', title: 'Samen bewerkt' });
    await typing;

    const expected = 'Uit de extensie. Eerste gedachte. Uit de app.';
    await expect.poll(() => note.inputValue(), { timeout: 5_000 }).toBe(expected);
    await expect
      .poll(() => request<{ clip: { note: string; title: string } }>('clip/get', { dossierId, clipId }).then((r) => `${r.clip.title} | ${r.clip.note}`), { timeout: 5_000 })
      .toBe(`Samen bewerkt | ${expected}`);
    await expect.poll(() => appPage!.getByRole('heading', { level: 1 }).innerText()).toBe('Samen bewerkt');
  });

  it('brings trash changes made in the app to the side panel', async () => {
    const panel = await session.openExtensionPage(`sidepanel.html`);
    await expect.poll(() => panel.locator('li .title').allInnerTexts()).toContain('Samen bewerkt');
    await appPage!.getByRole('button', { name: 'Naar prullenbak' }).click();
    await expect.poll(() => panel.locator('li .title').allInnerTexts(), { timeout: 5_000 }).not.toContain('Samen bewerkt');
    expect(await extTitles()).not.toContain('Samen bewerkt');
    await panel.close();
  });

  it('gives a page on another origin nothing, whatever it posts, and lets it change nothing', async () => {
    // The dossier record's clip count follows edits a moment later (after the projection
    // rows): take "before" once it has caught up with the trash change of the last test.
    type Listed = { dossiers: { id: string; clipCount: number }[] };
    await expect
      .poll(async () => ((await request<Listed>('dossiers/list', {})).dossiers.find((d) => d.id === dossierId)?.clipCount ?? -1) === (await extTitles()).length)
      .toBe(true);
    const before = { titles: await extTitles(), dossiers: await request('dossiers/list', {}) };
    const hostile = await session.context.newPage();
    await hostile.goto(`${fixtureBase}/vijandig.html`);
    // It posts to itself (as if it were the app)…
    await hostile.evaluate(attackScript, [dossierId, 'self'] as [string, 'self']);
    // …and into a window of the real app it opened itself.
    const [opened] = await Promise.all([
      session.context.waitForEvent('page'),
      hostile.evaluate((url) => {
        document.getElementById('open')!.onclick = () => ((window as unknown as { opened: Window | null }).opened = window.open(url));
        document.getElementById('open')!.click();
      }, `${app.url}/`),
    ]);
    await opened.getByTestId('extension-status').and(opened.locator('[data-state="connected"]')).waitFor({ timeout: 15_000 });
    await hostile.evaluate(attackScript, [dossierId, 'opened'] as [string, 'opened']);

    // Control: the same script run on the app's own origin is heard by the extension — and,
    // holding no pair key, is told "not paired" and gets nothing more.
    const control = await openApp();
    const nonce = await control.evaluate(attackScript, [dossierId, 'self'] as [string, 'self']);
    const answers = () => control.evaluate(() => (window as any).received.map((r: string) => JSON.parse(r)).filter((m: any) => m.from === 'extension' && !(window as any).posted.includes(JSON.stringify(m))).map((m: any) => m.frame));
    await expect.poll(async () => (await answers()).some((f: { t: string; nonce?: string }) => f.t === 'unpaired' && f.nonce === nonce)).toBe(true);
    // Only frames for the script's own nonce or session count: the control page is the real,
    // paired app, whose own session may start meanwhile and legitimately sync.
    const forScript = (f: { nonce?: string; session?: string }) => f.nonce === nonce || (typeof f.session === 'string' && f.session.startsWith(`${nonce}.`));
    expect((await answers()).filter((f: { t: string; nonce?: string; session?: string }) => forScript(f) && ['welcome', 'ready', 'dossiers', 'sync'].includes(f.t))).toEqual([]);
    await control.close();

    // The hostile page heard only its own posts: no answer at all, no dossier list, no sync.
    const heard = await hostile.evaluate(() => ({ received: (window as any).received.slice().sort(), posted: (window as any).posted.slice().sort() }));
    expect(heard.received).toHaveLength(12);
    expect(heard.received).toEqual(heard.posted);
    expect(await extTitles()).toEqual(before.titles);
    expect(await request('dossiers/list', {})).toEqual(before.dossiers);
    // The app window it posted into still has its own session: an edit in the extension still arrives.
    const clip = (await request<{ rows: { id: string; title: string }[] }>('clips/list', { dossierId })).rows.find((r) => r.title === 'Knippen met de app dicht')!;
    await request('clip/update', { dossierId, clipId: clip.id, title: 'Na de aanval nog gelijk' });
    await expect.poll(() => appTitles(opened), { timeout: 5_000 }).toContain('Na de aanval nog gelijk');
    await opened.close();
    await hostile.close();
  });

  it('says “verbinden…” and never “Geen extensie gevonden” while the extension wakes up slowly', async () => {
    // A slow worker start: the background answers new app tabs only after several seconds.
    await worker.evaluate(() => (globalThis as any).knipsel.holdBridge(6_000));
    const page = await session.context.newPage();
    // Every state the status line shows, from the first paint on.
    await page.addInitScript(() => {
      const seen: (string | null)[] = [];
      (window as unknown as { seenStates: (string | null)[] }).seenStates = seen;
      new MutationObserver(() => {
        const state = document.querySelector('[data-testid="extension-status"]')?.getAttribute('data-state') ?? null;
        if (state !== seen.at(-1)) seen.push(state);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${app.url}/`);
    const status = page.getByTestId('extension-status');
    await status.and(page.locator('[data-state="connecting"]')).waitFor({ timeout: 10_000 });
    expect(await status.innerText()).toBe('Verbinden met de extensie…');
    await page.screenshot({ path: join(shots, 'app-connecting-desktop.png') });
    await status.and(page.locator('[data-state="connected"]')).waitFor({ timeout: 30_000 });
    const seen = await page.evaluate(() => (window as unknown as { seenStates: (string | null)[] }).seenStates);
    expect(seen).not.toContain('absent');
    expect(seen.filter((state) => state !== null)).toEqual(['connecting', 'connected']);
    await page.close();
  });

  it('gives the app on the loopback twin address nothing until it is paired there itself', async () => {
    const before = await request('dossiers/list', {});
    const twinUrl = app.url.replace('127.0.0.1', 'localhost');
    const twin = await session.context.newPage();
    await twin.setViewportSize({ width: 1280, height: 800 });
    await twin.goto(`${twinUrl}/`);
    // Reachable (the extension answers there) but not paired: no dossier of the extension arrives.
    await twin.getByTestId('extension-status').and(twin.locator('[data-state="unpaired"]')).waitFor({ timeout: 20_000 });
    await twin.waitForURL(/#\/d\/[^/]+\/list/);
    expect(decodeURIComponent(/#\/d\/([^/]+)\//.exec(twin.url())![1])).not.toBe(dossierId);
    await twin.goto(`${twinUrl}/#/`);
    await twin.getByRole('heading', { level: 1, name: 'Je dossiers' }).waitFor();
    expect(await twin.locator('.dossiers h2').allInnerTexts()).toEqual(['Mijn leerdossier']);
    expect(await request('dossiers/list', {})).toEqual(before);
    await twin.close();
  });

  it('asks in the popup before following several dossiers deleted in the app at once, and keeps them when told so', async () => {
    const page = await openApp('#/');
    const create = async (name: string) => {
      await page.goto(`${app.url}/#/`);
      await page.getByLabel('Naam van het dossier').fill(name);
      await page.getByRole('button', { name: 'Dossier maken' }).click();
      await page.waitForURL(/\/list$/); // the new dossier opens
    };
    await create('Wijkteam Noord');
    await create('Wijkteam Zuid');
    const extNames = async () => (await request<{ dossiers: { name: string }[] }>('dossiers/list', {})).dossiers.map((d) => d.name).sort();
    await expect.poll(extNames, { timeout: 10_000 }).toEqual(expect.arrayContaining(['Wijkteam Noord', 'Wijkteam Zuid']));
    for (const other of session.context.pages()) if (other.url().startsWith(app.url)) await other.close();
    appPage = null;

    // Both deleted in the app while the extension is not (yet) answering; then it answers.
    await worker.evaluate(() => (globalThis as any).knipsel.holdBridge(120_000));
    const deleting = await session.context.newPage();
    await deleting.setViewportSize({ width: 1280, height: 800 });
    await deleting.goto(`${app.url}/#/`);
    for (const name of ['Wijkteam Noord', 'Wijkteam Zuid']) {
      await deleting.getByRole('button', { name: new RegExp(`Verwijderen.*${name}`) }).click();
      await deleting.getByRole('dialog', { name: 'Dossier verwijderen?' }).getByRole('button', { name: 'Ja, verwijder dossier' }).click();
      await deleting.getByRole('heading', { level: 2, name }).waitFor({ state: 'detached' });
    }
    await worker.evaluate(() => (globalThis as any).knipsel.holdBridge(0));
    await deleting.getByTestId('extension-status').and(deleting.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });

    const popup = await session.openExtensionPage(`popup.html?tabId=${await tabIdOf(deleting.url())}`);
    await popup.setViewportSize({ width: 380, height: 600 });
    const held = popup.getByTestId('held-deletions');
    await held.waitFor({ timeout: 10_000 });
    expect(await held.locator('li').allInnerTexts()).toEqual(['Wijkteam Noord', 'Wijkteam Zuid']);
    expect(await held.getByRole('heading').innerText()).toBe('De app heeft 2 dossiers verwijderd');
    expect(await extNames()).toEqual(expect.arrayContaining(['Wijkteam Noord', 'Wijkteam Zuid']));
    await popup.screenshot({ path: join(shots, 'popup-held-deletions.png') });
    await held.getByRole('button', { name: 'Hier bewaren' }).click();
    await held.waitFor({ state: 'detached' });
    expect(await extNames()).toEqual(expect.arrayContaining(['Wijkteam Noord', 'Wijkteam Zuid']));
    // The app does not get them back, and a new session does not ask again.
    await deleting.reload();
    await deleting.getByTestId('extension-status').and(deleting.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
    await deleting.goto(`${app.url}/#/`);
    await deleting.getByRole('heading', { level: 1, name: 'Je dossiers' }).waitFor();
    expect(await deleting.locator('.dossiers h2').allInnerTexts()).toEqual(['Mijn leerdossier']);
    await popup.reload();
    await popup.getByTestId('bridge-status').waitFor();
    expect(await popup.getByTestId('held-deletions').count()).toBe(0);
    await popup.close();
    appPage = deleting;
  });

  it('unpairs from the app and from the extension; pairs again in the options', async () => {
    const page = appPage!;
    await page.goto(`${app.url}/#/d/${encodeURIComponent(dossierId)}/list`);
    const status = page.getByTestId('extension-status');
    await status.and(page.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
    await status.locator('summary').click();
    await status.getByRole('button', { name: 'Ontkoppelen' }).click();
    await status.and(page.locator('[data-state="unpaired"]')).waitFor({ timeout: 10_000 });
    const options = await session.openExtensionPage('options.html');
    await options.getByTestId('no-pairs').waitFor();

    // Pair again, confirmed in the options this time.
    const { confirmedIn } = await pairExtension(session, page, 'options');
    await confirmedIn.getByTestId('pair').waitFor();
    expect(await confirmedIn.getByTestId('pair').innerText()).toContain(`Gekoppeld met ${app.url}`);
    await confirmedIn.screenshot({ path: join(shots, 'options-paired.png'), fullPage: true });
    await confirmedIn.close();

    // Unpair in the options: the open app hears it and offers pairing again.
    await options.reload();
    await options.getByTestId('pair').getByRole('button', { name: 'Ontkoppelen' }).click();
    await options.getByTestId('no-pairs').waitFor();
    await status.and(page.locator('[data-state="unpaired"]')).waitFor({ timeout: 10_000 });
    await options.close();
    await pairExtension(session, page, 'popup').then(({ confirmedIn: popup }) => popup.close());
  });

  it('tells the user in the popup when the app speaks another protocol version', async () => {
    const page = await openApp();
    // As a newer app would: hello with protocol version 3.
    const reply = await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          addEventListener('message', (e) => {
            if (e.data?.tag === 'knipsel-bridge' && e.data.from === 'extension' && e.data.frame?.t === 'mismatch') resolve(e.data.frame);
          });
          postMessage({ tag: 'knipsel-bridge', from: 'app', frame: { t: 'hello', v: 3, nonce: 'n'.repeat(24), role: 'app', pair: null } }, location.origin);
        }),
    );
    expect(reply).toEqual({ t: 'mismatch', v: 2, peerVersion: 3, role: 'extension' });
    const popup = await session.openExtensionPage(`popup.html?tabId=${await tabIdOf(page.url())}`);
    await popup.setViewportSize({ width: 380, height: 600 });
    const status = popup.getByTestId('bridge-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('mismatch');
    expect(await status.innerText()).toBe(
      'De Knipsel-app gebruikt een andere versie van de koppeling (app 3, extensie 2). Werk de extensie en de app bij; tot dan synchroniseren ze niet.',
    );
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).waitFor();
    await popup.screenshot({ path: join(shots, 'popup-mismatch.png') });
    await popup.close();
    // The extension's answer to that hello says nothing about this app's own (matching) session.
    expect(await page.getByTestId('extension-status').getAttribute('data-state')).toBe('connected');
    await page.close();
  });

  it('stops bridging an app whose address is removed from the settings', async () => {
    const page = await openApp();
    await worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...settings, appUrls: ['http://127.0.0.1:1/'] } });
    });
    await expect.poll(() => page.getByTestId('extension-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('absent');
    const matches: string[] = await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts({ ids: ['knipsel-bridge'] }))[0]?.matches ?? []);
    expect(matches.sort()).toEqual(['http://127.0.0.1:1/*', 'http://localhost:1/*']);
    await page.reload();
    await expect.poll(() => page.getByTestId('extension-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('absent');
    await page.close();
  });

  it('shows how to get the extension when none answers', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
      await page.goto(`${app.url}/`);
      const status = page.getByTestId('extension-status');
      await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('absent');
      await status.locator('summary').click();
      expect(await status.innerText()).toContain('Installeer de Knipsel-extensie');
      expect(await status.innerText()).toContain(app.url);
      await page.screenshot({ path: join(shots, 'app-no-extension-desktop.png') });
      await page.setViewportSize({ width: 390, height: 800 });
      expect(await status.isVisible()).toBe(false); // phones rarely run extensions: no nagging there
      await page.setViewportSize({ width: 1280, height: 800 });

      // An extension that speaks protocol 3 answers this app's hello (simulated on the page's own origin).
      await page.evaluate(() =>
        postMessage({ tag: 'knipsel-bridge', from: 'extension', frame: { t: 'mismatch', v: 3, peerVersion: 2, role: 'extension' } }, location.origin),
      );
      await expect.poll(() => status.getAttribute('data-state')).toBe('mismatch');
      expect(await status.innerText()).toContain('De extensie gebruikt versie 3 van de koppeling, deze app versie 2.');
      await page.screenshot({ path: join(shots, 'app-mismatch-desktop.png') });
      await page.setViewportSize({ width: 390, height: 800 });
      await page.screenshot({ path: join(shots, 'app-mismatch-phone.png') });
    } finally {
      await browser.close();
    }
  });
});
