// Which tabs cannot be clipped as a page, and why: browser-internal pages, extension stores,
// view-source, non-web schemes and pages still loading. A PDF (in the viewer, or by its
// address) is `pdf`: the background reads it with pdf.js instead. Pure, unit-tested.

export type Restriction = 'no-access' | 'no-tab' | 'browser-page' | 'store' | 'pdf' | 'pdf-fetch' | 'pdf-unreadable' | 'view-source' | 'not-web' | 'loading';

const browserSchemes = /^(chrome|chrome-untrusted|edge|brave|opera|vivaldi|about|moz-extension|chrome-extension|chrome-search|devtools|resource|safari-web-extension)$/;
const storeHosts: Array<[RegExp, RegExp]> = [
  [/^chromewebstore\.google\.com$/, /.*/],
  [/^chrome\.google\.com$/, /^\/webstore/],
  [/^addons\.mozilla\.org$/, /.*/],
  [/^microsoftedge\.microsoft\.com$/, /^\/addons/],
  [/^addons\.opera\.com$/, /.*/],
];
/** Chrome's built-in PDF viewer extension. */
const pdfViewerId = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';

/** Why a tab at `url` cannot be clipped, or null when it can. (Loading is judged by the document: capture-tab.ts.) */
export function restrictionOf(url: string | undefined | null): Restriction | null {
  if (!url) return 'no-tab';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not-web';
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme === 'view-source') return 'view-source';
  if (parsed.host === pdfViewerId) return 'pdf';
  if (browserSchemes.test(scheme)) return 'browser-page';
  if (scheme !== 'http' && scheme !== 'https') return 'not-web';
  const host = parsed.hostname.toLowerCase();
  if (storeHosts.some(([h, p]) => h.test(host) && p.test(parsed.pathname))) return 'store';
  if (/\.pdf$/i.test(parsed.pathname)) return 'pdf';
  return null;
}

/** A restriction reported by the page itself (its document type), or null. */
export function restrictionOfDocument(contentType: string | undefined | null): Restriction | null {
  if (!contentType) return null;
  return /application\/pdf/i.test(contentType) ? 'pdf' : null;
}
