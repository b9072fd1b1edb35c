// Who is on the other end of a request: the socket's peer address, or — when that peer is a
// reverse proxy the operator trusts — the client address the proxy forwarded. Rate limits
// and the per-address connection cap key on this. Also: is a listen address loopback-only?
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** `::ffff:127.0.0.1` → `127.0.0.1`; other addresses lower-cased. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped ? mapped[1] : lower;
}

/**
 * Parses the operator's list of trusted proxies ("127.0.0.1, ::1"). Throws a clear error on
 * anything that is not an IP address, so a typo does not silently trust nobody.
 */
export function parseTrustedProxies(text: string | undefined): string[] {
  if (!text || !text.trim()) return [];
  return text.split(',').map((part) => {
    const address = normalizeAddress(part);
    if (isIP(address) === 0) throw new Error(`not an IP address in the trusted proxies: "${part.trim()}"`);
    return address;
  });
}

export type ClientAddressOf = (req: IncomingMessage) => string;

/**
 * The client address of a request. With no trusted proxies this is the peer address and
 * `X-Forwarded-For` is ignored (anyone can send it). When the peer is a trusted proxy, the
 * address is the right-most entry of `X-Forwarded-For` that is not itself a trusted proxy
 * (proxies append the address they saw; entries further left are the client's own claims).
 */
export function clientAddressOf(trustedProxies: readonly string[]): ClientAddressOf {
  const trusted = new Set(trustedProxies.map(normalizeAddress));
  return (req) => {
    const peer = normalizeAddress(req.socket.remoteAddress ?? '?');
    if (!trusted.has(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    const chain = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map(normalizeAddress).filter(Boolean);
    for (let i = chain.length - 1; i >= 0; i--) {
      if (trusted.has(chain[i])) continue;
      return isIP(chain[i]) === 0 ? peer : chain[i];
    }
    return peer;
  };
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const address = normalizeAddress(host.replace(/^\[|\]$/g, ''));
  if (address === 'localhost' || address === '::1') return true;
  return isIP(address) === 4 && address.startsWith('127.');
}
