// Rows that need the finished apps. Each is one function returning BenchRow[]; until the
// part it measures exists, it returns no rows and says why in the notes.
//
// - Web app cold start   (runAppColdStartBench):  navigation → first clip card, 5,000.   [≤ 1 s]
// (Clip in the browser: bench/clip-bench.ts; sync rows: bench/sync-bench.ts.)
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presetFrameworks } from '@knipsel/core';
import { createKnipselServer } from '../server/create-server.js';
import { buildHarness, newProfile, openSession, writeJson } from './browser-harness.js';
import { loadSources } from './corpus/sources.js';
import { repeat, spread, summarize, type BenchContext } from './lib.js';
import { extensionDist, pwaDist } from './size-bench.js';
import type { BenchRow } from './table.js';

/**
 * Web app cold start at 5,000 clips: the built app (dist/pwa) served by createKnipselServer on
 * its own origin, with the bench page copied in at /bench/ to seed the app's IndexedDB. Each
 * run is a fresh browser process on that profile (service worker installed by the warm-up
 * run, as for an installed PWA); the figure is navigation start → first clip card in the DOM.
 * Baseline: the same browser showing the static bench page (navigation → a plain DOM node),
 * i.e. the floor of starting Chromium's page load on this machine.
 */
const cardSelector = '[data-clip-id], .clip-card, li.clip.card';

export async function runAppColdStartBench(ctx: BenchContext): Promise<BenchRow[]> {
  if (!existsSync(join(pwaDist, 'index.html'))) {
    ctx.note('web app cold start: not measured — dist/pwa is not built (`--build`).');
    return [];
  }
  const n = Number(process.env.BENCH_APP_CLIPS ?? 5000);
  const runs = ctx.quick ? 3 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'knipsel-bench-app-'));
  const profile = newProfile();
  try {
    cpSync(pwaDist, dir, { recursive: true });
    const page = await buildHarness(['core-bench.html']);
    cpSync(page, join(dir, 'bench'), { recursive: true });
    rmSync(page, { recursive: true, force: true });
    writeJson(join(dir, 'bench'), 'fixture.json', { sources: loadSources(), themeIds: presetFrameworks.flatMap((f) => f.themes.map((t) => t.id)) });
    const server = await createKnipselServer({ dir, port: 0 });
    try {
      ctx.log(`app: seeding ${n.toLocaleString('en-US')} clips into the app's IndexedDB…`);
      const seed = await openSession(profile.dir, `${server.url}/bench/core-bench.html`, 'knipselBenchReady');
      const seeded = await seed.page.evaluate((count) => window.knipselBench.seedApp(count), n);
      await seed.close();

      const firstCard = async (): Promise<{ app: number; floor: number }> => {
        const s = await openSession(profile.dir, 'about:blank');
        try {
          // A string, not a function: tsx would wrap a function with helpers the page lacks.
          await s.page.addInitScript(`{
            const seen = () => {
              if (window.__firstCard === undefined && document.querySelector(${JSON.stringify(cardSelector)})) window.__firstCard = performance.now();
            };
            new MutationObserver(seen).observe(document, { childList: true, subtree: true });
          }`);
          const errors: string[] = [];
          s.page.on('pageerror', (error) => errors.push(error.message));
          s.page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
          await s.page.goto(`${server.url}/`);
          try {
            await s.page.waitForFunction(() => (window as unknown as { __firstCard?: number }).__firstCard !== undefined, null, { timeout: 60_000 });
          } catch (error) {
            const shown = await s.page.evaluate(() => `${location.href} — ${document.body.innerText.replace(/\s+/g, ' ').slice(0, 300)}`);
            throw new Error(`no clip card within 60 s; page shows: ${shown}; errors: ${errors.join(' | ').slice(0, 500) || 'none'}`, { cause: error });
          }
          const app = await s.page.evaluate(() => (window as unknown as { __firstCard: number }).__firstCard);
          // Floor: the static bench page's first paragraph, same process (warm), same method.
          await s.page.goto(`${server.url}/bench/core-bench.html`);
          const floor = await s.page.evaluate(() => performance.getEntriesByType('navigation')[0]?.toJSON().domContentLoadedEventEnd as number);
          return { app, floor };
        } finally {
          await s.close();
        }
      };

      const results = await repeat(
        async (run, warmup) => {
          ctx.log(`app: cold start ${warmup ? 'warm-up (installs the service worker)' : `run ${run}`}…`);
          return firstCard();
        },
        { warmup: 1, runs, budgetMs: ctx.quick ? 60_000 : 150_000 },
      );
      const app = results.map((r) => r.app);
      const floor = results.map((r) => r.floor);
      ctx.note(`web app cold start: dossier ${seeded.id}, ${(seeded.bytes / 1e6).toFixed(1)} MB stored; first clip card selector "${cardSelector}".`);
      return [
        {
          area: `app ${n.toLocaleString('en-US')}`,
          metric: `web app cold start → first clip card, ms (${spread(app)})`,
          knipsel: summarize(app).median,
          baseline: summarize(floor).median,
          baselineName: 'static page DOMContentLoaded, same browser',
          target: '≤ 1 s',
          met: summarize(app).median <= 1000,
          digits: 0,
        },
      ];
    } finally {
      await server.close();
    }
  } finally {
    profile.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}
