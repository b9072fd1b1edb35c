// The relay's plain HTTP requests: /health (200 or 503 with what is down), /metrics
// (Prometheus text), the owners' API, and a short note for anything else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayHealth } from './relay-options.js';

export function relayRequestHandler(parts: {
  health(): RelayHealth;
  /** The Prometheus text of /metrics. */
  metrics(): string;
  /** The owners' API: true when it answered the request. */
  api(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (req.url === '/health') {
      const state = parts.health();
      res.writeHead(state.ok ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(state));
      return;
    }
    if (req.url === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      const text = parts.metrics();
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
      return;
    }
    parts.api(req, res).then(
      (handled) => {
        if (handled) return;
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end("Knipsel relay: connect with a WebSocket; the owners' API is under /api/dossiers.\n");
      },
      () => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  };
}
