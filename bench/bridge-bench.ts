// Sync row "extension→app bridge latency" of `npm run bench`.
// One Chromium profile with the built extension (`launchWithExtension`) and the built web app
// served by the real server (`createKnipselServer`) on 127.0.0.1; the extension is pointed at
// the app through its settings and paired with it as a user does (tests/support/pairing.ts),
// as tests/e2e/bridge-*.e2e.ts do, and the app is open on the shared personal dossier. One clip is made with the popup first (it also links the dossiers);
// then each timed clip is saved through the background's `clip/save` handler — what the
// popup's "Bewaren in Knipsel" sends — from an extension page, with the same capture under a new title.
// Timed from just before that request in the extension page to the moment the title is in the
// app's clip list (a MutationObserver in the app page). Both ends read
// performance.timeOrigin + performance.now(): epoch milliseconds comparable across the pages
// of one browser.
// Baseline, same browser, same run: raw Yjs over the cheapest cross-tab channel — the same
// capture set into a plain Y.Doc in one tab, the update posted over a BroadcastChannel, applied
// in a second tab of the same origin and its title shown there (tests/e2e/bench-harness/
// bridge-bench-page.ts). No checks, no storage, no extension hop.
import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { createKnipselServer, type KnipselServer } from '../server/create-server.js';
import { launchWithExtension, pwaDir } from '../tests/support/browser.js';
import { pairExtension } from '../tests/support/pairing.js';
import { buildHarness, serveDir } from './browser-harness.js';
import { largePage } from './clip-bench.js';
import { loadSources } from './corpus/sources.js';
import { summarize, type BenchContext } from './lib.js';
import { extensionDist } from './size-bench.js';
import type { BenchRow } from './table.js';

// Extension APIs inside worker evaluate callbacks (run in the browser, not in Node).
declare const chrome: {
  storage: { local: { set(items: object): Promise<void> } };
  scripting: { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> };
  tabs: { query(q: object): Promise<Array<{ url?: string; id?: number; status?: string }>> };
};

const baselineName = 'raw Yjs: same capture, update over a BroadcastChannel to another tab, applied and shown';

/**
 * Resolves (in the page, as `window.__bridgeBenchSeen`) with the epoch time an <h2> with the title is in the
 * document; the same observer in the app page and the baseline's receiver. Installed as a string: tsx would wrap inner functions.
 */
const installSeen = (title: string, timeoutMs: number) => `(() => {
  const title = ${JSON.stringify(title)};
  const epoch = () => performance.timeOrigin + performance.now();
  const found = () => [...document.querySelectorAll('h2')].some((h) => h.textContent.trim() === title);
  window.__bridgeBenchSeen = new Promise((resolve, reject) => {
    if (found()) return resolve(epoch());
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('"' + title + '" not shown within ${timeoutMs} ms')); }, ${timeoutMs});
    const observer = new MutationObserver(() => {
      if (!found()) return;
      const at = epoch();
      observer.disconnect();
      clearTimeout(timer);
      resolve(at);
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  return true;
})()`;

export async function runBridgeBench(ctx: BenchContext): Promise<BenchRow[]> {
  if (!existsSync(join(extensionDist, 'manifest.json')) || !existsSync(join(pwaDir, 'index.html'))) {
    ctx.note(`sync (bridge): not measured — ${extensionDist} or ${pwaDir} is not built (\`--build\`).`);
    return [];
  }
  const clips = ctx.quick ? 20 : 40;
  const warmup = 3;
  const sources = loadSources();
  const article = largePage(sources, 'Bewoners aan zet in Overvecht', 60_000);
  const site: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(article);
  });
  await new Promise<void>((ok) => site.listen(0, '127.0.0.1', ok));
  const articleUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/praktijk/bewoners-aan-zet.html`;
  let app: KnipselServer | null = null;
  let plain: { url: string; close(): Promise<void> } | null = null;
  let harness = '';
  const session = await launchWithExtension();
  try {
    app = await createKnipselServer({ dir: pwaDir, port: 0, host: '127.0.0.1' });
    ctx.log('sync (bridge): building the baseline page (vite)…');
    harness = await buildHarness(['bridge-bench.html']);
    plain = await serveDir(harness);

    // Point the extension at the app, as the options page does, and wait for the bridge script.
    const worker: Worker = session.context.serviceWorkers()[0];
    await worker.evaluate(async (url) => {
      await chrome.storage.local.set({ settings: { appUrls: [url], language: 'nl', defaultDossierId: null, defaultThemes: [], highlights: false } });
    }, `${app.url}/`);
    const appHost = new URL(app.url).host;
    for (let i = 0; ; i++) {
      const matches = await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []));
      if (matches.includes(`http://${appHost}/*`)) break;
      if (i > 200) throw new Error('the bridge content script was not registered for the app');
      await new Promise((r) => setTimeout(r, 50));
    }

    // One clip with the popup, before the app is opened (its dossier links with the app's).
    const tab = await session.context.newPage();
    await tab.goto(articleUrl);
    let tabId: number | undefined;
    for (let i = 0; i < 300; i++) {
      const found = (await worker.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url), articleUrl)) ?? null;
      tabId = found?.id;
      if (found?.status === 'complete') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (tabId === undefined) throw new Error('no tab for the article page');
    const popup: Page = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByTestId('preview-title').waitFor({ timeout: 60_000 });
    await popup.locator('button.save:not([disabled])').waitFor({ timeout: 30_000 });
    await popup.locator('button.save').click();
    await popup.getByTestId('saved').waitFor({ timeout: 30_000 });
    await popup.close();
    await tab.close();

    const appPage = await session.context.newPage();
    await appPage.setViewportSize({ width: 1280, height: 800 });
    await appPage.goto(`${app.url}/`);
    await (await pairExtension(session, appPage)).confirmedIn.close();
    await appPage.getByTestId('extension-status').and(appPage.locator('[data-state="connected"]')).waitFor({ timeout: 30_000 });
    await appPage.waitForURL(/#\/d\/[^/]+\/list/, { timeout: 30_000 });
    const dossierId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(appPage.url())![1]);
    const extPage = await session.openExtensionPage('options.html');
    const send = (type: string, input: unknown) =>
      extPage.evaluate(`chrome.runtime.sendMessage({ knipsel: 1, type: ${JSON.stringify(type)}, input: ${JSON.stringify(input)} })`) as Promise<{ ok: boolean; value: any }>;
    // Wait until the extension's default dossier is the app's (the link is done).
    for (let i = 0; ; i++) {
      const reply = await send('dossiers/list', {});
      if (reply.ok && reply.value.defaultId === dossierId) break;
      if (i > 200) throw new Error(`the extension's dossier did not link with the app's (${JSON.stringify(reply)})`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const list = await send('clips/list', { dossierId, limit: 1 });
    const first = list.value.rows[0] as { id: string; title: string };
    const { value: details } = await send('clip/get', { dossierId, clipId: first.id });
    const capture = details.clip.capture as { text: string; html: string };
    await appPage.locator('.clips h2', { hasText: first.title }).first().waitFor({ timeout: 15_000 });

    // Baseline tabs.
    const sender = await session.context.newPage();
    const receiver = await session.context.newPage();
    for (const [page, role] of [
      [receiver, 'receiver'],
      [sender, 'sender'],
    ] as const) {
      await page.goto(`${plain.url}/bridge-bench.html`);
      await page.waitForFunction(() => window.knipselBridgeBenchReady === true);
      await page.evaluate((r) => window.knipselBridgeBench.open(r), role);
    }

    const knipsel: number[] = [];
    const saved: number[] = [];
    const baseline: number[] = [];
    let updateBytes = 0;
    for (let k = 0; k < warmup + clips; k++) {
      const title = `Bruggetje ${k + 1}: bewoners aan zet`;
      await appPage.evaluate(installSeen(title, 15_000));
      const sent = (await extPage.evaluate(`(async () => {
        const at = performance.timeOrigin + performance.now();
        const reply = await chrome.runtime.sendMessage({ knipsel: 1, type: 'clip/save', input: { dossierId: ${JSON.stringify(dossierId)}, capture: ${JSON.stringify(capture)}, title: ${JSON.stringify(title)} } });
        if (!reply || !reply.ok) throw new Error('clip/save failed: ' + JSON.stringify(reply));
        return { at, saved: performance.timeOrigin + performance.now() };
      })()`)) as { at: number; saved: number };
      const seenAt = (await appPage.evaluate('window.__bridgeBenchSeen')) as number;

      const rawTitle = `Kaal ${k + 1}: bewoners aan zet`;
      await receiver.evaluate(installSeen(rawTitle, 15_000));
      await new Promise((r) => setTimeout(r, 20));
      const raw = await sender.evaluate(([c, t]) => window.knipselBridgeBench.send(c, t), [capture as unknown as Record<string, unknown>, rawTitle] as const);
      const rawMs = ((await receiver.evaluate('window.__bridgeBenchSeen')) as number) - raw.at;
      updateBytes = raw.bytes;
      if (k >= warmup) {
        knipsel.push(seenAt - sent.at);
        saved.push(sent.saved - sent.at);
        baseline.push(rawMs);
      }
      ctx.log(
        `sync (bridge): ${k < warmup ? 'warm-up' : `clip ${k - warmup + 1}`} save → shown in the app ${(seenAt - sent.at).toFixed(1)} ms ` +
          `(save answered after ${(sent.saved - sent.at).toFixed(1)} ms; raw Yjs over BroadcastChannel ${rawMs.toFixed(1)} ms)`,
      );
      await new Promise((r) => setTimeout(r, 100));
    }
    // The two ends read different pages' clocks: check they agree (each against Date.now, whole ms).
    const offset = `performance.timeOrigin + performance.now() - Date.now()`;
    const skew: number[] = [];
    for (let i = 0; i < 5; i++) skew.push(Math.abs(((await appPage.evaluate(offset)) as number) - ((await extPage.evaluate(offset)) as number)));
    const k = summarize(knipsel);
    const b = summarize(baseline);
    ctx.note(
      `sync (bridge): ${knipsel.length} clips after ${warmup} warm-up, one profile with the extension and the app open on 127.0.0.1; each timed from the extension page's \`clip/save\` request ` +
        `(what the popup's Bewaren in Knipsel sends) to its title in the app's clip list; capture ${(capture.text.length / 1000).toFixed(0)} k characters of text, ${(capture.html.length / 1000).toFixed(0)} k of HTML ` +
        `(raw Yjs update ${(updateBytes / 1000).toFixed(0)} kB). The background answered the save (after its IndexedDB flush) in ${summarize(saved).median.toFixed(0)} ms median; ` +
        `range of the bridge latency ${k.min.toFixed(0)}–${k.max.toFixed(0)} ms. ` +
        `The clocks of the app page and the extension page agree within ${Math.max(...skew).toFixed(1)} ms (each checked against Date.now, which has whole ms).`,
    );
    return [
      {
        area: 'sync',
        metric: `extension→app bridge latency p50, ms (${knipsel.length} clips)`,
        knipsel: k.median,
        baseline: b.median,
        baselineName,
        target: '',
        met: null,
        digits: 1,
      },
      {
        area: 'sync',
        metric: 'extension→app bridge latency p95, ms',
        knipsel: k.p95,
        baseline: b.p95,
        baselineName,
        target: '≤ 500 ms',
        met: k.p95 <= 500,
        digits: 1,
      },
    ];
  } finally {
    await session.close();
    await app?.close();
    await plain?.close();
    await new Promise<void>((ok) => site.close(() => ok()));
    if (harness) rmSync(harness, { recursive: true, force: true });
  }
}
