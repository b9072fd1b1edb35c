// The door of the signalling endpoint: which upgrade requests are for it, who is asking (the
// client address, behind a trusted proxy the forwarded one), whether a browser's origin may
// come in, and how a refused upgrade is answered.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export function pathnameOf(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/** The client's address: the socket's, or behind a trusted proxy the last forwarded one. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * True when a browser's Origin may use this endpoint: the server's own origin (same host as
 * the request) or one of `allowed`. No Origin header at all: not a browser, let in.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === req.headers.host) return true;
  return allowed.includes(parsed.origin);
}

export function refuseUpgrade(socket: Duplex, status: string): void {
  socket.on('error', () => {});
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Holds a slot for `address` until `socket` closes, if the address has fewer than `max`;
 * false when it already holds `max`.
 */
export function createAddressSlots(max: number): { take(address: string, socket: Duplex): boolean } {
  const held = new Map<string, number>();
  return {
    take(address, socket) {
      const count = held.get(address) ?? 0;
      if (count >= max) return false;
      held.set(address, count + 1);
      socket.once('close', () => {
        const left = (held.get(address) ?? 1) - 1;
        if (left <= 0) held.delete(address);
        else held.set(address, left);
      });
      return true;
    },
  };
}
