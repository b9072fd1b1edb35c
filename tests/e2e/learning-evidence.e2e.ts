// A leergang student gathers evidence in the learning dossier, in real Chromium with the built
// extension and the built web app on the real server: a dossier for the leergang, an own
// experience with a photo (a file above the limit refused), a practice example clipped with the
// extension (a praktijkvoorbeeld by default), a guide answered for one and left empty for the
// other, an own guide, and every kind named on the board, in the list and in search.
// Screenshots of every new screen at phone and desktop width (/tmp/knipsel-shots/learning).
// What the evidence adds up to is in learning-portfolio.e2e.ts.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  acceptSuggestedTheme,
  answerStarr,
  clipPracticeExample,
  createLeergangDossier,
  eigenaarschap,
  fillOwnExperience,
  learningSuite,
  saveOwnExperience,
  shots,
  startTransfer,
} from './learning-support.js';

const L = learningSuite();
const { heading, nav, shotBoth } = L;

describe('a leergang student’s evidence', () => {
  test('creates a dossier for the leergang, paired with the extension', async () => {
    await createLeergangDossier(L);
  });

  test('adds an own experience with a photo (a file above the limit is refused)', async () => {
    const dialog = await fillOwnExperience(L, { 'filmpje.mp4': new Uint8Array(21 * 1024 * 1024) });
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
    await saveOwnExperience(L, dialog);
  });

  test('clips a practice example with the extension: a praktijkvoorbeeld by default', async () => {
    await clipPracticeExample(L, async (popup) => {
      await popup.screenshot({ path: join(shots, 'popup-kind-nl.png') });
    });
  });

  test('answers a guide for the own experience and leaves the other’s prompts empty', async () => {
    await startTransfer(L);
    await shotBoth('reader-practice-example');
    await answerStarr(L);
    await shotBoth('reader-own-experience');
    const { page } = L;
    await page.getByRole('button', { name: 'Eigen leidraad maken' }).click();
    const own = page.getByRole('dialog', { name: 'Eigen leidraden' });
    await own.getByLabel('Naam van de leidraad').fill('Intervisie');
    await own.getByLabel('Vragen, één per regel').fill('Wat was de vraag van de inbrenger?\nWat heb ik geleerd?');
    await shotBoth('own-guide');
    await own.getByRole('button', { name: 'Leidraad bewaren' }).click();
    await page.getByText('Leidraad ‘Intervisie’ bewaard').waitFor();
  });

  test('every kind says what it is on the board, in the list and in search', async () => {
    const { page } = L;
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
});
