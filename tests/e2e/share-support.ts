// What the sharing e2e tests (share*.e2e.ts, relay.e2e.ts, sharing-truth.e2e.ts, together.e2e.ts) have in common: the
// built app on the real server and one Chromium for the file (`sharingSuite`), an app
// in a context of its own with the STUN servers cleared in Settings (no internet here: peers
// connect within this machine), screenshots at desktop and phone width with the axe and
// overflow checks, and a relay's owner panel: registering and making links.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { KnipselServer } from '../../server/create-server.js';
import { createRelay, type Relay } from '../../server/relay/create-relay.js';
import { launchBrowser } from '../support/browser.js';
import { seriousViolations, servePwa } from '../support/app.js';

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 860 };

export interface Peer {
  context: BrowserContext;
  page: Page;
}

/** A new context (its own storage, like another profile) with one page, its errors logged under `label`. */
async function newAppPage(browser: Browser, label: string, contexts: BrowserContext[]): Promise<Peer> {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: desktop });
  contexts.push(context);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    // y-webrtc does not catch failed decryption of signalling messages from a peer with
    // another password: those surface as OperationError and are expected.
    if (error.name !== 'OperationError' && error.message !== 'OperationError') console.warn(`[${label}] ${error.message}`);
  });
  page.on('console', (message) => {
    if (process.env.KNIPSEL_DEBUG || message.text().includes('[knipsel/')) console.info(`[${label}] ${message.text()}`);
  });
  return { context, page };
}

/** The built app open in Settings, STUN servers cleared. `beforeSaving` may try the settings form first. */
async function openSharingApp(browser: Browser, appUrl: string, label: string, contexts: BrowserContext[], beforeSaving?: (page: Page) => Promise<void>): Promise<Peer> {
  const peer = await newAppPage(browser, label, contexts);
  const { page } = peer;
  await page.goto(`${appUrl}/#/settings`);
  await page.getByRole('heading', { level: 1, name: 'Instellingen' }).waitFor();
  await beforeSaving?.(page);
  await page.getByLabel('STUN-servers').fill('');
  await page.getByRole('button', { name: 'Instellingen bewaren' }).click();
  await page.getByText('Instellingen bewaard').first().waitFor();
  return peer;
}

/** Screenshots of a screen at desktop and phone width into `dir`, with no serious axe violations and no sideways scrolling on a phone. */
export function screenshotsIn(dir: string): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    mkdirSync(dir, { recursive: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(dir, `${name}-desktop.png`), fullPage: true });
    await page.setViewportSize(phone);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(dir, `${name}-phone.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await page.setViewportSize(desktop);
  };
}

/**
 * The built app on the real Knipsel server and one Chromium, started before the file's tests
 * and closed after them with every app context opened through `openApp`.
 */
export function sharingSuite(): {
  readonly url: string;
  /** The app in a new context, open in Settings with the STUN servers cleared (for WebRTC peers). */
  openApp(label: string, beforeSaving?: (page: Page) => Promise<void>): Promise<Peer>;
  /** The app in a new context, open at `path` (e.g. an invite link's hash). */
  openPage(label: string, path?: string): Promise<Peer>;
} {
  let server: KnipselServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await servePwa();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      return server.url;
    },
    openApp: (label, beforeSaving) => openSharingApp(browser, server.url, label, contexts, beforeSaving),
    async openPage(label, path = '/#/') {
      const peer = await newAppPage(browser, label, contexts);
      await peer.page.goto(`${server.url}${path}`);
      return peer;
    },
  };
}

/** On the share screen: invites for this dossier under `name`; returns the invitation link once it shows. */
export async function inviteLink(page: Page, name: string): Promise<string> {
  await page.getByLabel('Je naam').fill(name);
  await page.getByRole('radio', { name: /Dit dossier/ }).check();
  await page.getByRole('button', { name: 'Uitnodigingslink maken' }).click();
  const linkInput = page.getByRole('textbox', { name: 'Uitnodigingslink' });
  await expect.poll(() => linkInput.inputValue()).toContain('#/join/');
  return linkInput.inputValue();
}

/** On the share screen's relay panel: registers the dossier at the relay `wsUrl` as its owner. */
export async function registerAtRelay(panel: Locator, wsUrl: string): Promise<void> {
  await panel.getByLabel('Adres van de relay-server').fill(wsUrl);
  await panel.getByRole('button', { name: 'Registreren als eigenaar' }).click();
  await panel.locator('[data-relay-status="connected"]').waitFor();
}

/** On a registered relay panel: an edit link for `editor` and a read-only link for an assessor, once both are listed. */
export async function relayLinks(panel: Locator, editor: string): Promise<{ editLink: string; readLink: string }> {
  await panel.getByLabel('Voor wie? (optioneel)').fill(editor);
  await panel.getByRole('button', { name: 'Link om te bewerken' }).click();
  const editLink = await panel.locator('[data-relay-link="edit"]').inputValue();
  await panel.getByLabel('Voor wie? (optioneel)').fill('Assessor');
  await panel.getByRole('button', { name: 'Alleen-lezen link voor een assessor' }).click();
  const readLink = await panel.locator('[data-relay-link="read-only"]').inputValue();
  await panel.locator('[data-relay-token]').nth(1).waitFor();
  return { editLink, readLink };
}

/**
 * A relay of the file's own (SQLite in a temporary folder, on 127.0.0.1 — another origin than
 * the app), started before the file's tests and closed after them. Revoked tokens are swept
 * every 500 ms, so a revoked member is refused within a moment.
 */
export function relaySuite(): { readonly relay: Relay } {
  let relay: Relay;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'knipsel-relay-e2e-'));
    relay = await createRelay({ database: join(dir, 'relay.sqlite'), port: 0, revocationSweepMs: 500 });
  });
  afterAll(async () => {
    await relay?.close().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get relay() {
      return relay;
    },
  };
}
