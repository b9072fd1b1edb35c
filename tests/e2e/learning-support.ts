// What the learning dossier's e2e files (learning-evidence.e2e.ts, learning-portfolio.e2e.ts)
// share: a leergang student's dossier in real Chromium with the built extension and the built
// web app on the real server, and the steps that fill it — the dossier for the leergang paired
// with the extension, an own experience with a photo, a practice example clipped with the
// extension under two themes, a transfer guide started and a STARR guide answered. Screenshots
// go to /tmp/knipsel-shots/learning.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { findPresetGuide, findPresetTheme } from '@knipsel/core';
import { seriousViolations } from '../support/app.js';
import { extensionAppSuite, type ExtensionAppSuite } from '../support/extension-app-suite.js';
import { pairExtension } from '../support/pairing.js';
import { png } from '../support/png.js';

// Extension APIs inside page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

export const shots = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/learning';
export const eigenaarschap = 'community-werker.eigenaarschap';
export const leefwereld = 'community-werker.leefwereld';
export const themeName = (id: string) => findPresetTheme(id)!.theme.name;
export const exampleTitle = 'Buurtmaaltijd in Kattenbroek: bewoners koken voor de wijk';
export const starr = findPresetGuide('starr')!;
export const transfer = findPresetGuide('transfer')!;
export const starrAnswers: Record<string, string> = {
  situatie: 'Op de bewonersavond in buurthuis De Kern kwamen twaalf bewoners met plannen voor de speeltuin.',
  taak: 'Ik begeleidde de avond als opbouwwerker in opleiding.',
  actie: 'Ik liet de bewoners zelf de agenda maken en hield me in toen het stil werd.',
  resultaat: 'Drie bewoners namen de trekkersrol; de gemeente denkt mee over geld.',
  reflectie: 'Ik stel eerst vragen en wacht langer voordat ik iets overneem.',
};
const happened = 'Het plan voor de speeltuin is bedacht door bewoners zelf; zij blijven eigenaar van het probleem en de oplossing. Ik begeleidde de avond.';

const article = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${exampleTitle}</title>
<meta name="author" content="Fatima el Amrani"><meta property="og:site_name" content="Wijkplatform"></head><body><main><article><h1>${exampleTitle}</h1>
<p>In Kattenbroek koken bewoners elke donderdag samen voor de wijk. Het idee kwam van twee buurvrouwen; de opbouwwerker hielp met een keuken en contacten.</p>
<p>Wat werkte? Tijd nemen, aansluiten bij de leefwereld van bewoners en hun talenten met elkaar verbinden. Wat niet werkte: een vaste avond die voor jonge ouders te laat was.</p>
<p>Andere wijken willen het voorbeeld volgen. Begin bij wat bewoners drijft, niet bij een plan.</p></article></main></body></html>`;

/** A real PNG photo-like image (a gradient), made here so the repository holds no binary. */
const photo = png(320, 200, (x, y) => [60 + (x * 150) / 320, 120 + (y * 100) / 200, 90]);

export interface LearningSuite {
  readonly s: ExtensionAppSuite;
  /** The student's page in the app (desktop width unless a step changes it). */
  readonly page: Page;
  /** The leergang's dossier, the own experience and the practice example, once made. */
  dossierId: string;
  ownId: string;
  exampleId: string;
  heading(name: string | RegExp): Locator;
  nav(name: string): Locator;
  /** The dossier's `view` (e.g. `list`, `growth`). */
  go(view: string): Promise<void>;
  shot(name: string, target?: Page): Promise<void>;
  /** Phone and desktop screenshots of what is on screen, no sideways scrolling, no serious axe findings. */
  shotBoth(name: string): Promise<void>;
  download(click: () => Promise<unknown>): Promise<{ name: string; bytes: Uint8Array }>;
  /** Write a file to pick, as a person picks it from disk; returns its path. */
  file(name: string, bytes: Uint8Array): string;
}

/** The app, the extension, the article to clip and the student's page, for a whole file. */
export function learningSuite(): LearningSuite {
  const s = extensionAppSuite(shots, { '/buurtmaaltijd.html': () => article });
  const work = mkdtempSync(join(tmpdir(), 'knipsel-learning-e2e-'));
  let page: Page;

  beforeAll(async () => {
    s.session.context.setDefaultTimeout(10_000);
    page = await s.session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    page.on('pageerror', (error) => console.error('[page error]', error));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await L.shot(`failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const L: LearningSuite = {
    s,
    get page() {
      return page;
    },
    dossierId: '',
    ownId: '',
    exampleId: '',
    heading: (name) => page.getByRole('heading', { level: 1, name }),
    nav: (name) => page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${name}( \\d+)?$`) }),
    async go(view) {
      await page.goto(`${s.app.url}/#/d/${encodeURIComponent(L.dossierId)}/${view}`);
    },
    async shot(name, target = page) {
      const modal = (await target.locator('dialog[open]').count()) > 0;
      await target.screenshot({ path: join(shots, `${name}.png`), fullPage: !modal });
    },
    async shotBoth(name) {
      for (const [size, viewport] of [
        ['phone', { width: 390, height: 844 }],
        ['desktop', { width: 1280, height: 800 }],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        await L.shot(`${name}-${size}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} ${size} scrolls sideways`).toBe(true);
      }
      expect(await seriousViolations(page), name).toEqual([]);
    },
    async download(click) {
      const [file] = await Promise.all([page.waitForEvent('download'), click()]);
      return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(await file.path())) };
    },
    file(name, bytes) {
      const path = join(work, name);
      writeFileSync(path, bytes);
      return path;
    },
  };
  return L;
}

/** A dossier for the leergang, paired with the extension, assessed on the community werker's framework. */
export async function createLeergangDossier(L: LearningSuite): Promise<void> {
  const { page } = L;
  await page.goto(L.s.app.url);
  await L.heading('Knipsels').waitFor();
  await pairExtension(L.s.session, page);
  await L.nav('Dossiers').click();
  await page.getByLabel('Naam van het dossier').fill('Leergang community work');
  await page.getByRole('button', { name: 'Dossier maken' }).click();
  await L.heading('Knipsels').waitFor();
  L.dossierId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
  await L.nav('Portfolio').click();
  await L.heading('Portfolio').waitFor();
  await page.getByLabel('Kader dat je leergang beoordeelt').selectOption('community-werker');
  await page.getByLabel('Leergang of opleiding').fill('Post-hbo leergang community work 2025');
  await page.getByLabel('Leergang of opleiding').blur();
}

/**
 * "Eigen praktijk" filled in the add dialog, with the photo `speeltuin.png` and `more` files
 * picked from disk (Playwright streams paths; big buffers crawl over the protocol); not saved.
 */
export async function fillOwnExperience(L: LearningSuite, more: Record<string, Uint8Array> = {}): Promise<Locator> {
  const { page } = L;
  await L.nav('Knipsels').click();
  await page.getByRole('main').getByRole('button', { name: 'Knipsel toevoegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Knipsel toevoegen' });
  await dialog.getByLabel('Eigen praktijk').check();
  await dialog.getByLabel('Titel', { exact: true }).fill('Bewonersavond over de speeltuin');
  await dialog.getByLabel('Datum').fill('2025-10-02');
  await dialog.getByLabel('Plaats').fill('Buurthuis De Kern');
  await dialog.getByLabel('Wie waren erbij?').fill('twaalf bewoners, een collega van het wijkteam');
  await dialog.getByText('Noem geen namen van cliënten of bewoners').waitFor();
  await dialog.getByLabel('Wat gebeurde er?').fill(happened);
  const paths = Object.entries({ 'speeltuin.png': photo, ...more }).map(([name, bytes]) => L.file(name, bytes));
  await dialog.locator('input[type=file]').setInputFiles(paths);
  return dialog;
}

/**
 * The suggested-themes step: Knipsel suggests the themes whose wording the text matches; the
 * student accepts `themeId` with one click and sees it chosen.
 */
export async function acceptSuggestedTheme(where: Locator, themeId: string): Promise<void> {
  const suggested = where.getByTestId('suggested-themes');
  await suggested.waitFor();
  await suggested.getByRole('button', { name: `Thema toevoegen: ${themeName(themeId)}` }).click();
  await where.locator('.accepted .chip-name', { hasText: themeName(themeId) }).waitFor();
}

/** Saves the own experience: its reader shows the theme, the place and the photo alone. */
export async function saveOwnExperience(L: LearningSuite, dialog: Locator): Promise<void> {
  const { page } = L;
  await dialog.getByRole('button', { name: 'Knipsel bewaren' }).click();
  await L.heading('Bewonersavond over de speeltuin').waitFor();
  await page.getByText('Eigen praktijk bewaard').waitFor();
  L.ownId = decodeURIComponent(page.url().split('/clip/')[1]!);
  await page.locator('.themes .chip-name', { hasText: themeName(eigenaarschap) }).waitFor();
  // The photo is stored on the device and shown; any file above the limit was never added.
  const thumb = page.getByRole('link', { name: '‘speeltuin.png’ openen' }).locator('img');
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
  expect(await page.locator('.attachments').getByText('filmpje.mp4').count()).toBe(0);
  expect(await page.locator('.attachments li').count()).toBe(1);
  expect(await page.getByLabel('Plaats').inputValue()).toBe('Buurthuis De Kern');
}

/**
 * Clips the practice example with the extension's popup into the dossier (a praktijkvoorbeeld
 * by default; `inPopup` sees the popup before saving), then puts it under two themes with its
 * card filled in, in the app.
 */
export async function clipPracticeExample(L: LearningSuite, inPopup: (popup: Page) => Promise<void> = async () => undefined): Promise<void> {
  const { page, s } = L;
  // The new dossier reaches the extension over the bridge.
  const options = await s.session.openExtensionPage('options.html');
  const extensionDossiers = () =>
    options.evaluate(async () => ((await chrome.runtime.sendMessage({ knipsel: 1, type: 'dossiers/list', input: {} })).value.dossiers as { id: string }[]).map((d) => d.id));
  await expect.poll(extensionDossiers, { timeout: 20_000 }).toContain(L.dossierId);
  await options.close();
  const url = `${s.fixtureBase}/buurtmaaltijd.html`;
  const tab = await s.session.context.newPage();
  await tab.goto(url);
  const popup = await s.popupFor(url);
  await popup
    .getByRole('button', { name: /^(Knippen|Bewaren in Knipsel)$/ })
    .waitFor()
    .catch(async (error) => {
      await popup.screenshot({ path: join(shots, 'failed-popup.png') });
      throw error;
    });
  await popup.locator('select[name=dossier]').selectOption(L.dossierId);
  expect(await popup.getByTestId('kind').getByLabel('Praktijkvoorbeeld').isChecked()).toBe(true);
  await inPopup(popup);
  await popup.getByRole('button', { name: /^(Knippen|Bewaren in Knipsel)$/ }).click();
  await popup.getByTestId('saved').waitFor();
  await popup.close();
  await tab.close();

  await L.go('list');
  await L.heading('Knipsels').waitFor();
  const row = page.locator('.clips li').filter({ hasText: exampleTitle });
  await row.waitFor({ timeout: 20_000 });
  expect(await row.locator('[data-kind]').getAttribute('data-kind')).toBe('praktijkvoorbeeld');
  expect(await page.locator('.clips li').filter({ hasText: 'Bewonersavond over de speeltuin' }).locator('[data-kind]').getAttribute('data-kind')).toBe('eigen-praktijk');
  await row.getByRole('link', { name: exampleTitle }).click();
  await L.heading(exampleTitle).waitFor();
  L.exampleId = decodeURIComponent(page.url().split('/clip/')[1]!);
  // Under two themes, with the card filled in.
  await page.getByRole('button', { name: 'Thema’s kiezen' }).click();
  const picker = page.getByRole('dialog', { name: exampleTitle });
  const box = (id: string) => picker.getByRole('checkbox', { name: new RegExp(`(^|\\s)${themeName(id)}$`) });
  await box(eigenaarschap).check();
  await box(leefwereld).check();
  await picker.getByRole('button', { name: 'Sluiten' }).last().click();
  await page.getByLabel('Context: wijk en organisatie').fill('Kattenbroek, Amersfoort');
  await page.getByLabel('Wat werkte?').fill('Samen koken; aansluiten bij wat bewoners al deden.');
  await page.getByLabel('Wat werkte niet?').fill('De avond was te laat voor jonge ouders.');
}

/** In the practice example's reader: a transfer guide is offered first; started, nothing answered. */
export async function startTransfer(L: LearningSuite): Promise<void> {
  const { page } = L;
  expect(await page.getByLabel('Leidraad', { exact: true }).inputValue()).toBe('transfer');
  await page.getByRole('button', { name: 'Reflectie beginnen' }).click();
  await page.getByText('0 van 4 vragen beantwoord').waitFor();
  await page.getByText('Telt nog niet mee').waitFor();
}

/** The own experience's STARR guide (offered first), every question answered. */
export async function answerStarr(L: LearningSuite): Promise<void> {
  const { page } = L;
  await page.goto(`${L.s.app.url}/#/d/${encodeURIComponent(L.dossierId)}/clip/${encodeURIComponent(L.ownId)}`);
  await L.heading('Bewonersavond over de speeltuin').waitFor();
  expect(await page.getByLabel('Leidraad', { exact: true }).inputValue()).toBe('starr');
  await page.getByRole('button', { name: 'Reflectie beginnen' }).click();
  const reflection = page.locator('[data-reflection="starr"]');
  for (const prompt of starr.prompts) await reflection.getByLabel(prompt.nl.heading, { exact: true }).fill(starrAnswers[prompt.id]!);
  await reflection.getByText('Telt mee', { exact: true }).waitFor();
  await reflection.getByText('5 van 5 vragen beantwoord').waitFor();
}
