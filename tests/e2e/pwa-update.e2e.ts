// A new version of the web app: when a new service worker is waiting, the app says
// "Nieuwe versie beschikbaar" and "Vernieuwen" switches to it. Served from a copy of the build
// so the test can publish a "new version" by changing sw.js.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { pwaDir } from '../support/browser.js';
import { launchProfile } from '../support/app.js';

let server: KnipselServer | undefined;
let profile: Awaited<ReturnType<typeof launchProfile>> | undefined;
const dir = mkdtempSync(join(tmpdir(), 'knipsel-pwa-build-'));

afterAll(async () => {
  await profile?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('tells the user a new version is ready and switches to it', async () => {
  cpSync(pwaDir, dir, { recursive: true });
  server = await createKnipselServer({ dir, port: 0, host: '127.0.0.1' });
  profile = await launchProfile();
  const page = profile.context.pages()[0] ?? (await profile.context.newPage());
  profile.context.setDefaultTimeout(10_000);
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload(); // a later visit: the worker controls the page
  await page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await page.getByText('Nieuwe versie beschikbaar').count()).toBe(0);

  appendFileSync(join(dir, 'sw.js'), '\n// a new release\n');
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
  await page.getByText('Nieuwe versie beschikbaar').waitFor();
  const oldWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  expect(oldWorker).toBeTruthy();
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Vernieuwen' }).click()]);
  await page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor();
  expect(await page.getByText('Nieuwe versie beschikbaar').count()).toBe(0);
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null))).toBeNull();
});
