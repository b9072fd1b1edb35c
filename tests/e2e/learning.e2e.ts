// A leergang student's journey through the learning dossier, in real Chromium with the built
// extension and the built web app on the real server: a dossier for the leergang, an own
// experience with a photo, a practice example clipped with the extension (a praktijkvoorbeeld
// by default), a leervraag, a guide answered for one and left empty for the other; coverage
// counts only the answered one; two periods in the growth view; the portfolio (HTML, .docx,
// Markdown) per theme, without unanswered prompts or a repeated reflection. Screenshots of
// every new screen at phone and desktop width, in Dutch and English (/tmp/knipsel-shots/learning).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { findPresetGuide, findPresetTheme } from '@knipsel/core';
import { extensionAppSuite } from '../support/extension-app-suite.js';
import { pairExtension } from '../support/pairing.js';
import { png } from '../support/png.js';
import { seriousViolations } from '../support/app.js';

// Extension APIs inside worker evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

const shots = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/learning';
const eigenaarschap = 'community-werker.eigenaarschap';
const leefwereld = 'community-werker.leefwereld';
const themeName = (id: string) => findPresetTheme(id)!.theme.name;
const dossierName = 'Leergang community work';
const exampleTitle = 'Buurtmaaltijd in Kattenbroek: bewoners koken voor de wijk';
const starr = findPresetGuide('starr')!;
const transfer = findPresetGuide('transfer')!;
const starrAnswers: Record<string, string> = {
  situatie: 'Op de bewonersavond in buurthuis De Kern kwamen twaalf bewoners met plannen voor de speeltuin.',
  taak: 'Ik begeleidde de avond als opbouwwerker in opleiding.',
  actie: 'Ik liet de bewoners zelf de agenda maken en hield me in toen het stil werd.',
  resultaat: 'Drie bewoners namen de trekkersrol; de gemeente denkt mee over geld.',
  reflectie: 'Ik stel eerst vragen en wacht langer voordat ik iets overneem.',
};
const happened = 'Het plan voor de speeltuin is bedacht door bewoners zelf; zij blijven eigenaar van het probleem en de oplossing. Ik begeleidde de avond.';
const changedAnswer = 'Ik laat stiltes vallen en vraag wat bewoners zelf willen, in plaats van met een plan te komen.';

const article = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${exampleTitle}</title>
<meta name="author" content="Fatima el Amrani"><meta property="og:site_name" content="Wijkplatform"></head><body><main><article><h1>${exampleTitle}</h1>
<p>In Kattenbroek koken bewoners elke donderdag samen voor de wijk. Het idee kwam van twee buurvrouwen; de opbouwwerker hielp met een keuken en contacten.</p>
<p>Wat werkte? Tijd nemen, aansluiten bij de leefwereld van bewoners en hun talenten met elkaar verbinden. Wat niet werkte: een vaste avond die voor jonge ouders te laat was.</p>
<p>Andere wijken willen het voorbeeld volgen. Begin bij wat bewoners drijft, niet bij een plan.</p></article></main></body></html>`;

const s = extensionAppSuite(shots, { '/buurtmaaltijd.html': () => article });
const { popupFor } = s;
let page: Page;
let dossierId = '';
let ownId = '';
let exampleId = '';
/** A real PNG photo-like image (a gradient), made here so the repository holds no binary. */
const photo = png(320, 200, (x, y) => [60 + (x * 150) / 320, 120 + (y * 100) / 200, 90]);
const work = mkdtempSync(join(tmpdir(), 'knipsel-learning-e2e-'));

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${name}( \\d+)?$`) });
const go = async (view: string) => {
  await page.goto(`${s.app.url}/#/d/${encodeURIComponent(dossierId)}/${view}`);
};

async function shot(name: string, target: Page = page): Promise<void> {
  const modal = (await target.locator('dialog[open]').count()) > 0;
  await target.screenshot({ path: join(shots, `${name}.png`), fullPage: !modal });
}

/** Phone and desktop screenshots of what is on screen, no sideways scrolling, no serious axe findings. */
async function shotBoth(name: string): Promise<void> {
  for (const [size, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 800 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await shot(`${name}-${size}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} ${size} scrolls sideways`).toBe(true);
  }
  expect(await seriousViolations(page), name).toEqual([]);
}

async function download(click: () => Promise<unknown>): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(await file.path())) };
}

/**
 * The suggested-themes step: Knipsel suggests the themes whose wording the text matches; the
 * student accepts `themeId` with one click and sees it chosen.
 */
async function acceptSuggestedTheme(where: Locator, themeId: string): Promise<void> {
  const suggested = where.getByTestId('suggested-themes');
  await suggested.waitFor();
  await suggested.getByRole('button', { name: `Thema toevoegen: ${themeName(themeId)}` }).click();
  await where.locator('.accepted .chip-name', { hasText: themeName(themeId) }).waitFor();
}

const count = (text: string, part: string) => text.split(part).length - 1;
/** Questions of guides the student left unanswered, and prompts the old app put in notes. */
const unanswered = [...transfer.prompts.map((p) => p.nl.question), 'Wat gebeurde er, waar en met wie?'];

beforeAll(async () => {
  s.session.context.setDefaultTimeout(10_000);
  page = await s.session.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  page.on('pageerror', (error) => console.error('[page error]', error));
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shot(`failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a leergang student’s learning dossier', () => {
  test('creates a dossier for the leergang, paired with the extension', async () => {
    await page.goto(s.app.url);
    await heading('Knipsels').waitFor();
    await pairExtension(s.session, page);
    await nav('Dossiers').click();
    await page.getByLabel('Naam van het dossier').fill(dossierName);
    await page.getByRole('button', { name: 'Dossier maken' }).click();
    await heading('Knipsels').waitFor();
    dossierId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
    await nav('Portfolio').click();
    await heading('Portfolio').waitFor();
    await page.getByLabel('Kader dat je leergang beoordeelt').selectOption('community-werker');
    await page.getByLabel('Leergang of opleiding').fill('Post-hbo leergang community work 2025');
    await page.getByLabel('Leergang of opleiding').blur();
  });

  test('adds an own experience with a photo (a file above the limit is refused)', async () => {
    await nav('Knipsels').click();
    await page.getByRole('main').getByRole('button', { name: 'Knipsel toevoegen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Knipsel toevoegen' });
    await dialog.getByLabel('Eigen praktijk').check();
    await dialog.getByLabel('Titel', { exact: true }).fill('Bewonersavond over de speeltuin');
    await dialog.getByLabel('Datum').fill('2025-10-02');
    await dialog.getByLabel('Plaats').fill('Buurthuis De Kern');
    await dialog.getByLabel('Wie waren erbij?').fill('twaalf bewoners, een collega van het wijkteam');
    await dialog.getByText('Noem geen namen van cliënten of bewoners').waitFor();
    await dialog.getByLabel('Wat gebeurde er?').fill(happened);
    const files = dialog.locator('input[type=file]');
    // Files from disk, as a person picks them (Playwright streams paths; big buffers crawl over the protocol).
    const photoPath = join(work, 'speeltuin.png');
    const videoPath = join(work, 'filmpje.mp4');
    writeFileSync(photoPath, photo);
    writeFileSync(videoPath, Buffer.alloc(21 * 1024 * 1024));
    await files.setInputFiles([photoPath, videoPath]);
    await dialog.getByText('‘filmpje.mp4’ is groter dan').waitFor();
    // The theme comes from a suggestion (the wording of the framework matches what happened).
    await acceptSuggestedTheme(dialog, eigenaarschap);
    await dialog.evaluate((d) => (d.scrollTop = d.scrollHeight));
    await shotBoth('add-own-experience-files');
    await dialog.evaluate((d) => (d.scrollTop = 0));
    await shotBoth('add-own-experience');
    await dialog.getByLabel('Feedback', { exact: false }).first().check();
    await shotBoth('add-feedback');
    await dialog.getByLabel('Eigen praktijk').check();
    await dialog.getByRole('button', { name: 'Knipsel bewaren' }).click();
    await heading('Bewonersavond over de speeltuin').waitFor();
    await page.getByText('Eigen praktijk bewaard').waitFor();
    ownId = decodeURIComponent(page.url().split('/clip/')[1]!);
    await page.locator('.themes .chip-name', { hasText: themeName(eigenaarschap) }).waitFor();
    // The photo is stored on the device and shown; the video was never added.
    const thumb = page.getByRole('link', { name: '‘speeltuin.png’ openen' }).locator('img');
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    expect(await page.locator('.attachments').getByText('filmpje.mp4').count()).toBe(0);
    expect(await page.locator('.attachments li').count()).toBe(1);
    expect(await page.getByLabel('Plaats').inputValue()).toBe('Buurthuis De Kern');
  });

  test('clips a practice example with the extension: a praktijkvoorbeeld by default', async () => {
    // The new dossier reaches the extension over the bridge.
    const options = await s.session.openExtensionPage('options.html');
    const extensionDossiers = () =>
      options.evaluate(async () => ((await chrome.runtime.sendMessage({ knipsel: 1, type: 'dossiers/list', input: {} })).value.dossiers as { id: string }[]).map((d) => d.id));
    await expect.poll(extensionDossiers, { timeout: 20_000 }).toContain(dossierId);
    await options.close();
    const url = `${s.fixtureBase}/buurtmaaltijd.html`;
    const tab = await s.session.context.newPage();
    await tab.goto(url);
    const popup = await popupFor(url);
    await popup
      .getByRole('button', { name: /^(Knippen|Bewaren in Knipsel)$/ })
      .waitFor()
      .catch(async (error) => {
        await popup.screenshot({ path: join(shots, 'failed-popup.png') });
        throw error;
      });
    await popup.locator('select[name=dossier]').selectOption(dossierId);
    const kind = popup.getByTestId('kind');
    expect(await kind.getByLabel('Praktijkvoorbeeld').isChecked()).toBe(true);
    await popup.screenshot({ path: join(shots, 'popup-kind-nl.png') });
    await popup.getByRole('button', { name: /^(Knippen|Bewaren in Knipsel)$/ }).click();
    await popup.getByTestId('saved').waitFor();
    await popup.close();
    await tab.close();

    await go('list');
    await heading('Knipsels').waitFor();
    const row = page.locator('.clips li').filter({ hasText: exampleTitle });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('[data-kind]').getAttribute('data-kind')).toBe('praktijkvoorbeeld');
    expect(await page.locator('.clips li').filter({ hasText: 'Bewonersavond over de speeltuin' }).locator('[data-kind]').getAttribute('data-kind')).toBe('eigen-praktijk');
    await row.getByRole('link', { name: exampleTitle }).click();
    await heading(exampleTitle).waitFor();
    exampleId = decodeURIComponent(page.url().split('/clip/')[1]!);
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
  });

  test('answers a guide for the own experience and leaves the other’s prompts empty', async () => {
    // The practice example: a transfer guide is offered first; started, nothing answered.
    const guide = page.getByLabel('Leidraad', { exact: true });
    expect(await guide.inputValue()).toBe('transfer');
    await page.getByRole('button', { name: 'Reflectie beginnen' }).click();
    await page.getByText('0 van 4 vragen beantwoord').waitFor();
    await page.getByText('Telt nog niet mee').waitFor();
    await shotBoth('reader-practice-example');

    await page.goto(`${s.app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(ownId)}`);
    await heading('Bewonersavond over de speeltuin').waitFor();
    expect(await page.getByLabel('Leidraad', { exact: true }).inputValue()).toBe('starr');
    await page.getByRole('button', { name: 'Reflectie beginnen' }).click();
    const reflection = page.locator('[data-reflection="starr"]');
    for (const prompt of starr.prompts) await reflection.getByLabel(prompt.nl.heading, { exact: true }).fill(starrAnswers[prompt.id]!);
    await reflection.getByText('Telt mee', { exact: true }).waitFor();
    await reflection.getByText('5 van 5 vragen beantwoord').waitFor();
    await shotBoth('reader-own-experience');
    await page.getByRole('button', { name: 'Eigen leidraad maken' }).click();
    const own = page.getByRole('dialog', { name: 'Eigen leidraden' });
    await own.getByLabel('Naam van de leidraad').fill('Intervisie');
    await own.getByLabel('Vragen, één per regel').fill('Wat was de vraag van de inbrenger?\nWat heb ik geleerd?');
    await shotBoth('own-guide');
    await own.getByRole('button', { name: 'Leidraad bewaren' }).click();
    await page.getByText('Leidraad ‘Intervisie’ bewaard').waitFor();
  });

  test('writes a leervraag with an action and the evidence that answers it', async () => {
    await nav('Leervragen').click();
    await heading('Leervragen').waitFor();
    await page.getByLabel('Wat wil ik leren?').fill('Hoe laat ik bewoners eigenaar blijven van hun initiatief?');
    await page.getByLabel('Bij thema').selectOption(eigenaarschap);
    await page.getByRole('button', { name: 'Leervraag toevoegen' }).click();
    const card = page.locator('[data-leervraag]');
    await card.waitFor();
    await card.getByLabel('Nieuwe actie').fill('Een avond meelopen met een ervaren opbouwwerker');
    await card.getByRole('button', { name: 'Actie toevoegen' }).click();
    await card.getByRole('checkbox', { name: 'Een avond meelopen met een ervaren opbouwwerker' }).check();
    await card.getByLabel('Status').selectOption('bezig');
    await card.getByRole('button', { name: 'Bewijs koppelen' }).click();
    const link = page.getByRole('dialog', { name: 'Bewijs koppelen aan je leervraag' });
    await shotBoth('link-evidence');
    await link.getByRole('button', { name: /Bewonersavond over de speeltuin/ }).click();
    await card.getByRole('link', { name: 'Bewonersavond over de speeltuin' }).waitFor();
    await page.getByLabel('Wat wil ik leren?').fill('Wat is mijn rol als community werker?');
    await page.getByLabel('Bij thema').selectOption('');
    await page.getByRole('button', { name: 'Leervraag toevoegen' }).click();
    await page.getByRole('heading', { name: 'Voor het hele dossier' }).waitFor();
    await shotBoth('leervragen');
  });

  test('coverage counts only the answered reflection', async () => {
    await nav('Portfolio').click();
    await heading('Portfolio').waitFor();
    const row = (id: string) => page.locator('table.evidence tbody tr').filter({ has: page.getByText(themeName(id), { exact: true }) });
    await expect.poll(() => row(eigenaarschap).locator('td').allInnerTexts()).toEqual(['2', '1']);
    expect(await row(leefwereld).locator('td').allInnerTexts()).toEqual(['1', '0']);
    expect(await row(leefwereld).innerText()).toContain('Nog geen beantwoorde reflectie');
    expect(await page.locator('.covered').innerText()).toMatch(/^1 van \d+ thema’s met een beantwoorde reflectie$/);
    await shotBoth('portfolio');
  });

  test('the growth view shows two periods with a self-rating each, and what changed', async () => {
    await nav('Groei').click();
    await heading('Groei').waitFor();
    for (const [name, start] of [
      ['Module 1', '2025-09-01'],
      ['Module 2', '2026-01-12'],
    ] as const) {
      await page.getByLabel('Naam van de periode').fill(name);
      await page.getByLabel('Begint op').fill(start);
      await page.getByRole('button', { name: 'Periode toevoegen' }).click();
      await page.locator(`fieldset[data-period="${name}"]`).waitFor();
    }
    await page.getByLabel('Thema', { exact: true }).selectOption(eigenaarschap);
    const periods = page.locator('fieldset[data-period]');
    expect(await periods.count()).toBe(2);
    await page.locator('fieldset[data-period="Module 1"]').getByLabel('2 Op weg').check();
    await page.locator('fieldset[data-period="Module 2"]').getByLabel('4 Goed').check();
    await page.getByRole('textbox', { name: 'Wat heb ik gaandeweg (en ongemerkt) al veranderd in mijn werkwijze?' }).fill(changedAnswer);
    await page.getByText('Bewaard', { exact: true }).waitFor();
    await page.getByText('Eerste reflectie').waitFor();
    expect(await page.locator('.compare').innerText()).toContain(starrAnswers.situatie);
    await page.reload();
    await heading('Groei').waitFor();
    await page.getByLabel('Thema', { exact: true }).selectOption(eigenaarschap);
    expect(await page.locator('fieldset[data-period="Module 1"]').getByLabel('2 Op weg').isChecked()).toBe(true);
    expect(await page.locator('fieldset[data-period="Module 2"]').getByLabel('4 Goed').isChecked()).toBe(true);
    await shotBoth('growth');
  });

  test('the portfolio export is organised per theme, without unanswered prompts or a repeated reflection', async () => {
    await nav('Portfolio').click();
    await page.getByRole('button', { name: 'Portfolio exporteren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Portfolio samenstellen' });
    await dialog.getByLabel('Je naam').fill('Sanne de Vries');
    await dialog.evaluate((d) => (d.scrollTop = 0));
    await shotBoth('portfolio-composer');

    const [doc] = await Promise.all([s.session.context.waitForEvent('page'), dialog.getByRole('button', { name: 'Open als document' }).click()]);
    await doc.waitForLoadState();
    const html = await doc.locator('main').innerText();
    const themes = await doc.locator('section.theme h2').allInnerTexts();
    expect(themes).toEqual([themeName(leefwereld), themeName(eigenaarschap)]);
    const mine = doc.locator('section.theme').filter({ has: doc.getByRole('heading', { level: 2, name: themeName(eigenaarschap) }) });
    expect(await mine.locator('h3').allInnerTexts()).toEqual(['Leervragen', 'Bewijs', 'Wat ik nu anders doe']);
    expect(await mine.locator('.meta').first().innerText()).toBe('1 beantwoorde reflectie');
    expect(await mine.locator('.ref').innerText()).toContain(exampleTitle);
    expect(count(html, starrAnswers.situatie)).toBe(1);
    expect(count(html, 'Wat werkte niet')).toBe(1);
    for (const question of unanswered) expect(html, question).not.toContain(question);
    expect(html).toContain(changedAnswer);
    expect(html).toContain('Module 2: 4 (goed)');
    expect(await mine.locator('article[data-kind="eigen-praktijk"] img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
    await doc.setViewportSize({ width: 1280, height: 900 });
    await shot('portfolio-document-desktop', doc);
    await doc.setViewportSize({ width: 390, height: 844 });
    await shot('portfolio-document-phone', doc);
    await doc.close();

    const docx = await download(() => dialog.getByRole('button', { name: 'Download .docx' }).click());
    const files = unzipSync(docx.bytes);
    const text = strFromU8(files['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(count(text, starrAnswers.situatie)).toBe(1);
    for (const question of unanswered) expect(text, question).not.toContain(question);
    expect(text.indexOf('Hoe laat ik bewoners eigenaar blijven')).toBeLessThan(text.lastIndexOf('Wat ik nu anders doe'));
    expect(Object.keys(files).some((p) => p.startsWith('word/media/'))).toBe(true);

    const zip = await download(() => dialog.getByRole('button', { name: 'Download Markdown (zip)' }).click());
    const entries = unzipSync(zip.bytes);
    const paths = Object.keys(entries);
    expect(paths).toEqual(expect.arrayContaining(['00 Portfolio.md', `01 ${themeName(leefwereld)}.md`, `02 ${themeName(eigenaarschap)}.md`, 'bijlagen/speeltuin.png']));
    const markdown = paths
      .filter((p) => p.endsWith('.md'))
      .map((p) => strFromU8(entries[p]!))
      .join('\n');
    expect(count(markdown, starrAnswers.situatie)).toBe(1);
    expect(count(markdown, `Bewijs 1 · Praktijkvoorbeeld`)).toBe(1);
    for (const question of unanswered) expect(markdown, question).not.toContain(question);
    await dialog.getByRole('button', { name: 'Sluiten' }).first().click();
  });

  test('every kind says what it is on the board, in the list and in search', async () => {
    await nav('Themabord').click();
    await heading('Themabord').waitFor();
    await page.locator('[data-kind="eigen-praktijk"]').first().waitFor();
    await shotBoth('board-kinds');
    await nav('Knipsels').click();
    await page.locator('summary', { hasText: 'Filters' }).click();
    await page.getByLabel('Soort bewijs').selectOption('eigen-praktijk');
    await expect.poll(() => page.locator('.clips li').count()).toBe(1);
    await shotBoth('list-kind-filter');
    await page.getByLabel('Soort bewijs').selectOption('');
    await nav('Zoeken').click();
    await page.getByLabel('Zoek in titels, teksten, reflecties en thema’s').fill('speeltuin');
    await page.locator('.hits [data-kind="eigen-praktijk"]').first().waitFor();
    await shotBoth('search-kinds');
  });

  test('the new screens in English', async () => {
    await page.getByLabel('Taal').selectOption('en');
    await page.getByLabel('Language').waitFor();
    await go('list');
    await heading('Clips').waitFor();
    await page.getByRole('main').getByRole('button', { name: 'Add clip' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a clip' });
    await dialog.getByLabel('Own practice').check();
    await dialog.evaluate((d) => (d.scrollTop = 0));
    await shotBoth('en-add-own-experience');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.goto(`${s.app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(ownId)}`);
    await heading('Bewonersavond over de speeltuin').waitFor();
    await page.getByText('What happened', { exact: true }).first().waitFor();
    await shotBoth('en-reader-own-experience');
    await page.goto(`${s.app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(exampleId)}`);
    await heading(exampleTitle).waitFor();
    await shotBoth('en-reader-practice-example');
    await go('leervragen');
    await heading('Learning questions').waitFor();
    await shotBoth('en-leervragen');
    await go('growth');
    await heading('Growth').waitFor();
    await page.getByLabel('Theme', { exact: true }).selectOption(eigenaarschap);
    await shotBoth('en-growth');
    await go('portfolio');
    await heading('Portfolio').waitFor();
    await page.getByRole('columnheader', { name: 'Answered reflections' }).waitFor();
    await shotBoth('en-portfolio');
    await s.worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...settings, language: 'en' } });
    });
    const url = `${s.fixtureBase}/buurtmaaltijd.html?en`;
    const tab = await s.session.context.newPage();
    await tab.goto(url);
    const popup = await popupFor(url);
    await popup.getByTestId('kind').getByText('Practice example').waitFor();
    await popup.screenshot({ path: join(shots, 'popup-kind-en.png') });
    await popup.close();
    await tab.close();
  });
});
