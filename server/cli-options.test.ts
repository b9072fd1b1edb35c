// Tests for reading host, port and app directory from flags and environment.
import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.js';
import { DEFAULT_APP_DIR } from './create-server.js';

describe('parseCliOptions', () => {
  it('has defaults', () => {
    expect(parseCliOptions([], {})).toEqual({ host: '127.0.0.1', port: 8787, dir: DEFAULT_APP_DIR, help: false });
    expect(DEFAULT_APP_DIR.replaceAll('\\', '/')).toMatch(/\/dist\/pwa$/);
  });

  it('reads the environment', () => {
    expect(parseCliOptions([], { KNIPSEL_HOST: '0.0.0.0', KNIPSEL_PORT: '0', KNIPSEL_DIR: 'build' }, '/x')).toEqual({
      host: '0.0.0.0',
      port: 0,
      dir: '/x/build',
      help: false,
    });
  });

  it('lets flags win over the environment, in both spellings', () => {
    const env = { KNIPSEL_HOST: 'h', KNIPSEL_PORT: '1', KNIPSEL_DIR: 'd' };
    expect(parseCliOptions(['--host', '::1', '--port=9000', '--dir', '/abs'], env)).toEqual({ host: '::1', port: 9000, dir: '/abs', help: false });
  });

  it('refuses bad input', () => {
    expect(() => parseCliOptions(['--port', 'abc'], {})).toThrow(/port/);
    expect(() => parseCliOptions(['--port', '70000'], {})).toThrow(/port/);
    expect(() => parseCliOptions(['--port'], {})).toThrow(/needs a value/);
    expect(() => parseCliOptions(['--verbose'], {})).toThrow(/Unknown/);
    expect(() => parseCliOptions([], { KNIPSEL_PORT: '-1' })).toThrow(/port/);
  });
});
