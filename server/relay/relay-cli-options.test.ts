// The relay's flags and environment: defaults, flags over env, bad input, the registration notice.
import { describe, expect, it } from 'vitest';
import { parseRelayCliOptions, registrationNotice } from './relay-cli-options.js';

describe('parseRelayCliOptions', () => {
  it('has defaults that run one relay on this machine', () => {
    expect(parseRelayCliOptions([], {})).toEqual({
      help: false,
      host: '127.0.0.1',
      port: 1235,
      database: '.knipsel-relay/relay.sqlite',
      redisUrl: undefined,
      registrationKey: undefined,
      openRegistration: false,
      trustedProxies: [],
      allowOrigin: undefined,
      connectionsPerAddress: undefined,
    });
  });

  it('reads the environment and lets flags win', () => {
    const env = {
      KNIPSEL_RELAY_HOST: '0.0.0.0',
      KNIPSEL_RELAY_PORT: '2000',
      KNIPSEL_RELAY_TRUST_PROXY: '127.0.0.1',
      KNIPSEL_RELAY_OPEN_REGISTRATION: '1',
      KNIPSEL_RELAY_CONNECTIONS_PER_ADDRESS: '300',
    };
    expect(parseRelayCliOptions([], env)).toMatchObject({ host: '0.0.0.0', port: 2000, trustedProxies: ['127.0.0.1'], openRegistration: true, connectionsPerAddress: 300 });
    expect(parseRelayCliOptions(['--port', '3000', '--trust-proxy', '::1', '--redis', 'redis://127.0.0.1:6379'], env)).toMatchObject({
      port: 3000,
      trustedProxies: ['::1'],
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(parseRelayCliOptions(['--open-registration'], {}).openRegistration).toBe(true);
  });

  it('refuses bad input with a clear message', () => {
    expect(() => parseRelayCliOptions(['--port', 'x'], {})).toThrow(/port/);
    expect(() => parseRelayCliOptions(['--trust-proxy', 'my-proxy'], {})).toThrow(/my-proxy/);
    expect(() => parseRelayCliOptions(['--redis', 'localhost:6379'], {})).toThrow(/redis/);
    expect(() => parseRelayCliOptions([], { KNIPSEL_RELAY_CONNECTIONS_PER_ADDRESS: '0' })).toThrow(/PER_ADDRESS/);
    expect(() => parseRelayCliOptions(['--verbose'], {})).toThrow(/verbose/);
  });
});

describe('registrationNotice', () => {
  it('speaks up only when a network-facing relay has registration closed', () => {
    expect(registrationNotice({ host: '127.0.0.1', openRegistration: false })).toBeNull();
    expect(registrationNotice({ host: '0.0.0.0', openRegistration: false })).toMatch(/KNIPSEL_RELAY_REGISTRATION_KEY/);
    expect(registrationNotice({ host: '0.0.0.0', openRegistration: true })).toBeNull();
    expect(registrationNotice({ host: '0.0.0.0', openRegistration: false, registrationKey: 'k' })).toBeNull();
  });
});
