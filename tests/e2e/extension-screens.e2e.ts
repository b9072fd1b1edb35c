// Screenshots of the popup (380×600) and side panel (400×800) in Dutch and English, for
// people to look at: /tmp/knipsel-shots/extension/ (or KNIPSEL_SHOTS). Not a pixel comparison.
// Also: a situation from one's own work written in the side panel is saved as own practice.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../support/browser';
import { serveSite } from '../support/site.js';

// Extension APIs inside worker/page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

const shots = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/extension';
const page = (title: string) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title} | Movisie</title>
<meta property="og:site_name" content="Movisie"><meta name="author" content="Jan de Vries"></head><body><article><h1>${title}</h1>
${Array.from({ length: 6 }, (_, i) => `<p>Alinea ${i + 1}: in de wijk werken bewoners en professionals samen aan een buurthuis dat van iedereen is. De opbouwwerker sluit aan bij wat bewoners zelf willen en verbindt hun talenten, zodat eigenaarschap ontstaat en het sociaal domein verandert.</p>`).join('')}
</article></body></html>`;

let server: Server;
let base = '';
let session: ExtensionSession;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const artikel = () => page('Eigenaarschap bij bewoners: zo werkt het in de Schilderswijk');
  const tweede = () => page('Samen een buurthuis runnen: lessen uit Zwolle');
  ({ server, base } = await serveSite(() => ({ '/nl/artikel': artikel, '/en/artikel': artikel, '/nl/tweede': tweede, '/en/tweede': tweede })));
  session = await launchWithExtension();
});
afterAll(async () => {
  await session?.close();
  server?.close();
});

describe.each(['nl', 'en'] as const)('screenshots (%s)', (lang) => {
  it('popup and side panel', async () => {
    const worker = session.context.serviceWorkers()[0];
    await worker.evaluate(async (language) => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({
        settings: { appUrls: ['http://127.0.0.1:8787/'], defaultDossierId: null, defaultThemes: [], highlights: false, ...(settings ?? {}), language },
      });
    }, lang);
    const tab = await session.context.newPage();
    await tab.goto(`${base}/${lang}/artikel`);
    const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({})).find((t: { url?: string; id?: number }) => t.url === url)?.id, `${base}/${lang}/artikel`);
    const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.setViewportSize({ width: 380, height: 600 });
    await expect.poll(() => popup.getByTestId('preview-title').isVisible(), { timeout: 20_000 }).toBe(true);
    const input = popup.locator('#themes-input');
    await input.fill('eigen');
    await input.press('Enter');
    await input.fill('verbind');
    await input.press('Enter');
    // The picker in use: found by number, its full wording below the list.
    await input.fill(lang === 'nl' ? 'regel 7' : 'rule 7');
    await expect.poll(() => popup.getByTestId('theme-wording').isVisible()).toBe(true);
    await popup.screenshot({ path: `${shots}/popup-picker-${lang}.png` });
    await input.fill('houding');
    await popup.screenshot({ path: `${shots}/popup-picker-groups-${lang}.png` });
    await input.fill('');
    await popup.locator('textarea').fill(lang === 'nl' ? 'Eigenaarschap groeit als je een stap terug doet.' : 'Ownership grows when you step back.');
    await popup.screenshot({ path: `${shots}/popup-${lang}.png` });
    await popup.locator('textarea').press('Control+Enter');
    await expect.poll(() => popup.getByTestId('saved').isVisible()).toBe(true);
    await popup.screenshot({ path: `${shots}/popup-saved-${lang}.png` });
    await popup.close();

    const second = await session.context.newPage();
    await second.goto(`${base}/${lang}/tweede`);
    const secondId = await worker.evaluate(async (url) => (await chrome.tabs.query({})).find((t: { url?: string; id?: number }) => t.url === url)?.id, `${base}/${lang}/tweede`);
    await worker.evaluate((id) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-pagina' }, { id }), secondId);

    const panel = await session.openExtensionPage('sidepanel.html');
    await panel.setViewportSize({ width: 400, height: 800 });
    await expect.poll(() => panel.getByTestId('clip-row').count()).toBeGreaterThan(0);
    await panel.screenshot({ path: `${shots}/sidepanel-${lang}.png` });
    await panel.getByTestId('clip-row').last().click();
    await expect.poll(() => panel.getByTestId('clip-title').isVisible()).toBe(true);
    await panel.screenshot({ path: `${shots}/sidepanel-clip-${lang}.png` });

    const restricted = await session.openExtensionPage('popup.html?tabId=999999');
    await restricted.setViewportSize({ width: 380, height: 600 });
    await expect.poll(() => restricted.getByTestId('restricted').isVisible()).toBe(true);
    await restricted.screenshot({ path: `${shots}/popup-restricted-${lang}.png` });
    const options = await session.openExtensionPage('options.html');
    await options.setViewportSize({ width: 800, height: 900 });
    await options.waitForTimeout(500);
    await options.screenshot({ path: `${shots}/options-${lang}.png` });
    await Promise.all([panel.close(), restricted.close(), options.close(), tab.close(), second.close()]);
  });
});

describe('own practice written in the side panel', () => {
  it('is saved as eigen praktijk with its card and a suggested theme, without names of clients', async () => {
    const worker = session.context.serviceWorkers()[0];
    await worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings ?? {}), language: 'nl' } });
    });
    const panel = await session.openExtensionPage('sidepanel.html');
    await panel.setViewportSize({ width: 400, height: 800 });
    await panel.getByRole('button', { name: '+ Eigen praktijk schrijven' }).click();
    const form = panel.getByTestId('own-practice');
    await form.getByRole('button', { name: 'Bewaren in Knipsel' }).click();
    await form.getByRole('alert').getByText('Geef de situatie een titel.').waitFor();
    await form.getByLabel('Titel').fill('Bewonersavond over de speeltuin');
    expect(await form.getByRole('alert').count()).toBe(0);
    await form.getByLabel('Plaats').fill('Buurthuis De Kern');
    await form.getByLabel('Wie waren erbij?').fill('twaalf bewoners, een collega van het wijkteam');
    await form.getByText('Noem geen namen van cliënten of bewoners').waitFor();
    await form.getByLabel('Wat gebeurde er?').fill('Het plan voor de speeltuin is bedacht door bewoners zelf; zij blijven eigenaar van het probleem en de oplossing.');
    // The wording of Eigenaarschap matches what happened: suggested, accepted with one click.
    await form.getByRole('button', { name: 'Voeg thema Eigenaarschap toe' }).click();
    await form.locator('.chip', { hasText: 'Eigenaarschap' }).waitFor();
    await panel.screenshot({ path: `${shots}/sidepanel-own-practice-nl.png` });
    await form.getByRole('button', { name: 'Bewaren in Knipsel' }).click();
    await form.getByTestId('own-saved').waitFor();
    await panel.screenshot({ path: `${shots}/sidepanel-own-practice-saved-nl.png` });

    const send = (type: string, input: unknown) => panel.evaluate(([t, i]) => chrome.runtime.sendMessage({ knipsel: 1, type: t, input: i }), [type, input] as const);
    const { value: list } = await send('dossiers/list', {});
    const { value: found } = await send('clips/list', { dossierId: list.defaultId, query: 'speeltuin' });
    const row = found.rows.find((r: { title: string }) => r.title === 'Bewonersavond over de speeltuin');
    expect(row).toMatchObject({ kind: 'eigen-praktijk' });
    const { value: details } = await send('clip/get', { dossierId: list.defaultId, clipId: row.id });
    expect(details.clip.card).toMatchObject({
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      place: 'Buurthuis De Kern',
      involved: 'twaalf bewoners, een collega van het wijkteam',
    });
    expect(details.clip.themes).toEqual(['community-werker.eigenaarschap']);
    expect(details.clip.capture.mode).toBe('note');
    // Only own practice can be written this way; an empty title is refused at the edge too.
    expect((await send('evidence/add', { dossierId: list.defaultId, kind: 'feedback', title: 'x', card: {} })).ok).toBe(false);
    expect((await send('evidence/add', { dossierId: list.defaultId, kind: 'eigen-praktijk', title: '  ', card: {} })).ok).toBe(false);
    await panel.close();
  });
});
