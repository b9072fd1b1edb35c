// Shared setup of the export e2e files: the built app in a fresh profile, a seed dossier made
// by core (every kind of field) written as a backup, and the steps a person takes on the
// Dossiers and Export screens.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { type Dossier } from '@knipsel/core';
import { createBackup, inspectDossierState, readBackup } from '@knipsel/core/export';
import { makeCapture, makeTestDossier } from '@knipsel/core/testing';
import { appForFile } from '../support/app.js';

/** Registers the app's hooks for the calling test file and returns its helpers. */
export function exportSession(name: string) {
  const shots = join(process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/export', name);
  const fixtures = join(import.meta.dirname, '../fixtures/imports');
  const work = mkdtempSync(join(tmpdir(), 'knipsel-export-e2e-'));

  const app = appForFile({ timeout: 10_000 });
  let page: Page;

  const seed = makeTestDossier({ id: 'leergang-cw', name: 'Leergang community werk' });
  // Two more clips so the portfolio has a choice to leave out and a long reflection.
  const extra = seed.dossier.clips.add({
    capture: makeCapture({ title: 'Talenten verbinden in de buurt', url: 'https://www.movisie.nl/talenten-verbinden', siteName: 'Movisie', byline: 'de Boer, L.' }),
    note: 'Ik zag hoe de opbouwwerker bewoners met elkaar in contact bracht.\n\nVolgende keer vraag ik eerst wat bewoners zelf willen.\n\nUit een forum geplakt: <img src=x onerror="document.title=\'gehackt\'">',
    themes: ['community-werker.leefwereld'],
  });
  const leftOut = seed.dossier.clips.add({
    capture: makeCapture({ title: 'Niet in het portfolio', url: 'https://www.example.org/niet' }),
    themes: ['community-werker.eigenaarschap'],
  });

  let seedFile = '';

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    seedFile = join(work, 'knipsel-backup-leergang.knipsel');
    writeFileSync(seedFile, await createBackup(seed.dossier, { appVersion: '0.1.0' }));
    page = app.page;
    page.on('pageerror', (error) => console.error('[page error]', error));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(`failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
  });

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${name}( \\d+)?$`) });

  async function shot(name: string, target: Page = page): Promise<void> {
    // A modal dialog is shown as the viewport shows it; screens as the whole page.
    const modal = (await target.locator('dialog[open]').count()) > 0;
    await target.screenshot({ path: join(shots, `${name}.png`), fullPage: !modal });
  }

  /** Screenshots at phone and desktop width of what is on screen now. */
  async function shotBoth(name: string): Promise<void> {
    const before = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(150);
    await shot(`${name}-phone`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(150);
    await shot(`${name}-desktop`);
    if (before) await page.setViewportSize(before);
  }

  async function noSidewaysScroll(): Promise<void> {
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  }

  async function download(click: () => Promise<unknown>): Promise<{ name: string; bytes: Uint8Array }> {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
  }

  /** What a dossier holds, field by field (clips sorted by id). */
  function contents(dossier: Dossier) {
    return {
      meta: dossier.meta(),
      frameworks: dossier.frameworks.list({ includeDisabled: true }),
      clips: dossier.clips.all().sort((a, b) => a.id.localeCompare(b.id)),
    };
  }

  async function dossierOfBackup(bytes: Uint8Array): Promise<Dossier> {
    return inspectDossierState((await readBackup(bytes)).state).dossier;
  }

  async function openExport(): Promise<void> {
    await nav('Exporteren').click();
    await heading('Exporteren en importeren').waitFor();
  }

  async function downloadBackup(): Promise<Dossier> {
    await openExport();
    const file = await download(() => page.getByRole('button', { name: 'Back-up downloaden' }).click());
    expect(file.name).toMatch(/^knipsel-backup-.+-\d{4}-\d{2}-\d{2}\.knipsel$/);
    return dossierOfBackup(file.bytes);
  }

  const currentDossierId = () => decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');

  async function dossierNames(): Promise<string[]> {
    await nav('Dossiers').click();
    await heading('Je dossiers').waitFor();
    return page.locator('.dossiers h2').allTextContents();
  }

  /** Restores the seed backup as a new dossier through the Dossiers screen; returns its id. */
  async function restoreSeed(): Promise<string> {
    await page.goto(app.server.url);
    await heading('Knipsels').waitFor();
    await nav('Dossiers').click();
    await heading('Je dossiers').waitFor();
    await page.getByLabel('Kies een back-up (.knipsel)').setInputFiles(seedFile);
    await page.getByRole('dialog', { name: 'Back-up terugzetten' }).getByRole('button', { name: 'Terugzetten' }).click();
    await heading('Knipsels').waitFor();
    return currentDossierId();
  }

  return {
    app,
    get page() {
      return page;
    },
    get seedFile() {
      return seedFile;
    },
    shots,
    seed,
    extra,
    leftOut,
    work,
    fixtures,
    heading,
    nav,
    shot,
    shotBoth,
    noSidewaysScroll,
    download,
    contents,
    dossierOfBackup,
    openExport,
    downloadBackup,
    currentDossierId,
    dossierNames,
    restoreSeed,
  };
}
