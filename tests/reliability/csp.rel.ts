// Content-Security-Policies: the extension's pages (manifest, Chrome and Firefox builds) and
// the app (the server's headers) allow scripts only from their own package/origin — no
// 'unsafe-inline', no 'unsafe-eval', no remote hosts — no plugins, and no framing by other
// origins; and in Chromium an injected inline script or handler really is blocked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnipselServer } from '../../server/create-server.js';
import { distDir, launchWithExtension } from '../support/browser.js';
import { launchProfile, servePwa } from '../support/app.js';
import { report } from './support/mode.js';

function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

/** Problems with a policy; empty when it is strict. */
function strictnessProblems(policy: string): string[] {
  const d = directives(policy);
  const problems: string[] = [];
  const scripts = d.get('script-src') ?? d.get('default-src');
  if (!scripts) problems.push('no script-src');
  else {
    for (const value of scripts) {
      if (value !== "'self'" && value !== "'wasm-unsafe-eval'") problems.push(`script-src allows ${value}`);
    }
  }
  const objects = d.get('object-src') ?? d.get('default-src');
  if (!objects || objects.join(' ') !== "'none'") problems.push(`object-src is ${objects?.join(' ') ?? 'missing'}`);
  const ancestors = d.get('frame-ancestors');
  if (!ancestors || !ancestors.every((v) => v === "'none'" || v === "'self'")) problems.push(`frame-ancestors is ${ancestors?.join(' ') ?? 'missing'}`);
  if (!d.get('base-uri')?.every((v) => v === "'none'" || v === "'self'")) problems.push('base-uri missing or loose');
  return problems;
}

/** Inject an inline script, an inline handler and a javascript: URL; report what ran. */
const injectionsRun = `(() => new Promise((resolve) => {
  window.__cspProbe = 0;
  const s = document.createElement('script');
  s.textContent = 'window.__cspProbe += 1';
  document.body.append(s);
  const img = document.createElement('img');
  img.setAttribute('onerror', 'window.__cspProbe += 1');
  img.src = 'data:,x';
  document.body.append(img);
  const a = document.createElement('a');
  a.href = 'javascript:window.__cspProbe += 1';
  document.body.append(a);
  a.click();
  setTimeout(() => resolve(window.__cspProbe), 300);
}))()`;

describe('content security policies', () => {
  let pwa: KnipselServer;
  beforeAll(async () => {
    pwa = await servePwa();
  });
  afterAll(async () => {
    await pwa?.close();
  });

  it('the extension pages have a strict CSP (Chrome MV3 and Firefox MV2 builds)', () => {
    const chrome = JSON.parse(readFileSync(join(distDir, 'extension/chrome-mv3/manifest.json'), 'utf8'));
    const firefox = JSON.parse(readFileSync(join(distDir, 'extension/firefox-mv2/manifest.json'), 'utf8'));
    expect(strictnessProblems(chrome.content_security_policy?.extension_pages ?? '')).toEqual([]);
    expect(strictnessProblems(firefox.content_security_policy ?? '')).toEqual([]);
  });

  it('the app is served with a strict CSP on every HTML response', async () => {
    let checked = 0;
    for (const path of ['/', '/index.html', '/#/settings', '/no-such-page']) {
      const response = await fetch(pwa.url + path);
      const policy = response.headers.get('content-security-policy');
      if (!(response.headers.get('content-type') ?? '').includes('html')) continue;
      expect(policy, path).toBeTruthy();
      expect(strictnessProblems(policy!), path).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    report('csp', { appResponsesChecked: checked, manifestsChecked: 2 });
  });

  it('Chromium blocks injected inline script, handlers and javascript: URLs in extension pages and the app', async () => {
    const session = await launchWithExtension();
    const profile = await launchProfile();
    try {
      let pages = 0;
      for (const path of ['popup.html', 'sidepanel.html', 'options.html']) {
        const page = await session.openExtensionPage(path);
        expect(await page.evaluate(injectionsRun), path).toBe(0);
        pages++;
      }
      const app = profile.context.pages()[0] ?? (await profile.context.newPage());
      await app.goto(pwa.url);
      await app.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await app.evaluate(injectionsRun)).toBe(0);
      pages++;
      // Control: the same probe does run on a page without a policy.
      const plain = await profile.context.newPage();
      await plain.setContent('<html><body></body></html>');
      expect(await plain.evaluate(injectionsRun)).toBeGreaterThan(0);
      report('csp/live', { pagesProbed: pages, injectionsRun: 0 });
    } finally {
      await session.close();
      await profile.close();
    }
  });
});
