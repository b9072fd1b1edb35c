import { describe, expect, it } from 'vitest';
import { restrictionOf, restrictionOfDocument } from './restricted-url';

describe('restrictionOf', () => {
  it('allows ordinary web pages', () => {
    expect(restrictionOf('https://www.movisie.nl/artikel/buurtwerk')).toBeNull();
    expect(restrictionOf('http://127.0.0.1:4000/pagina.html')).toBeNull();
  });
  it.each([
    ['chrome://extensions/', 'browser-page'],
    ['about:blank', 'browser-page'],
    ['about:addons', 'browser-page'],
    ['edge://settings', 'browser-page'],
    ['chrome-extension://abc/popup.html', 'browser-page'],
    ['moz-extension://abc/popup.html', 'browser-page'],
    ['view-source:https://example.org/', 'view-source'],
    ['https://chromewebstore.google.com/detail/x/abc', 'store'],
    ['https://chrome.google.com/webstore/detail/x', 'store'],
    ['https://addons.mozilla.org/nl/firefox/addon/x/', 'store'],
    ['https://example.org/rapport.PDF', 'pdf'],
    ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', 'pdf'],
    ['file:///home/x/a.html', 'not-web'],
    ['data:text/html,hi', 'not-web'],
    ['not a url', 'not-web'],
  ])('%s → %s', (url, reason) => {
    expect(restrictionOf(url)).toBe(reason);
  });
  it('reports a missing tab; a page still loading is judged by its document, not refused by address', () => {
    expect(restrictionOf(undefined)).toBe('no-tab');
    expect(restrictionOf('https://example.org/')).toBeNull();
  });
  it('does not take google.com for the store', () => {
    expect(restrictionOf('https://chrome.google.com/intl/nl/chrome/')).toBeNull();
  });
  it('recognises a PDF document type', () => {
    expect(restrictionOfDocument('application/pdf')).toBe('pdf');
    expect(restrictionOfDocument('text/html')).toBeNull();
  });
});
