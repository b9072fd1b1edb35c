// PDFs in the extension: a report open in Chromium's PDF viewer clipped from the popup (text per
// page, metadata, the file kept in the extension's file store), and a link to a PDF clipped from
// the context menu ("Knip PDF"). The PDFs were printed by Chromium from the Dutch fixture pages.
// Run after `npm run build:extension`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, loadedTabId, type ExtensionSession } from '../support/browser';
import { expectKenniskringClip, keptFileSize, pdfBytes, servedPdfs } from '../support/pdf-fixtures.js';

declare const chrome: any;

let server: Server;
let base = '';
let session: ExtensionSession;
let worker: Worker;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (servedPdfs[path]) {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(pdfBytes(servedPdfs[path]));
      return;
    }
    if (path === '/publicaties.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html lang="nl"><head><title>Publicaties</title></head><body><h1>Publicaties</h1><p><a href="/rapporten/transformatie.pdf">Transformatie in sociaal domein (PDF)</a></p></body></html>',
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  session = await launchWithExtension();
  worker = session.context.serviceWorkers()[0];
});

afterAll(async () => {
  await session?.close();
  server?.close();
});

async function request<T = any>(page: Page, type: string, input: unknown): Promise<T> {
  const reply = await page.evaluate(([t, i]) => chrome.runtime.sendMessage({ knipsel: 1, type: t, input: i }), [type, input] as const);
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

describe('PDFs in the extension', () => {
  it('clips a PDF open in the PDF viewer from the popup, keeping the file', async () => {
    const tab = await session.context.newPage();
    await tab.goto(`${base}/rapporten/kenniskring.pdf`).catch(() => undefined); // the viewer is not a document load Playwright waits for
    const tabId = await loadedTabId(worker, `${base}/rapporten/kenniskring.pdf`);
    const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.getByTestId('preview-title').waitFor({ timeout: 30_000 });
    expect(await popup.getByTestId('preview-title').innerText()).toBe('Professional sleutel tot succes');
    expect(await popup.getByTestId('preview-pages').innerText()).toBe('3 pagina’s');
    expect(await popup.getByTestId('preview-site').innerText()).toBe('Alleato');
    // No article/selection/link modes for a PDF; the file may be kept, its size and the limit in view.
    expect(await popup.locator('fieldset.modes').count()).toBe(0);
    const keep = popup.getByTestId('keep-file');
    expect(await keep.innerText()).toMatch(/Bewaar het PDF-bestand ook\s+\d+ kB · bestanden tot 20 MB worden bewaard/);
    expect(await keep.locator('input').isChecked()).toBe(true);
    await popup.screenshot({ path: '/tmp/knipsel-shots/extension-pdf-popup.png' });
    await popup.getByRole('button', { name: 'Bewaren in Knipsel' }).click();
    await popup.getByTestId('saved').waitFor();

    const dossierId = (await request(popup, 'dossiers/list', {})).defaultId;
    const { rows } = await request(popup, 'clips/list', { dossierId });
    const row = rows.find((r: { title: string }) => r.title === 'Professional sleutel tot succes');
    expect(row.mode).toBe('pdf');
    const { clip } = await request(popup, 'clip/get', { dossierId, clipId: row.id });
    expectKenniskringClip(clip, `${base}/rapporten/kenniskring.pdf`);
    expect(await popup.evaluate(keptFileSize, clip.capture.pdf.file.sha256)).toBe(pdfBytes('rapport-kenniskring.pdf').byteLength);
    // Searchable like any clip.
    const hits = await request(popup, 'clips/list', { dossierId, query: 'kenniskring wijkontwikkeling' });
    expect(hits.rows.map((r: { id: string }) => r.id)).toContain(row.id);
  });

  it('clips a link to a PDF from the context menu ("Knip PDF")', async () => {
    const page = await session.context.newPage();
    await page.goto(`${base}/publicaties.html`);
    const tabId = await loadedTabId(worker, `${base}/publicaties.html`);
    const result = await worker.evaluate(([id, url]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-pdf', linkUrl: url }, { id }), [
      tabId,
      `${base}/rapporten/transformatie.pdf`,
    ] as const);
    expect(result.status).toBe('saved');
    const options = await session.openExtensionPage('options.html');
    const { clip } = await request(options, 'clip/get', { dossierId: result.dossierId, clipId: result.clipId });
    expect(clip.title).toBe('Transformatie in sociaal domein gaat niet zonder community werk');
    expect(clip.capture).toMatchObject({ mode: 'pdf', byline: 'Jaap Ikink en Ben Koenen', siteName: 'Platform voor buurtontwikkeling', published: '2016-12' });
    expect(clip.capture.pdf.pages).toHaveLength(3);
    expect(await options.evaluate(keptFileSize, clip.capture.pdf.file.sha256)).toBe(pdfBytes('rapport-transformatie.pdf').byteLength);
    // The same link again is recognised as already clipped.
    const again = await worker.evaluate(([id, url]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-pdf', linkUrl: url }, { id }), [
      tabId,
      `${base}/rapporten/transformatie.pdf`,
    ] as const);
    expect(again).toMatchObject({ status: 'duplicate', clipId: result.clipId });
  });
});
