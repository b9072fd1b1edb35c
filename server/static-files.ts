// Serves the built web app from one directory: MIME types, caching, SPA fallback to
// index.html for navigations, and refusal of anything that would leave the directory.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { applySecurityHeaders } from './security-headers.js';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml; charset=utf-8',
};

/** Files that must be revalidated on every load so a new build is picked up. */
const ALWAYS_REVALIDATE = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);

/** Vite writes content-hashed files under /assets/: they never change under one name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function contentTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export function cacheControlFor(segments: readonly string[]): string {
  const name = segments[segments.length - 1] ?? 'index.html';
  if (ALWAYS_REVALIDATE.has(name) || name.endsWith('.webmanifest') || name.endsWith('.html')) return REVALIDATE;
  if (segments.length > 1 && segments[0] === 'assets') return IMMUTABLE;
  return REVALIDATE;
}

type ParsedPath = { ok: true; segments: string[] } | { ok: false; status: 400 | 404 };

/**
 * Splits a request target into safe path segments. Refuses (400) anything with `..`
 * (plain or percent-encoded), backslashes, NUL or bad percent-encoding, and hides
 * dotfiles (404) except `.well-known`.
 */
export function parseRequestPath(rawUrl: string): ParsedPath {
  const end = rawUrl.search(/[?#]/);
  const rawPath = end === -1 ? rawUrl : rawUrl.slice(0, end);
  if (!rawPath.startsWith('/')) return { ok: false, status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 400 };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, status: 400 };
  if (segments.some((s) => s.startsWith('.') && s !== '.well-known')) return { ok: false, status: 404 };
  return { ok: true, segments };
}

function isNavigation(req: IncomingMessage, segments: readonly string[]): boolean {
  const last = segments[segments.length - 1] ?? '';
  return extname(last) === '' && (req.headers.accept ?? '').includes('text/html');
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Knipsel is nog niet gebouwd</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style></head>
<body><h1>Knipsel is nog niet gebouwd</h1>
<p>De web-app is nog niet gebouwd. Start Knipsel met <code>npm start</code>: dat bouwt de app en start deze server.</p>
<p lang="en">The web app has not been built yet. Run <code>npm start</code> to build it and start this server.</p>
</body></html>
`;

function sendText(req: IncomingMessage, res: ServerResponse, status: number, contentType: string, body: string): void {
  applySecurityHeaders(res, contentType);
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function sendNotFound(req: IncomingMessage, res: ServerResponse): void {
  sendText(req, res, 404, 'text/plain; charset=utf-8', 'Not found\n');
}

export type StaticFilesOptions = {
  /** Directory holding the built app (index.html, assets/, sw.js, …). */
  dir: string;
};

export type StaticFileHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createStaticFiles({ dir }: StaticFilesOptions): StaticFileHandler {
  const root = resolve(dir);

  /** The real path of the root, or null when it does not exist (app not built). */
  const realRoot = async (): Promise<string | null> => {
    try {
      const r = await realpath(root);
      return (await stat(r)).isDirectory() ? r : null;
    } catch {
      return null;
    }
  };

  /** Stats `segments` under the root; null unless it is a regular file inside the root. */
  const findFile = async (base: string, segments: readonly string[]): Promise<{ path: string; stats: Stats } | null> => {
    const candidate = join(base, ...segments);
    if (candidate !== base && !candidate.startsWith(base + sep)) return null;
    try {
      let real = await realpath(candidate);
      if (real !== base && !real.startsWith(base + sep)) return null; // symlink pointing out
      let stats = await stat(real);
      if (stats.isDirectory()) {
        real = join(real, 'index.html');
        stats = await stat(real);
      }
      return stats.isFile() ? { path: real, stats } : null;
    } catch {
      return null;
    }
  };

  const sendFile = (req: IncomingMessage, res: ServerResponse, file: { path: string; stats: Stats }, cacheSegments: readonly string[]) => {
    const contentType = contentTypeFor(file.path);
    const etag = `W/"${file.stats.size.toString(16)}-${Math.floor(file.stats.mtimeMs).toString(16)}"`;
    applySecurityHeaders(res, contentType);
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', cacheControlFor(cacheSegments));
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', file.stats.mtime.toUTCString());
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return Promise.resolve();
    }
    res.statusCode = 200;
    res.setHeader('Content-Length', file.stats.size);
    if (req.method === 'HEAD') {
      res.end();
      return Promise.resolve();
    }
    return new Promise<void>((done) => {
      const stream = createReadStream(file.path);
      stream.on('error', () => {
        res.destroy();
        done();
      });
      stream.on('end', done);
      res.on('close', () => {
        stream.destroy();
        done();
      });
      stream.pipe(res);
    });
  };

  return async function serveStatic(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(req, res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
      return;
    }
    const parsed = parseRequestPath(req.url ?? '/');
    if (!parsed.ok) {
      if (parsed.status === 404) sendNotFound(req, res);
      else sendText(req, res, 400, 'text/plain; charset=utf-8', 'Bad request\n');
      return;
    }
    const { segments } = parsed;
    const base = await realRoot();
    if (base === null) {
      if (segments.length === 0 || isNavigation(req, segments)) {
        sendText(req, res, 503, 'text/html; charset=utf-8', NOT_BUILT_PAGE);
      } else {
        sendNotFound(req, res);
      }
      return;
    }
    const file = await findFile(base, segments);
    if (file) return sendFile(req, res, file, segments.length === 0 ? ['index.html'] : segments);
    if (segments.length === 0 || isNavigation(req, segments)) {
      const index = await findFile(base, ['index.html']);
      if (index) return sendFile(req, res, index, ['index.html']);
      sendText(req, res, 503, 'text/html; charset=utf-8', NOT_BUILT_PAGE);
      return;
    }
    sendNotFound(req, res);
  };
}
