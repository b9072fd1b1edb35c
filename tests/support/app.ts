// The web app in end-to-end tests: the built app served by the real server (with its CSP),
// a browser profile on disk, both at once with one page (`openApp`), axe-core in a page, and
// screenshots for review.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { chromiumPath, pwaDir, quietFlags, repoRoot } from './browser.js';

export const shotsDir = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/pwa';

export async function servePwa(): Promise<KnipselServer> {
  if (!existsSync(join(pwaDir, 'index.html'))) throw new Error('dist/pwa is missing: run `npm run build:pwa` first.');
  return createKnipselServer({ dir: pwaDir, port: 0, host: '127.0.0.1' });
}

let axeSource: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol, which the page's CSP (script-src 'self') does not block.
  const hasAxe = await page.evaluate('typeof window.axe === "object"');
  if (!hasAxe) await page.evaluate(`${axeSource}\n;void 0`);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
}

/**
 * A browser profile on disk (not incognito: Chromium reports `in-incognito` as an
 * installability error for the contexts `launchBrowser()` makes).
 */
export interface ProfileOptions {
  locale?: string;
  viewport?: { width: number; height: number };
}

export async function launchProfile(options: ProfileOptions = {}): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'knipsel-pwa-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    locale: options.locale ?? 'nl-NL',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    args: [...quietFlags, '--no-sandbox'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface AppInProfile {
  server: KnipselServer;
  context: BrowserContext;
  /** The profile's first page, on about:blank. */
  page: Page;
  /** Errors the first page threw (uncaught), as text. */
  errors: string[];
  close(): Promise<void>;
}

/** The built app served by the real server and a profile to open it in; `timeout` is the profile's default wait. */
export async function openApp(options: ProfileOptions & { timeout: number }): Promise<AppInProfile> {
  const server = await servePwa();
  const profile = await launchProfile(options).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  profile.context.setDefaultTimeout(options.timeout);
  const page = profile.context.pages()[0] ?? (await profile.context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  return {
    server,
    context: profile.context,
    page,
    errors,
    async close() {
      await profile.close();
      await server.close();
    },
  };
}

/**
 * For a test file: the app and its profile, opened before the file's tests and closed after
 * them; the fields are there from the first `beforeAll` after this call on.
 */
export function appForFile(options: ProfileOptions & { timeout: number }): AppInProfile {
  const app = {} as AppInProfile;
  beforeAll(async () => {
    Object.assign(app, await openApp(options));
  });
  afterAll(async () => {
    await app.close?.();
  });
  return app;
}

/**
 * Opens the app at `url` and reloads it once its service worker is ready; true when the
 * service worker then controls the page (as for an installed app).
 */
export async function controlledByServiceWorker(page: Page, url: string): Promise<boolean> {
  const firstHeading = page.getByRole('heading', { level: 1, name: 'Knipsels' });
  await page.goto(url);
  await firstHeading.waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await firstHeading.waitFor();
  return page.evaluate(() => navigator.serviceWorker.controller !== null);
}

/** Add a clip by web address in the dossier on screen; returns its id once its reader shows. */
export async function addBookmark(page: Page, url: string, title: string, note = ''): Promise<string> {
  await page.getByRole('button', { name: 'Knipsel toevoegen' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Knipsel toevoegen' });
  await dialog.getByLabel('Webadres').fill(url);
  await dialog.getByLabel('Titel (optioneel)').fill(title);
  if (note) await dialog.getByLabel('Je notitie (optioneel)').fill(note);
  await dialog.getByRole('button', { name: 'Knipsel bewaren' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  return decodeURIComponent(new URL(page.url()).hash.split('/')[4]);
}

/** Makes a dossier on the dossiers screen on show; returns its id once its clip list shows. */
export async function makeDossier(page: Page, name: string): Promise<string> {
  await page.getByLabel('Naam van het dossier').fill(name);
  await page.getByRole('button', { name: 'Dossier maken' }).click();
  await page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor();
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
}

/** Opens "Knipsel toevoegen" in the main area and fills in a pasted text; returns the dialog, not yet saved. */
export async function fillTextClip(page: Page, title: string, text: string): Promise<Locator> {
  await page.getByRole('main').getByRole('button', { name: 'Knipsel toevoegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Knipsel toevoegen' });
  await dialog.getByLabel('Geplakte tekst').check();
  await dialog.getByLabel('Titel (optioneel)').fill(title);
  await dialog.getByLabel('Tekst', { exact: true }).fill(text);
  return dialog;
}
