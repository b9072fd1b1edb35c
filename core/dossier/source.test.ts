import { describe, expect, it } from 'vitest';
import { noteClipUrl } from './schema.js';
import { sourceName } from './source.js';

describe('sourceName', () => {
  it('is the site name when the page gave one', () => {
    expect(sourceName({ siteName: ' Movisie ', url: 'https://www.movisie.nl/artikel/x' })).toBe('Movisie');
  });
  it('is the domain without www when it did not', () => {
    expect(sourceName({ siteName: null, url: 'https://www.buurtwerk-noord.nl/verhalen/bankje?x=1' })).toBe('buurtwerk-noord.nl');
    expect(sourceName({ siteName: '  ', url: 'http://127.0.0.1:8080/a.html' })).toBe('127.0.0.1');
  });
  it('is empty for a note and for what is no web address', () => {
    expect(sourceName({ siteName: null, url: noteClipUrl })).toBe('');
    expect(sourceName({ siteName: null, url: 'niet een adres' })).toBe('');
    expect(sourceName({ siteName: null, url: 'javascript:alert(1)' })).toBe('');
  });
});
