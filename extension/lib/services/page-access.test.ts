import { describe, expect, it } from 'vitest';
import { pageAccessPatterns } from './page-access';

describe('page access patterns', () => {
  const urls = [
    'http://127.0.0.1:8787/verhaal.html',
    'http://127.0.0.1:8787/ander.html?x=1',
    'https://www.buurtkracht.example.nl/noord',
    'https://www.buurtkracht.example.nl:8443/zuid',
  ];

  it('asks Chrome for each origin, with its port', () => {
    expect(pageAccessPatterns(urls, true)).toEqual(['http://127.0.0.1:8787/*', 'https://www.buurtkracht.example.nl/*', 'https://www.buurtkracht.example.nl:8443/*']);
  });

  it('asks Firefox for each host without a port, so a host granted at install needs no prompt', () => {
    expect(pageAccessPatterns(urls, false)).toEqual(['http://127.0.0.1/*', 'https://www.buurtkracht.example.nl/*']);
  });

  it('leaves out other schemes and what is not an address', () => {
    expect(pageAccessPatterns(['file:///etc/passwd', 'javascript:alert(1)', 'https://', 'geen adres', 'ftp://127.0.0.1/'], true)).toEqual([]);
  });
});
