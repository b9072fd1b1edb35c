// Huge pages: a page nested 100,000 deep, one of 200,000 elements and one that its own script
// nests 1,000 deep (deeper than Chromium's HTML parser ever nests; much deeper, Chromium's own
// layout gives up on the tab), read by the extract command line (jsdom) and clipped by the
// built extension in Chromium. Both places apply the same limits (core/capture/page-limits.ts): each
// answers, keeps the text the limits allow, and says so with the page-limited warning — where
// the command line used to overflow its stack after 40 s or run for minutes.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageLimits } from '@knipsel/core/capture';
import { launchWithExtension, loadedTabId, repoRoot } from '../support/browser.js';
import { report } from './support/mode.js';

declare const chrome: any;

const marker = 'De kern van het verhaal staat hier.';
const shell = (body: string, script = '') => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Groot</title>${script}</head><body>${body}</body></html>`;

/** Each page, and a sentence of it that must come through the limits. */
const pages: Record<string, { html: string; kept: string }> = {
  deep: { html: shell(`${'<div>'.repeat(100_000)}<p>${marker}</p>${'</div>'.repeat(100_000)}`), kept: marker },
  wide: {
    html: shell(`<article><p>${marker}</p>${Array.from({ length: 200_000 }, (_, i) => `<span>woord ${i}</span>`).join('')}</article>`),
    kept: marker,
  },
  scripted: {
    html: shell(
      '',
      `<script>addEventListener('DOMContentLoaded', () => { let el = document.body; for (let i = 0; i < 1000; i++) el = el.appendChild(document.createElement('div')); el.appendChild(document.createElement('p')).textContent = ${JSON.stringify(marker)}; });</script>`,
    ),
    kept: marker,
  },
};

interface Answer {
  warnings: string[];
  text: string;
  confidence: number;
}

let server: Server;
let origin = '';
const dir = mkdtempSync(join(tmpdir(), 'knipsel-huge-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    const page = pages[/^\/(\w+)\.html$/.exec(req.url ?? '')?.[1] ?? ''];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(file: string, url: string): Promise<Answer> {
  const tsx = join(repoRoot, 'node_modules/.bin/tsx');
  return new Promise((resolve, reject) => {
    execFile(tsx, [join(repoRoot, 'scripts/extract.ts'), file, '--url', url], { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024, timeout: 170_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`extract failed: ${stderr || error.message}`));
      const out = JSON.parse(stdout);
      resolve({ warnings: out.warnings.map((w: { code: string }) => w.code), text: out.capture.text, confidence: out.confidence });
    });
  });
}

function check(name: string, answer: Answer): void {
  expect(answer.warnings, name).toContain('page-limited');
  expect(answer.warnings, name).not.toContain('extract-failed');
  expect(answer.text, name).toContain(pages[name]!.kept);
  expect(answer.confidence, name).toBeLessThanOrEqual(0.6);
}

describe('huge pages', () => {
  it('the extract command line answers on each parsed page, within the limits', { timeout: 400_000 }, async () => {
    let answered = 0;
    for (const name of ['deep', 'wide']) {
      const file = join(dir, `${name}.html`);
      writeFileSync(file, pages[name]!.html);
      check(name, await cli(file, `${origin}/${name}.html`));
      answered += 1;
    }
    report('huge-pages/cli', { pages: 2, answered, limited: answered, maxElements: pageLimits.maxElements, maxDepth: pageLimits.maxDepth });
  });

  it('the extension clips each page in Chromium, within the same limits', { timeout: 300_000 }, async () => {
    const session = await launchWithExtension();
    const worker = session.context.serviceWorkers()[0]!;
    let answered = 0;
    try {
      const options = await session.openExtensionPage('options.html');
      for (const name of Object.keys(pages)) {
        const url = `${origin}/${name}.html`;
        const tab = await session.context.newPage();
        await tab.goto(url).catch((error: Error) => {
          throw new Error(`${name}: ${error.message}`);
        });
        const tabId = await loadedTabId(worker, url);
        const reply = await options.evaluate((id) => chrome.runtime.sendMessage({ knipsel: 1, type: 'clip/preview', input: { tabId: id, mode: 'article' } }), tabId);
        const preview = reply.value;
        expect(preview?.ok, `${name}: ${JSON.stringify(reply).slice(0, 300)}`).toBe(true);
        check(name, { warnings: preview.warnings.map((w: { code: string }) => w.code), text: preview.capture.text, confidence: preview.confidence });
        answered += 1;
        await tab.close();
      }
    } finally {
      await session.close();
    }
    report('huge-pages/extension', { pages: Object.keys(pages).length, answered, limited: answered });
  });
});
