// Clips a user can correct, in the app's reader: "Opschonen" removes a paragraph and undoes it,
// a corrected author shows in the reference, a passage highlighted in the reader shows in the
// text, in the list of highlights, in the extension's copy and in the portfolio's quote, and
// that highlight gets another colour and note and is deleted, each undone from the toast; then
// all of it in English. Screenshots at 390 and 1280 px in /tmp/knipsel-shots/reader. Run after
// `npm run build`. The page and the steps are in reader-support.ts.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { paragraphs } from './extension-pages.js';
import { advert, clipBankje, openReader, readerSuite, shot, shots, title } from './reader-support.js';

const { s, request, requested, others } = readerSuite();
let reader: Page;
let dossierId = '';
let clipId = '';
const clipHtml = () => reader.getByTestId('clip-html');

beforeAll(async () => {
  ({ dossierId, clipId } = await clipBankje(s));
  reader = await openReader(s, dossierId, clipId, requested);
  await clipHtml().locator('img[src^="blob:"]').waitFor({ timeout: 20_000 });
}, 120_000);

describe('correcting a clip in the reader', () => {
  it('“Opschonen” removes a paragraph that is noise, and undo puts it back', async () => {
    expect(await clipHtml().innerText()).toContain(advert);
    await reader.getByRole('button', { name: 'Opschonen' }).click();
    const block = reader.getByTestId('clean-blocks').locator('li').filter({ hasText: advert });
    await block.getByRole('button', { name: 'Weghalen' }).click();
    await expect.poll(() => block.getByRole('button', { name: 'Terugzetten' }).count()).toBe(1);
    await shot(reader, 'reader-clean-desktop');
    await reader.setViewportSize({ width: 390, height: 844 });
    await shot(reader, 'reader-clean-phone');
    await reader.setViewportSize({ width: 1280, height: 800 });
    await reader.getByRole('button', { name: 'Klaar' }).click();
    await expect.poll(() => clipHtml().innerText()).not.toContain(advert);
    expect(await clipHtml().innerText()).toContain(paragraphs[2]);
    await reader.getByText('1 stuk weggehaald').waitFor();
    // The capture stays whole; the extension's copy knows the removal too (it syncs).
    await expect
      .poll(async () => (await request<{ clip: { removedBlocks?: number[] } }>('clip/get', { dossierId, clipId })).clip.removedBlocks?.length ?? 0, { timeout: 15_000 })
      .toBe(1);

    await reader.getByRole('status').getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => clipHtml().innerText()).toContain(advert);
    await expect
      .poll(async () => (await request<{ clip: { removedBlocks?: number[] } }>('clip/get', { dossierId, clipId })).clip.removedBlocks?.length ?? 0, { timeout: 15_000 })
      .toBe(0);

    // Removed for good this time: it stays away after a reload.
    await reader.getByRole('button', { name: 'Opschonen' }).click();
    await block.getByRole('button', { name: 'Weghalen' }).click();
    await reader.getByRole('button', { name: 'Klaar' }).click();
    await reader.reload();
    await reader.getByRole('heading', { level: 1, name: title }).waitFor();
    await clipHtml().locator('img[src^="blob:"]').waitFor();
    expect(await clipHtml().innerText()).not.toContain(advert);
  }, 60_000);

  it('a corrected author shows in the reference', async () => {
    const reference = reader.locator('.reference-text');
    // Read as a person: the Arabic article leads the surname (APA).
    expect(await reference.innerText()).toContain('El Amrani, F. (2024, 12 maart).');
    await reader.getByRole('button', { name: 'Bron aanpassen' }).click();
    const dialog = reader.getByRole('dialog', { name: /Bron/ });
    await dialog.getByLabel('Auteurs').fill('Pieter Jansen');
    await dialog.getByRole('button', { name: 'Bron opslaan' }).click();
    await expect.poll(() => reference.innerText()).toContain('Jansen, P. (2024, 12 maart).');
    expect(await reference.innerText()).not.toContain('El Amrani');
    expect(await reader.locator('.in-text').innerText()).toContain('(Jansen, 2024)');
    // And the kind of source: a report is cited with its year only.
    await reader.getByRole('button', { name: 'Bron aanpassen' }).click();
    await dialog.getByLabel('Soort bron').selectOption('report');
    await dialog.getByRole('button', { name: 'Bron opslaan' }).click();
    await expect.poll(() => reference.innerText()).toContain('Jansen, P. (2024). Een bankje voor de deur. Buurtplatform.');
  });

  it('a passage highlighted in the reader shows in the text, the list, the extension and the portfolio quote', async () => {
    const passage = 'Tijd nemen, aansluiten bij de leefwereld van bewoners';
    await clipHtml()
      .locator('p', { hasText: passage })
      .evaluate((p, wanted) => {
        const text = p.firstChild as Text;
        const at = text.data.indexOf(wanted);
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + wanted.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
      }, passage);
    const bar = reader.getByTestId('reader-mark');
    await bar.waitFor();
    await bar.getByLabel('Notitie bij de markering (optioneel)').fill('Zo wil ik het ook doen');
    await shot(reader, 'reader-mark-desktop');
    await bar.getByRole('button', { name: 'Methode' }).click();
    const item = reader.locator('.highlights li');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.innerText()).toMatch(new RegExp(`${passage}[\\s\\S]*\\(Jansen, 2024\\)[\\s\\S]*Methode\\s*— Zo wil ik het ook doen`));
    // Painted in the text (CSS Custom Highlight API), found again by its quote.
    await expect.poll(() => reader.evaluate(() => (CSS as any).highlights.get('knipsel-reader-methode')?.size ?? 0)).toBe(1);
    expect(await clipHtml().getAttribute('data-anchored')).toBe('1/1');
    // The same record the extension makes (a text quote), so the live page can show it.
    await expect
      .poll(
        async () =>
          (await request<{ clip: { highlights: { quote: { exact: string; prefix: string }; colour: string; note: string }[] } }>('clip/get', { dossierId, clipId })).clip
            .highlights,
        { timeout: 15_000 },
      )
      .toMatchObject([{ quote: { exact: passage, prefix: expect.stringContaining('Wat werkte? ') }, colour: 'methode', note: 'Zo wil ik het ook doen' }]);
    await reader.setViewportSize({ width: 390, height: 844 });
    await shot(reader, 'reader-highlight-phone');
    await reader.setViewportSize({ width: 1280, height: 800 });
    await shot(reader, 'reader-highlight-desktop');

    // A theme, so the clip goes into the portfolio.
    await reader
      .locator('.themes')
      .getByRole('button', { name: /Aansluiten bij de leefwereld/ })
      .first()
      .click();
    await reader.locator('.themes').getByText('Aansluiten bij de leefwereld').first().waitFor();
    await reader.getByRole('navigation').getByRole('link', { name: 'Portfolio' }).click();
    await reader.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
    await reader.getByRole('button', { name: 'Portfolio exporteren' }).click();
    const composer = reader.getByRole('dialog', { name: 'Portfolio samenstellen' });
    const [doc] = await Promise.all([s.session.context.waitForEvent('page'), composer.getByRole('button', { name: 'Open als document' }).click()]);
    await doc.waitForLoadState();
    const quote = doc.locator('blockquote', { hasText: passage });
    expect(await quote.locator('.citation').innerText()).toBe('(Jansen, 2024)');
    expect(await quote.locator('footer').innerText()).toContain('Methode');
    await doc.close();
    await composer.getByRole('button', { name: 'Sluiten' }).first().click();
  }, 60_000);

  it('a highlight’s colour and note are changed in the reader, and it is deleted — both undone from the toast', async () => {
    type Stored = { clip: { highlights: { id: string; colour: string; note: string; quote: { exact: string } }[] } };
    const stored = async () => (await request<Stored>('clip/get', { dossierId, clipId })).clip.highlights;
    const painted = (colour: string) => reader.evaluate((name) => (CSS as any).highlights.get(name)?.size ?? 0, `knipsel-reader-${colour}`);
    const [original] = await stored();
    await reader.goto(`${s.app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(clipId)}`);
    await reader.getByRole('heading', { level: 1, name: title }).waitFor();
    const item = reader.locator('.highlights li');
    await expect.poll(() => painted('methode')).toBe(1);

    // Another colour and another note.
    await item.getByRole('button', { name: 'Aanpassen' }).click();
    const editor = item.getByTestId('highlight-editor');
    expect(await editor.getByLabel('Methode').isChecked()).toBe(true);
    expect(await editor.getByLabel('Notitie').inputValue()).toBe('Zo wil ik het ook doen');
    await editor.getByLabel('Vraag').check();
    await editor.getByLabel('Notitie').fill('Eerst navragen bij het team');
    await reader.setViewportSize({ width: 390, height: 844 });
    await item.scrollIntoViewIfNeeded();
    await reader.screenshot({ path: join(shots, 'reader-highlight-edit-phone.png') });
    await reader.setViewportSize({ width: 1280, height: 800 });
    await editor.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => item.innerText()).toMatch(/Vraag\s*— Eerst navragen bij het team/);
    await expect.poll(() => painted('vraag')).toBe(1);
    expect(await painted('methode')).toBe(0);
    await expect.poll(stored, { timeout: 15_000 }).toMatchObject([{ id: original.id, colour: 'vraag', note: 'Eerst navragen bij het team' }]);
    await item.scrollIntoViewIfNeeded();
    await reader.screenshot({ path: join(shots, 'reader-highlight-edited-desktop.png') });
    await reader.getByRole('status').getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => item.innerText()).toMatch(/Methode\s*— Zo wil ik het ook doen/);
    await expect.poll(stored, { timeout: 15_000 }).toEqual([original]);

    // Deleted: gone from the list, the text and the extension's copy; undo brings back the same record.
    await item.getByRole('button', { name: 'Verwijderen' }).click();
    await expect.poll(() => item.count()).toBe(0);
    await expect.poll(() => painted('methode')).toBe(0);
    await expect.poll(stored, { timeout: 15_000 }).toEqual([]);
    await reader.getByRole('status').getByText('Markering verwijderd').waitFor();
    await reader.getByRole('status').getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => item.count()).toBe(1);
    await expect.poll(() => painted('methode')).toBe(1);
    await expect.poll(stored, { timeout: 15_000 }).toEqual([original]);
  }, 60_000);

  it('in English, at phone and desktop width', async () => {
    await reader.goto(`${s.app.url}/#/settings`);
    await reader.locator('#language').selectOption('en');
    await reader.goto(`${s.app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(clipId)}`);
    await reader.getByRole('heading', { level: 1, name: title }).waitFor();
    await clipHtml().locator('img[src^="blob:"]').waitFor();
    await reader.getByText('1 part removed').waitFor();
    await shot(reader, 'reader-en-desktop');
    await reader.getByRole('button', { name: 'Clean up' }).click();
    await reader.getByTestId('clean-blocks').waitFor();
    await reader.setViewportSize({ width: 390, height: 844 });
    await shot(reader, 'reader-clean-en-phone');
    await reader.getByRole('button', { name: 'Done' }).click();
    await shot(reader, 'reader-en-phone');
    expect(await reader.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await reader.setViewportSize({ width: 1280, height: 800 });
    await reader.goto(`${s.app.url}/#/settings`);
    await reader.locator('#language').selectOption('nl');
    expect(others()).toEqual([]);
  }, 60_000);
});
