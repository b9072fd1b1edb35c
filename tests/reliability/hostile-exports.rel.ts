// Hostile pages in exports opened without any CSP: a portfolio (core renderPortfolioHtml) of
// the clips core made from them, opened as a plain file; and Markdown (the clipped dossier,
// plus clips a hostile peer wrote: every body vector and every hostile Markdown vector as the
// capture's Markdown, note and highlight note, with a javascript: source address), each file
// rendered by the CommonMark reference reader with raw HTML and every URL kept. Zero
// executions (the canary, the console marker, the beacon).
import { HtmlRenderer, Parser } from 'commonmark';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '@knipsel/core';
import type { Clip } from '@knipsel/core';
import { buildPortfolio, clipMarkdown, exportMarkdownZip, renderPortfolioHtml } from '@knipsel/core/export';
import { hostileMarkdown, noEvidence } from '@knipsel/core/testing';
import { buildHostileDossier, canaryOf, dangerous, exported, openExported, origin, serveHostilePages, vectors } from './hostile/hostile-site.js';
import { payload, textVector } from './hostile/vectors.js';
import { report } from './support/mode.js';

serveHostilePages();

describe('hostile pages', () => {
  it(`exported as a portfolio and opened without any CSP: ${vectors.length} clips, zero executions`, async () => {
    const { dossier } = buildHostileDossier();
    const model = buildPortfolio(dossier, {
      frameworkId: 'community-werker',
      locale: 'nl',
      author: `Sanne ${textVector('1')}`.slice(0, 200),
      period: `najaar ${textVector('2')}`.slice(0, 200),
      now: 1_700_000_000_000,
    });
    exported.portfolio = renderPortfolioHtml(model);
    await openExported('portfolio', async (page) => {
      expect(await canaryOf(page)).toBe(0);
      expect(await page.locator(dangerous).count()).toBe(0);
      // (Web links lead to the hostile pages themselves, whose own scripts run there.)
      for (const link of await page.locator('a[href]:not([href^="http"])').all()) await link.click({ modifiers: ['Control'] }).catch(() => undefined);
      expect(await canaryOf(page)).toBe(0);
    });
    report('hostile/portfolio', { clips: model.themes.reduce((n, t) => n + t.entries.length, 0), executions: 0 });
  });

  it(`exported as Markdown and read by a CommonMark reader without any CSP: zero executions`, async () => {
    const { dossier } = buildHostileDossier();
    const files = Object.values(unzipSync(exportMarkdownZip(dossier, { layout: 'flat', now: 1_700_000_000_000 }))).map((bytes) => strFromU8(bytes));
    // What a hostile peer can write into a clip directly (no extraction, no sanitising).
    const peerVectors = [
      ...vectors.map((v) => ({ id: v.id, markdown: (js: string) => v.html(js) })),
      ...hostileMarkdown('x').map((v) => ({ id: `md-${v.id}`, markdown: (js: string) => hostileMarkdown(js).find((w) => w.id === v.id)!.markdown })),
    ];
    for (const { id, markdown } of peerVectors) {
      const js = (where: string) => payload(origin, `${id}.${where}`);
      const clip: Clip = {
        id: `peer-${id}`,
        ...noEvidence(),
        capture: { ...dossier.clips.all()[0].capture, url: `javascript:${js('source')}`, markdown: markdown(js('markdown')) },
        title: `Van een peer ${textVector(js('title'))}`,
        note: markdown(js('note')),
        themes: [],
        highlights: [{ id: 'h', quote: { exact: 'bankje', prefix: '', suffix: '' }, position: null, note: markdown(js('highlight')), colour: 'vraag', createdAt: 1 }],
        trashed: false,
        trashedAt: null,
        createdAt: 1,
        updatedAt: 1,
      };
      files.push(clipMarkdown(clip, () => []));
    }
    const reader = new HtmlRenderer({ safe: false });
    exported.markdown = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Markdown</title></head><body>${files.map((file) => `<article>${reader.render(new Parser().parse(file))}</article>`).join('\n')}</body></html>`;
    let clicked = 0;
    await openExported('markdown', async (page) => {
      expect(await page.locator('article').count()).toBe(files.length);
      expect(await canaryOf(page)).toBe(0);
      expect(await page.locator(dangerous).count()).toBe(0);
      expect(await page.locator('article *:not(p, a, img, em, strong, code, pre, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, hr, br)').count()).toBe(0);
      for (const link of await page.locator('a[href]:not([href^="http"])').all()) {
        await link.click({ modifiers: ['Control'] }).catch(() => undefined);
        clicked++;
      }
      expect(await canaryOf(page)).toBe(0);
      await page.waitForTimeout(300);
    });
    report('hostile/markdown', { files: files.length, peerVectors: peerVectors.length, placesPerPeerClip: 5, otherLinksClicked: clicked, executions: 0 });
  });
});
