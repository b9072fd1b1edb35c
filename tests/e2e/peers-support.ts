// The harness of the peer-to-peer e2e test (peers.e2e.ts; its journey's steps in peers-steps.ts):
// the harness page (tests/e2e/peer-harness) built with Vite and served, with the signalling
// endpoint, from ONE origin — the Knipsel server on 127.0.0.1 with a random port —, each page in
// a browser context of its own, counting the bytes it sends over WebRTC.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { launchBrowser, repoRoot } from '../support/browser.js';

export type Snapshot = { name: string | null; id: string | null; clips: Array<{ id: string; title: string; note: string; themes: string[]; trashed: boolean }> };

const harnessDir = join(repoRoot, 'tests/e2e/peer-harness');

let outDir: string;
let server: KnipselServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let decryptFailures = 0;

/** The server's address (the harness page and the signalling endpoint). */
export const serverUrl = () => server.url;

/** Unhandled decryption failures in y-webrtc seen so far (a wrong-password peer in the room). */
export const decryptionFailures = () => decryptFailures;

// Bytes each page hands to its WebRTC data channels (to see what a first sync costs).
const countSentBytes = `(() => {
  const send = RTCDataChannel.prototype.send;
  window.__knipselSentBytes = 0;
  RTCDataChannel.prototype.send = function (data) {
    window.__knipselSentBytes += data.byteLength ?? data.length ?? data.size ?? 0;
    return send.call(this, data);
  };
})();`;
export const sentBytes = (page: Page) => page.evaluate(() => (window as unknown as { __knipselSentBytes: number }).__knipselSentBytes);

/** Builds the harness page and starts the server and the browser for the file (and stops them after). */
export function peerHarness(): void {
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'knipsel-peer-harness-'));
    await build({ root: harnessDir, configFile: false, logLevel: 'error', build: { outDir, emptyOutDir: true, minify: false } });
    server = await createKnipselServer({ dir: outDir, port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });
}

/** The harness page in a browser context of its own, ready. */
export async function openPage(path = '/'): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript({ content: countSentBytes });
  contexts.push(context);
  const page = await context.newPage();
  const n = contexts.length;
  page.on('pageerror', (error) => {
    // y-webrtc does not catch failed decryption of signalling messages from a peer with
    // another password (C): each shows up as an unhandled OperationError. Count those.
    if (error.message === 'OperationError' || error.name === 'OperationError') decryptFailures++;
    else console.warn(`[page ${n}] ${error.message}`);
  });
  await page.goto(server.url + path);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

export async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  let value = await read();
  while (!ok(value)) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

export const snap = (page: Page) => page.evaluate(() => window.knipselPeer.snapshot()) as Promise<Snapshot>;
export const status = (page: Page) => page.evaluate(() => window.knipselPeer.status());
