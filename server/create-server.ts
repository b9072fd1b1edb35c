// The Knipsel server as a function: the built web app, the signalling endpoint and /health
// on one http server. Used by main.ts and by tests (port 0 picks a free port).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { applySecurityHeaders } from './security-headers.js';
import { createSignalling } from './signalling.js';
import type { SignallingOptions } from './signalling.js';
import { pathnameOf } from './signalling-door.js';
import type { SignallingStats } from './signalling-limits.js';
import { createStaticFiles } from './static-files.js';

/** `dist/pwa` of the repository, wherever the process was started. */
export const DEFAULT_APP_DIR = fileURLToPath(new URL('../dist/pwa', import.meta.url));
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
export const SIGNALLING_PATH = '/signal';

/** The signalling endpoint's limits, proxy trust and log are passed on to it as they are. */
export type KnipselServerOptions = Pick<SignallingOptions, 'limits' | 'trustProxy' | 'log'> & {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; 0 picks a free one (read it from the result). Default 8787. */
  port?: number;
  /** Directory of the built web app; default `dist/pwa` in the repository. */
  dir?: string;
  /** Other app origins allowed to use the signalling endpoint (the server's own always is). */
  origins?: readonly string[];
};

export type KnipselServer = {
  /** e.g. `http://127.0.0.1:8787` (no trailing slash). */
  url: string;
  /** e.g. `ws://127.0.0.1:8787/signal`. */
  signallingUrl: string;
  port: number;
  stats(): SignallingStats;
  /** Closes WebSockets (1001), stops listening and resolves when everything is closed. */
  close(): Promise<void>;
};

function formatHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return host === '::' ? '[::1]' : '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  applySecurityHeaders(res, 'application/json');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export async function createKnipselServer(options: KnipselServerOptions = {}): Promise<KnipselServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const log = options.log ?? (() => {});
  const serveStatic = createStaticFiles({ dir: options.dir ?? DEFAULT_APP_DIR });
  const startedAt = Date.now();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const pathname = pathnameOf(req.url);
    if (pathname === '/health') {
      const { connections, topics } = signalling.stats();
      sendJson(res, 200, { ok: true, connections, topics, uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000) });
      return;
    }
    if (pathname === SIGNALLING_PATH) {
      applySecurityHeaders(res, 'text/plain');
      res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket', Connection: 'Upgrade' });
      res.end('This is a WebSocket signalling endpoint.\n');
      return;
    }
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) {
        applySecurityHeaders(res, 'text/plain');
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal server error\n');
      } else {
        res.destroy();
      }
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const signalling = createSignalling({
    server,
    path: SIGNALLING_PATH,
    limits: options.limits,
    allowedOrigins: options.origins,
    trustProxy: options.trustProxy,
    log,
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://${formatHost(host)}:${actualPort}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    signallingUrl: `ws://${formatHost(host)}:${actualPort}${SIGNALLING_PATH}`,
    port: actualPort,
    stats: () => signalling.stats(),
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await signalling.close();
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        await stopped;
        clearTimeout(force);
      })();
      return closing;
    },
  };
}
