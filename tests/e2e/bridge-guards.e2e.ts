// The extension ↔ web app bridge keeping others out: a page on another origin that posts every
// bridge frame it can gets nothing and changes nothing, another protocol version is named in
// the popup and the app, an address removed from the settings is no longer bridged, and the
// app without an extension says how to get one. Setup in tests/support/extension-app-suite.ts.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { extensionAppSuite } from '../support/extension-app-suite.js';
import { plainArticle } from './extension-pages.js';

// Extension APIs inside worker/page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

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

const shots = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/bridge';
const s = extensionAppSuite(shots, {
  '/dicht.html': () => plainArticle('Knippen met de app dicht'),
  '/vijandig.html': () => hostilePage,
});
const { request, openApp, popupFor, clipWithPopup } = s;
let dossierId = '';
const appTitles = (page: Page) => page.locator('.clips h2').allInnerTexts();
const extTitles = async () => (await request<{ rows: { title: string }[] }>('clips/list', { dossierId })).rows.map((r) => r.title).sort();

beforeAll(async () => {
  let page: Page;
  ({ page, dossierId } = await s.pairWithApp());
  await page.close();
  await clipWithPopup('/dicht.html').then(({ popup }) => popup.close());
});

describe('extension ↔ web app bridge: guards', () => {
  it('gives a page on another origin nothing, whatever it posts, and lets it change nothing', async () => {
    // The dossier record's clip count follows edits a moment later (after the projection
    // rows): take "before" once it has caught up with the trash change of the last test.
    type Listed = { dossiers: { id: string; clipCount: number }[] };
    await expect
      .poll(async () => ((await request<Listed>('dossiers/list', {})).dossiers.find((d) => d.id === dossierId)?.clipCount ?? -1) === (await extTitles()).length)
      .toBe(true);
    const before = { titles: await extTitles(), dossiers: await request('dossiers/list', {}) };
    const hostile = await s.session.context.newPage();
    await hostile.goto(`${s.fixtureBase}/vijandig.html`);
    // It posts to itself (as if it were the app)…
    await hostile.evaluate(attackScript, [dossierId, 'self'] as [string, 'self']);
    // …and into a window of the real app it opened itself.
    const [opened] = await Promise.all([
      s.session.context.waitForEvent('page'),
      hostile.evaluate((url) => {
        document.getElementById('open')!.onclick = () => ((window as unknown as { opened: Window | null }).opened = window.open(url));
        document.getElementById('open')!.click();
      }, `${s.app.url}/`),
    ]);
    await opened.getByTestId('extension-status').and(opened.locator('[data-state="connected"]')).waitFor({ timeout: 15_000 });
    await hostile.evaluate(attackScript, [dossierId, 'opened'] as [string, 'opened']);

    // Control: the same script run on the app's own origin is heard by the extension — and,
    // holding no pair key, is told "not paired" and gets nothing more.
    const control = await openApp();
    const nonce = await control.evaluate(attackScript, [dossierId, 'self'] as [string, 'self']);
    const answers = () =>
      control.evaluate(() =>
        (window as any).received
          .map((r: string) => JSON.parse(r))
          .filter((m: any) => m.from === 'extension' && !(window as any).posted.includes(JSON.stringify(m)))
          .map((m: any) => m.frame),
      );
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
    const popup = await popupFor(page.url());
    const status = popup.getByTestId('bridge-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('mismatch');
    expect(await status.innerText()).toBe(
      'De Knipsel-app gebruikt een andere versie van de koppeling (app 3, extensie 2). Werk de extensie en de app bij; tot dan synchroniseren ze niet.',
    );
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).waitFor();
    await popup.screenshot({ path: join(shots, 'popup-mismatch.png') });
    await popup.close();
    // The extension's answer to that hello says nothing about this app's own (matching) s.session.
    expect(await page.getByTestId('extension-status').getAttribute('data-state')).toBe('connected');
    await page.close();
  });

  it('stops bridging an app whose address is removed from the settings', async () => {
    const page = await openApp();
    await s.worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...settings, appUrls: ['http://127.0.0.1:1/'] } });
    });
    await expect.poll(() => page.getByTestId('extension-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('absent');
    const matches: string[] = await s.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts({ ids: ['knipsel-bridge'] }))[0]?.matches ?? []);
    expect(matches.sort()).toEqual(['http://127.0.0.1:1/*', 'http://localhost:1/*']);
    await page.reload();
    await expect.poll(() => page.getByTestId('extension-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('absent');
    await page.close();
  });

  it('shows how to get the extension when none answers', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
      await page.goto(`${s.app.url}/`);
      const status = page.getByTestId('extension-status');
      await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('absent');
      await status.locator('summary').click();
      expect(await status.innerText()).toContain('Installeer de Knipsel-extensie');
      expect(await status.innerText()).toContain(s.app.url);
      await page.screenshot({ path: join(shots, 'app-no-extension-desktop.png') });
      await page.setViewportSize({ width: 390, height: 800 });
      expect(await status.isVisible()).toBe(false); // phones rarely run extensions: no nagging there
      await page.setViewportSize({ width: 1280, height: 800 });

      // An extension that speaks protocol 3 answers this app's hello (simulated on the page's own origin).
      await page.evaluate(() => postMessage({ tag: 'knipsel-bridge', from: 'extension', frame: { t: 'mismatch', v: 3, peerVersion: 2, role: 'extension' } }, location.origin));
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
