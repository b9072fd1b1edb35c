// Two tabs, two replicas: the app open twice in one profile, both editing at once — the
// reflection on the same clip (one at its start, one at its end), themes on that clip, and a
// new clip each. Everything converges in both tabs without a reload, nothing overwrites the
// other tab's work, and it is all still there after both tabs reload.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchWithExtension, loadedTabId } from '../support/browser.js';
import { pairExtension } from '../support/pairing.js';
import { addBookmark, appForFile } from '../support/app.js';

declare const chrome: any;
import { pick, report } from './support/mode.js';

const app = appForFile({ timeout: 10_000 });

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function tagWith(page: Page, theme: string): Promise<void> {
  await page.getByRole('button', { name: 'Thema’s kiezen' }).click();
  const picker = page.getByRole('dialog');
  await picker.getByLabel(theme).check();
  await picker.getByRole('button', { name: 'Sluiten' }).last().click();
}

const note = (page: Page) => page.getByLabel('Je reflectie op dit knipsel');

describe('two tabs of the app', () => {
  it('converge while both edit at once, and keep everything after a reload', { timeout: pick(180_000, 600_000) }, async () => {
    const rounds = pick(1, 3);
    const a = app.context.pages()[0] ?? (await app.context.newPage());
    await a.goto(app.server.url);
    await heading(a, 'Knipsels').waitFor();
    const dossierUrl = a.url().replace(/#.*$/, '') + (await a.evaluate(() => location.hash)).replace(/\/list$/, '');
    await addBookmark(a, 'https://www.movisie.nl/artikel/buurtkracht', 'Gedeeld knipsel');
    const clipUrl = a.url();
    await note(a).fill('Begin.\n\nEinde.');
    await a.getByRole('status').filter({ hasText: 'Automatisch bewaard' }).waitFor();

    const b = await app.context.newPage();
    await b.goto(clipUrl);
    await heading(b, 'Gedeeld knipsel').waitFor();
    await expect.poll(() => note(b).inputValue()).toBe('Begin.\n\nEinde.');

    const themes = [
      ['Eigenaarschap', 'Aansluiten bij de leefwereld'],
      ['Talenten verbinden', 'Bewonersambities coachen'],
      ['Maatschappelijke waarde', 'In en vanuit de community'],
    ];
    const expectedTexts: string[] = [];
    const expectedClips: string[] = [];
    let edits = 0;
    for (let round = 0; round < rounds; round++) {
      const textA = `Tab A ronde ${round}: eerst dit.`;
      const textB = `Tab B ronde ${round}: daarna dat.`;
      expectedTexts.push(textA, textB);
      // Both type into the same reflection at once: A at its start, B at its end.
      await Promise.all([
        (async () => {
          await note(a).focus();
          await note(a).press('Control+Home');
          await note(a).pressSequentially(`${textA}\n`, { delay: 15 });
        })(),
        (async () => {
          await note(b).focus();
          await note(b).press('Control+End');
          await note(b).pressSequentially(`\n${textB}`, { delay: 15 });
        })(),
      ]);
      edits += 2;
      const [themeA, themeB] = themes[round % themes.length];
      await Promise.all([tagWith(a, themeA), tagWith(b, themeB)]);
      edits += 2;
    }
    for (const text of expectedTexts) {
      await expect.poll(() => note(a).inputValue(), { timeout: 10_000 }).toContain(text);
      await expect.poll(() => note(b).inputValue(), { timeout: 10_000 }).toContain(text);
    }
    expect(await note(a).inputValue()).toBe(await note(b).inputValue());
    for (const page of [a, b]) {
      for (let round = 0; round < rounds; round++) {
        for (const theme of themes[round % themes.length]) await expect.poll(() => page.locator('.chips').innerText()).toContain(theme);
      }
    }

    // A new clip in each tab at once.
    await Promise.all([a.goto(`${dossierUrl}/list`), b.goto(`${dossierUrl}/list`)]);
    await Promise.all([heading(a, 'Knipsels').waitFor(), heading(b, 'Knipsels').waitFor()]);
    for (let round = 0; round < rounds; round++) {
      const titles = [`Nieuw uit tab A ${round}`, `Nieuw uit tab B ${round}`];
      expectedClips.push(...titles);
      await Promise.all([addBookmark(a, `https://a.example.nl/${round}`, titles[0]), addBookmark(b, `https://b.example.nl/${round}`, titles[1])]);
      edits += 2;
      await Promise.all([a.goto(`${dossierUrl}/list`), b.goto(`${dossierUrl}/list`)]);
    }
    for (const page of [a, b]) {
      for (const title of [...expectedClips, 'Gedeeld knipsel']) await expect.poll(() => page.locator('.clips h2').allInnerTexts()).toContain(title);
    }

    // Everything is stored: both tabs reload and find it all.
    await Promise.all([a.reload(), b.reload()]);
    for (const page of [a, b]) {
      await heading(page, 'Knipsels').waitFor();
      // The list shows the stored clip rows first and then the loaded dossier; rows of an
      // edit made just before the reload can follow a moment later (they are a cache).
      for (const title of [...expectedClips, 'Gedeeld knipsel']) await expect.poll(() => page.locator('.clips h2').allInnerTexts()).toContain(title);
    }
    await b.goto(clipUrl);
    await heading(b, 'Gedeeld knipsel').waitFor();
    for (const text of [...expectedTexts, 'Begin.', 'Einde.']) await expect.poll(() => note(b).inputValue()).toContain(text);
    report('two-tabs', { tabs: 2, rounds, concurrentEdits: edits, lost: 0, overwritten: 0 });
    await b.close();
  });

  it('converge with the extension too: two app tabs and a clip from the extension at once', { timeout: pick(180_000, 600_000) }, async () => {
    const article = (title: string) =>
      `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title}</title></head><body><main><article><h1>${title}</h1>` +
      '<p>In de wijk begon het met een bankje voor de deur. Buren bleven staan en raakten aan de praat over wat hen bezighield.</p>'.repeat(6) +
      '</article></main></body></html>';
    const pages: Server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article(decodeURIComponent((req.url ?? '/').slice(1).replace(/\.html$/, ''))));
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    const pagesBase = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    const session = await launchWithExtension();
    try {
      const worker = session.context.serviceWorkers()[0];
      await worker.evaluate(async (url) => {
        await chrome.storage.local.set({ settings: { appUrls: [url], language: 'nl', defaultDossierId: null, defaultThemes: [], highlights: false } });
      }, `${app.server.url}/`);
      const appHost = new URL(app.server.url).host;
      await expect
        .poll(() => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s: { matches?: string[] }) => s.matches ?? [])), {
          timeout: 15_000,
        })
        .toContain(`http://${appHost}/*`);
      const openApp = async (pair = false) => {
        const page = await session.context.newPage();
        await page.goto(app.server.url);
        if (pair) await pairExtension(session, page).then(({ confirmedIn }) => confirmedIn.close());
        await page.getByTestId('extension-status').and(page.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
        await page.waitForURL(/#\/d\/[^/]+\/list/);
        return page;
      };
      // The first tab pairs the extension as a user does; the second tab shares the pairing.
      const a = await openApp(true);
      const dossierId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(a.url())![1]);
      const b = await openApp();
      const options = await session.openExtensionPage('options.html');
      const extTitles = async () => {
        const reply = await options.evaluate((id) => chrome.runtime.sendMessage({ knipsel: 1, type: 'clips/list', input: { dossierId: id, limit: 500 } }), dossierId);
        return ((reply?.value?.rows ?? []) as { title: string }[]).map((r) => r.title);
      };
      const rounds = pick(1, 3);
      const expected: string[] = [];
      for (let round = 0; round < rounds; round++) {
        const fromA = `App-tab A ${round}`;
        const fromB = `App-tab B ${round}`;
        const fromExt = `Extensie ${round}`;
        expected.push(fromA, fromB, fromExt);
        const tab = await session.context.newPage();
        await tab.goto(`${pagesBase}/${encodeURIComponent(fromExt)}.html`);
        const tabId = await loadedTabId(worker, tab.url());
        const [, , clipped] = await Promise.all([
          addBookmark(a, `https://a.example.nl/${round}`, fromA),
          addBookmark(b, `https://b.example.nl/${round}`, fromB),
          worker.evaluate(([id]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-pagina' }, { id }), [tabId]),
        ]);
        expect(clipped).toMatchObject({ status: 'saved' });
        await tab.close();
        await Promise.all([a.goto(`${app.server.url}/#/d/${encodeURIComponent(dossierId)}/list`), b.goto(`${app.server.url}/#/d/${encodeURIComponent(dossierId)}/list`)]);
      }
      for (const page of [a, b]) await expect.poll(() => page.locator('.clips h2').allInnerTexts(), { timeout: 15_000 }).toEqual(expect.arrayContaining(expected));
      await expect.poll(extTitles, { timeout: 15_000 }).toEqual(expect.arrayContaining(expected));
      await Promise.all([a.reload(), b.reload()]);
      for (const page of [a, b]) await expect.poll(() => page.locator('.clips h2').allInnerTexts(), { timeout: 15_000 }).toEqual(expect.arrayContaining(expected));
      report('two-tabs+extension', { appTabs: 2, extension: 1, rounds, clipsAtOnce: expected.length, lost: 0 });
    } finally {
      await session.close();
      pages.close();
    }
  });
});
