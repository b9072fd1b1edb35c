// A clip's body along the whole chain, in the BUILT app and extension: the extension clips a
// page; the app (paired, in the extension's profile: A) reads the body that came over the
// bridge; A shares a copy of the dossier and B (another profile) joins through the real
// signalling server on 127.0.0.1 and reads the body, which came from A as a peer (the doc no
// longer holds it); B registers the dossier with a relay on 127.0.0.1 and makes a read-only
// link; C (a third profile, no peers) opens it and reads the body, which came from the relay.
// Each reads it in the reader. Run after `npm run build`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../support/browser.js';
import { configureAppUrls, pairExtension } from '../support/pairing.js';
import { relaySuite, screenshotsIn, sharingSuite } from './share-support.js';

declare const chrome: any;

const shot = screenshotsIn(process.env.KNIPSEL_SHOTS ? `${process.env.KNIPSEL_SHOTS}/bodies-chain` : '/tmp/knipsel-shots/bodies-chain');
const suite = sharingSuite();
const relays = relaySuite();

const title = 'Buurtkracht in Overvecht';
/** A sentence only the body holds (past the excerpt the doc keeps). */
const deep = 'De bewonerscommissie besloot de sleutel van het buurthuis bij de bakker te leggen.';
const filler = 'Bewoners van Overvecht organiseren samen activiteiten voor jong en oud in de wijk. ';

let fixtures: Server;
let pageUrl = '';
let session: ExtensionSession;
let worker: Worker;
let extPage: Page;
let appPage: Page;

async function request<T = any>(type: string, input: unknown): Promise<T> {
  const reply = await extPage.evaluate(([t, i]) => chrome.runtime.sendMessage({ knipsel: 1, type: t, input: i }), [type, input] as const);
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

/** Open a clip in the reader and wait until it shows the body's deep sentence. */
async function readsBody(page: Page, base: string, dossierId: string, clipId: string): Promise<void> {
  await page.goto(`${base}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(clipId)}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 30_000 });
  await expect
    .poll(
      () =>
        page
          .getByTestId('clip-html')
          .innerText()
          .catch(() => ''),
      { timeout: 45_000 },
    )
    .toContain(deep);
}

beforeAll(async () => {
  fixtures = createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] !== '/buurtkracht.html') return res.writeHead(404).end();
    const paragraphs = Array.from({ length: 8 }, () => `<p>${filler.repeat(4)}</p>`).join('\n');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title}</title>
<meta name="author" content="Samira Bakker"></head><body><main><article><h1>${title}</h1>
${paragraphs}
<p>${deep}</p></article></main></body></html>`);
  });
  await new Promise<void>((resolve) => fixtures.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(fixtures.address() as AddressInfo).port}/buurtkracht.html`;

  session = await launchWithExtension();
  session.context.setDefaultTimeout(15_000);
  worker = session.context.serviceWorkers()[0];
  await configureAppUrls(worker, [`${suite.url}/`]);
  extPage = await session.openExtensionPage('options.html');
  appPage = await session.context.newPage();
  await appPage.setViewportSize({ width: 1280, height: 860 });
  await appPage.goto(suite.url);
  await pairExtension(session, appPage);
}, 120_000);

afterAll(async () => {
  await session?.close();
  fixtures?.close();
});

describe('a body along the chain', () => {
  test('extension → app (bridge) → peer (signalling) → relay member, each reading it', { timeout: 240_000 }, async () => {
    // ---- The extension clips the page ----
    const tab = await session.context.newPage();
    await tab.goto(pageUrl);
    const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id, pageUrl);
    const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
    await popup.getByTestId('saved').waitFor({ timeout: 30_000 });
    await popup.close();
    await tab.close();
    let dossierId = (await request<{ defaultId: string }>('dossiers/list', {})).defaultId;
    const rows = (await request<{ rows: { id: string; title: string }[] }>('clips/list', { dossierId })).rows;
    const clipId = rows.find((r) => r.title.startsWith(title))!.id;

    // ---- A (the app, paired) reads the body that came over the bridge ----
    await appPage.goto(`${suite.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(clipId)}`);
    await appPage.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 30_000 });
    dossierId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(appPage.url())![1]);
    await readsBody(appPage, suite.url, dossierId, clipId);

    // ---- A shares a copy (the personal dossier is shared as a copy); peers on this machine only ----
    await appPage.goto(`${suite.url}/#/settings`);
    await appPage.getByLabel('STUN-servers').fill('');
    await appPage.getByRole('button', { name: 'Instellingen bewaren' }).click();
    await appPage.getByText('Instellingen bewaard').first().waitFor();
    await appPage.goto(`${suite.url}/#/d/${encodeURIComponent(dossierId)}/share`);
    await appPage.getByLabel('Je naam').fill('Anouk');
    await appPage.getByRole('radio', { name: /Een kopie/ }).check();
    await appPage.getByRole('button', { name: 'Uitnodigingslink maken' }).click();
    const linkInput = appPage.getByRole('textbox', { name: 'Uitnodigingslink' });
    await expect.poll(() => linkInput.inputValue()).toContain('#/join/');
    const invite = await linkInput.inputValue();
    const sharedId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(appPage.url())![1]);
    expect(sharedId).not.toBe(dossierId);
    // The shared copy keeps the body in the body store, not in the doc.
    await readsBody(appPage, suite.url, sharedId, clipId);

    // ---- B joins through the real signalling server and reads the body from A ----
    const b = await suite.openApp('B');
    await b.page.goto(invite.replace(/^https?:\/\/[^/]+/, suite.url));
    await b.page.locator('[data-join-state="arrived"]').waitFor({ timeout: 45_000 });
    await b.page.getByLabel('Je naam').fill('Bram');
    await b.page.getByRole('button', { name: 'Deelnemen' }).click();
    await b.page.waitForURL(new RegExp(`#/d/${sharedId}/list$`));
    await readsBody(b.page, suite.url, sharedId, clipId);

    // ---- B registers the dossier with the relay; C, a read-only member, reads the body from it ----
    await b.page.goto(`${suite.url}/#/d/${sharedId}/share`);
    const panel = b.page.locator('[data-relay-panel]');
    await panel.getByLabel('Adres van de relay-server').fill(relays.relay.wsUrl);
    await panel.getByRole('button', { name: 'Registreren als eigenaar' }).click();
    await panel.locator('[data-relay-status="connected"]').waitFor({ timeout: 30_000 });
    await panel.getByLabel('Voor wie? (optioneel)').fill('Assessor');
    await panel.getByRole('button', { name: 'Alleen-lezen link voor een assessor' }).click();
    const readLink = await panel.locator('[data-relay-link="read-only"]').inputValue();
    // B kept the body it got from A, and uploaded it (the relay checked it against its hash).
    const hashes = await bodyHashesOf(b.page);
    expect(hashes.length).toBeGreaterThan(0);
    await expect.poll(async () => (await relays.relay.store.getBodies(sharedId, hashes)).size, { timeout: 30_000 }).toBeGreaterThan(0);
    // The shared doc names the clip but holds no body: B and C can only have it from a transport.
    const state = Buffer.from((await relays.relay.store.loadState(sharedId))!).toString('utf8');
    expect(state).toContain(title);
    expect(state).not.toContain(deep);

    const c = await suite.openPage('C', `/${new URL(readLink).hash}`);
    await c.page.waitForURL(new RegExp(`#/d/${sharedId}/portfolio$`), { timeout: 30_000 });
    await c.page.locator('[data-read-only]').waitFor();
    await readsBody(c.page, suite.url, sharedId, clipId);
    await shot(c.page, 'reader-relay-member');
  });
});

/** The body hashes in the app's file store (IndexedDB `knipsel-files`). */
function bodyHashesOf(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const opened = indexedDB.open('knipsel-files');
        opened.onerror = () => reject(opened.error);
        opened.onsuccess = () => {
          const all = opened.result.transaction('files').objectStore('files').getAll();
          all.onsuccess = () => {
            opened.result.close();
            resolve((all.result as { hash: string; type: string }[]).filter((e) => e.type === 'application/vnd.knipsel.body+json').map((e) => e.hash));
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}
