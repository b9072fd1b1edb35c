// Tests for serving the built web app: MIME types, caching, SPA fallback, traversal, headers.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.js';
import { createKnipselServer } from './create-server.js';
import type { KnipselServer } from './create-server.js';
import { parseRequestPath } from './static-files.js';
import { rawGet } from './test-clients.js';

let tmp: string;
let server: KnipselServer;

const files: Record<string, string> = {
  'index.html': '<!doctype html><title>Knipsel</title>',
  'sw.js': 'self.addEventListener("fetch", () => {});',
  'manifest.webmanifest': '{"name":"Knipsel"}',
  'assets/index-AbC123xy.js': 'console.log(1);',
  'assets/worker-AbC123xy.mjs': 'export {};',
  'assets/icon-AbC123xy.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'assets/font-AbC123xy.woff2': 'wOF2',
  'icon-192.png': 'PNG',
  'favicon.ico': 'ICO',
  'data.json': '{}',
  'robots.txt': 'User-agent: *',
  'docs/index.html': '<!doctype html><title>docs</title>',
  '.env': 'SECRET=1',
};

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'knipsel-static-'));
  const dir = join(tmp, 'pwa');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  writeFileSync(join(tmp, 'secret.txt'), 'outside');
  symlinkSync(join(tmp, 'secret.txt'), join(dir, 'link.txt'));
  server = await createKnipselServer({ port: 0, dir });
});

afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('static files', () => {
  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
    ['/sw.js', 'text/javascript; charset=utf-8'],
    ['/assets/worker-AbC123xy.mjs', 'text/javascript; charset=utf-8'],
    ['/manifest.webmanifest', 'application/manifest+json'],
    ['/assets/icon-AbC123xy.svg', 'image/svg+xml'],
    ['/icon-192.png', 'image/png'],
    ['/assets/font-AbC123xy.woff2', 'font/woff2'],
    ['/data.json', 'application/json; charset=utf-8'],
    ['/robots.txt', 'text/plain; charset=utf-8'],
    ['/favicon.ico', 'image/x-icon'],
  ])('serves %s as %s', async (path, type) => {
    const res = await fetch(server.url + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves the file content', async () => {
    const res = await fetch(`${server.url}/assets/index-AbC123xy.js`);
    expect(await res.text()).toBe(files['assets/index-AbC123xy.js']);
  });

  it('sends the CSP with HTML but not with scripts', async () => {
    const html = await fetch(`${server.url}/`);
    expect(html.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self'");
    // Reading a clip contacts no third party: no remote images at all.
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data: blob:;");
    const js = await fetch(`${server.url}/sw.js`);
    expect(js.headers.get('content-security-policy')).toBeNull();
  });

  it('isolates app documents from other windows and turns off features the app never uses', async () => {
    for (const path of ['/', '/d/abc/list']) {
      const res = await fetch(server.url + path, { headers: { accept: 'text/html' } });
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      const policy = res.headers.get('permissions-policy') ?? '';
      for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()']) expect(policy, path).toContain(feature);
    }
  });

  it('revalidates index, service worker and manifest; caches hashed assets forever', async () => {
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      expect((await fetch(server.url + path)).headers.get('cache-control'), path).toBe('no-cache');
    }
    const asset = await fetch(`${server.url}/assets/index-AbC123xy.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a matching ETag with 304', async () => {
    const first = await fetch(`${server.url}/sw.js`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${server.url}/sw.js`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });

  it('falls back to index.html for navigations without an extension', async () => {
    const res = await fetch(`${server.url}/dossier/abc/clip/1`, { headers: { Accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(files['index.html']);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves index.html of a directory', async () => {
    const res = await fetch(`${server.url}/docs/`);
    expect(await res.text()).toBe(files['docs/index.html']);
  });

  it('answers 404 for missing files and non-navigation requests', async () => {
    expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/assets/missing-123.css`, { headers: { Accept: 'text/html' } })).status).toBe(404);
    const api = await fetch(`${server.url}/dossier/abc`, { headers: { Accept: 'application/json' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fpackage.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2e%2e/package.json',
    '/assets/../../package.json',
    '/..%5cpackage.json',
    '/%2e%2e%2f%2e%2e%2fetc/passwd',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('refuses traversal %s', async (target) => {
    const res = await rawGet(server.url, target, { Accept: 'text/html' });
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('"name": "knipsel"');
    expect(res.body).not.toContain('outside');
  });

  it('does not follow symlinks out of the directory or serve dotfiles', async () => {
    expect((await fetch(`${server.url}/link.txt`)).status).toBe(404);
    const env = await fetch(`${server.url}/.env`);
    expect(env.status).toBe(404);
    expect(await env.text()).not.toContain('SECRET');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await rawGet(server.url, '/index.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const post = await fetch(`${server.url}/index.html`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('parseRequestPath', () => {
  it('splits clean paths and ignores the query', () => {
    expect(parseRequestPath('/assets/a.js?v=1#x')).toEqual({ ok: true, segments: ['assets', 'a.js'] });
    expect(parseRequestPath('/')).toEqual({ ok: true, segments: [] });
    expect(parseRequestPath('/caf%C3%A9.txt')).toEqual({ ok: true, segments: ['café.txt'] });
  });

  it('refuses dot-dot in any encoding', () => {
    expect(parseRequestPath('/../x').ok).toBe(false);
    expect(parseRequestPath('/%2e%2e/x').ok).toBe(false);
    expect(parseRequestPath('/a/%2E%2E%2F..%2Fx').ok).toBe(false);
    expect(parseRequestPath('http://evil/x').ok).toBe(false);
  });
});

describe('app not built', () => {
  it('answers / with a page that says to run npm start', async () => {
    const missing = await createKnipselServer({ port: 0, dir: join(tmpdir(), 'knipsel-does-not-exist-' + process.pid) });
    try {
      const res = await fetch(`${missing.url}/`);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const body = await res.text();
      expect(body).toContain('npm start');
      expect(body).toContain('not been built');
      expect((await fetch(`${missing.url}/sw.js`)).status).toBe(404);
      expect((await fetch(`${missing.url}/health`)).status).toBe(200);
    } finally {
      await missing.close();
    }
  });
});
