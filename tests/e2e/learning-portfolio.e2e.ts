// What a leergang student's evidence adds up to, in real Chromium with the built extension and
// the built web app on the real server: a leervraag with an action and its evidence; coverage
// counts only the answered reflection; two periods in the growth view; the portfolio (HTML,
// .docx, Markdown) per theme, without unanswered prompts or a repeated reflection; the new
// screens and the popup in English. The dossier is first filled as in learning-evidence.e2e.ts
// (own experience with a photo, a clipped practice example, a transfer guide started, a STARR
// guide answered). Screenshots at phone and desktop width (/tmp/knipsel-shots/learning).
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  acceptSuggestedTheme,
  answerStarr,
  clipPracticeExample,
  createLeergangDossier,
  eigenaarschap,
  exampleTitle,
  fillOwnExperience,
  leefwereld,
  learningSuite,
  saveOwnExperience,
  shots,
  starrAnswers,
  startTransfer,
  themeName,
  transfer,
} from './learning-support.js';

// Extension APIs inside worker evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

const L = learningSuite();
let page: Page;
const { s, heading, nav, go, shot, shotBoth, download } = L;
const changedAnswer = 'Ik laat stiltes vallen en vraag wat bewoners zelf willen, in plaats van met een plan te komen.';
const count = (text: string, part: string) => text.split(part).length - 1;
/** Questions of guides the student left unanswered, and prompts the old app put in notes. */
const unanswered = [...transfer.prompts.map((p) => p.nl.question), 'Wat gebeurde er, waar en met wie?'];

beforeAll(() => {
  page = L.page;
});

describe('what a leergang student’s evidence adds up to', () => {
  test('fills the dossier as in learning-evidence.e2e.ts: an own experience, a clipped practice example, two guides', async () => {
    await createLeergangDossier(L);
    const own = await fillOwnExperience(L);
    await acceptSuggestedTheme(own, eigenaarschap);
    await saveOwnExperience(L, own);
    await clipPracticeExample(L);
    await startTransfer(L);
    await answerStarr(L);
  }, 240_000);

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
    await page.goto(`${s.app.url}/#/d/${encodeURIComponent(L.dossierId)}/clip/${encodeURIComponent(L.ownId)}`);
    await heading('Bewonersavond over de speeltuin').waitFor();
    await page.getByText('What happened', { exact: true }).first().waitFor();
    await shotBoth('en-reader-own-experience');
    await page.goto(`${s.app.url}/#/d/${encodeURIComponent(L.dossierId)}/clip/${encodeURIComponent(L.exampleId)}`);
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
    const popup = await s.popupFor(url);
    await popup.getByTestId('kind').getByText('Practice example').waitFor();
    await popup.screenshot({ path: join(shots, 'popup-kind-en.png') });
    await popup.close();
    await tab.close();
  });
});
