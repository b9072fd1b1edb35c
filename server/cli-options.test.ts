// Tests for reading host, port and app directory from flags and environment.
import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.js';
import { DEFAULT_APP_DIR } from './create-server.js';

describe('parseCliOptions', () => {
  it('has defaults', () => {
    expect(parseCliOptions([], {})).toEqual({ host: '127.0.0.1', port: 8787, dir: DEFAULT_APP_DIR, origins: [], trustProxy: false, help: false });
    expect(DEFAULT_APP_DIR.replaceAll('\\', '/')).toMatch(/\/dist\/pwa$/);
  });

  it('reads the environment', () => {
    expect(parseCliOptions([], { KNIPSEL_HOST: '0.0.0.0', KNIPSEL_PORT: '0', KNIPSEL_DIR: 'build' }, '/x')).toEqual({
      host: '0.0.0.0',
      port: 0,
      dir: '/x/build',
      origins: [],
      trustProxy: false,
      help: false,
    });
  });

  it('lets flags win over the environment, in both spellings', () => {
    const env = { KNIPSEL_HOST: 'h', KNIPSEL_PORT: '1', KNIPSEL_DIR: 'd' };
    expect(parseCliOptions(['--host', '::1', '--port=9000', '--dir', '/abs'], env)).toEqual({ host: '::1', port: 9000, dir: '/abs', origins: [], trustProxy: false, help: false });
  });

  it('reads allowed origins and the proxy switch', () => {
    expect(parseCliOptions(['--origins', 'https://knipsel.school.nl/app, http://localhost:5173', '--trust-proxy'], {})).toMatchObject({
      origins: ['https://knipsel.school.nl', 'http://localhost:5173'],
      trustProxy: true,
    });
    expect(parseCliOptions([], { KNIPSEL_ORIGINS: 'https://a.nl', KNIPSEL_TRUST_PROXY: '1' })).toMatchObject({ origins: ['https://a.nl'], trustProxy: true });
    expect(() => parseCliOptions(['--origins', 'javascript:alert(1)'], {})).toThrow(/origin/);
  });

  it('refuses bad input', () => {
    expect(() => parseCliOptions(['--port', 'abc'], {})).toThrow(/port/);
    expect(() => parseCliOptions(['--port', '70000'], {})).toThrow(/port/);
    expect(() => parseCliOptions(['--port'], {})).toThrow(/needs a value/);
    expect(() => parseCliOptions(['--verbose'], {})).toThrow(/Unknown/);
    expect(() => parseCliOptions([], { KNIPSEL_PORT: '-1' })).toThrow(/port/);
  });
});
