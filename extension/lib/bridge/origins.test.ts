import { describe, expect, it } from 'vitest';
import { bridgeMatchPatterns, bridgeOrigins, isBridgeOrigin } from './origins';

describe('bridge origins', () => {
  it('takes the origin of each configured address, with the loopback twin', () => {
    expect(bridgeOrigins(['http://127.0.0.1:8787/'])).toEqual(['http://127.0.0.1:8787', 'http://localhost:8787']);
    expect(bridgeOrigins(['https://knipsel.example.nl/app/', 'http://localhost:5173/x'])).toEqual(['https://knipsel.example.nl', 'http://localhost:5173', 'http://127.0.0.1:5173']);
    expect(bridgeOrigins(['not a url', 'ftp://127.0.0.1/', 'javascript:alert(1)'])).toEqual([]);
  });

  it('accepts only the exact origins (another port is another origin)', () => {
    const origins = bridgeOrigins(['http://127.0.0.1:8787/']);
    expect(isBridgeOrigin('http://127.0.0.1:8787/#/d/x/list', origins)).toBe(true);
    expect(isBridgeOrigin('http://localhost:8787/', origins)).toBe(true);
    expect(isBridgeOrigin('http://127.0.0.1:8788/', origins)).toBe(false);
    expect(isBridgeOrigin('https://127.0.0.1:8787/', origins)).toBe(false);
    expect(isBridgeOrigin('http://127.0.0.1.evil.test:8787/', origins)).toBe(false);
    expect(isBridgeOrigin(undefined, origins)).toBe(false);
    expect(isBridgeOrigin('garbage', origins)).toBe(false);
  });

  it('makes match patterns with ports for Chrome and without for Firefox', () => {
    const origins = bridgeOrigins(['http://127.0.0.1:8787/']);
    expect(bridgeMatchPatterns(origins, true)).toEqual(['http://127.0.0.1:8787/*', 'http://localhost:8787/*']);
    expect(bridgeMatchPatterns(origins, false)).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });
});
