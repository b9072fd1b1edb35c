// Where a clip comes from, as one short name for lists, cards, filters and sorting: the site's
// own name when the page gave one, else its domain ("nos.nl", without "www."); nothing for a
// note typed or pasted into the app.
import { noteClipUrl } from './schema.js';

export function sourceName(clip: { siteName: string | null; url: string }): string {
  const site = clip.siteName?.trim();
  if (site) return site;
  if (!clip.url || clip.url === noteClipUrl) return '';
  try {
    const { hostname, protocol } = new URL(clip.url);
    if (protocol !== 'http:' && protocol !== 'https:') return '';
    return hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
