// Client addresses behind a trusted proxy (and not believed otherwise), loopback detection.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, isLoopbackHost, normalizeAddress, parseTrustedProxies } from './client-address.js';

const request = (remoteAddress: string, forwarded?: string) =>
  ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('clientAddressOf', () => {
  it('ignores X-Forwarded-For unless the peer is a trusted proxy', () => {
    const direct = clientAddressOf([]);
    expect(direct(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    const behindProxy = clientAddressOf(['127.0.0.1']);
    expect(behindProxy(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9'); // not the proxy: not believed
    expect(behindProxy(request('::ffff:127.0.0.1', '198.51.100.1'))).toBe('198.51.100.1');
  });

  it("takes the right-most address the trusted proxies did not add, not the client's own claims", () => {
    const address = clientAddressOf(['127.0.0.1', '10.0.0.2']);
    expect(address(request('127.0.0.1', '1.2.3.4, 198.51.100.7'))).toBe('198.51.100.7'); // 1.2.3.4 is a client-sent claim
    expect(address(request('127.0.0.1', '198.51.100.7, 10.0.0.2'))).toBe('198.51.100.7'); // two proxies deep
    expect(address(request('127.0.0.1', '2001:DB8::1'))).toBe('2001:db8::1');
  });

  it('falls back to the proxy address when the header is missing or not an address', () => {
    const address = clientAddressOf(['127.0.0.1']);
    expect(address(request('127.0.0.1'))).toBe('127.0.0.1');
    expect(address(request('127.0.0.1', 'evil, <script>'))).toBe('127.0.0.1');
    expect(address(request('127.0.0.1', '127.0.0.1'))).toBe('127.0.0.1');
  });
});

describe('parseTrustedProxies', () => {
  it('reads a comma-separated list and refuses what is not an IP address', () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies(' 127.0.0.1, ::1 ,::ffff:10.0.0.1')).toEqual(['127.0.0.1', '::1', '10.0.0.1']);
    expect(() => parseTrustedProxies('127.0.0.1, proxy.local')).toThrow(/proxy\.local/);
    expect(normalizeAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('isLoopbackHost', () => {
  it('knows which listen addresses only this machine reaches', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'relay.example.nl', '::ffff:0.0.0.0']) expect(isLoopbackHost(host)).toBe(false);
  });
});
