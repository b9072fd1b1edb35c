// Recognising a page already clipped: addresses compared without fragment, trailing slash,
// "www." and common tracking parameters.
import type * as Y from 'yjs';
import type { Capture, Clip } from './types.js';

/** URL without fragment, trailing slash, "www." and common tracking parameters; https for http. */
export function comparableUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref)$/i.test(key)) parsed.searchParams.delete(key);
    }
    parsed.hostname = parsed.hostname.replace(/^www\./, '');
    let text = parsed.toString();
    if (text.endsWith('/')) text = text.slice(0, -1);
    return text.replace(/^http:/, 'https:');
  } catch {
    return url;
  }
}

/** The web pages among clips not in the trash, with their capture. */
function* livePages(clips: Iterable<[string, Y.Map<unknown>]>): Generator<[string, Y.Map<unknown>, Capture]> {
  for (const [id, map] of clips) {
    if (map.get('trashedAt') != null) continue;
    const capture = map.get('capture') as Capture;
    if (capture.mode !== 'note') yield [id, map, capture];
  }
}

export function createUrlLookups(validClips: () => Iterable<[string, Y.Map<unknown>]>, readClip: (id: string, map: Y.Map<unknown>) => Clip) {
  return {
    /**
     * The comparable addresses of every clip not in the trash, URL and canonical URL: for
     * checking many addresses at once (an import) in one pass.
     */
    urlKeys(): Set<string> {
      const keys = new Set<string>();
      for (const [, , capture] of livePages(validClips())) {
        keys.add(comparableUrl(capture.canonicalUrl));
        keys.add(comparableUrl(capture.url));
      }
      return keys;
    },

    /** Clips (not in the trash) whose canonical URL or URL matches — to recognise duplicates. */
    findByUrl(url: string): Clip[] {
      const key = comparableUrl(url);
      const found: Clip[] = [];
      for (const [id, map, capture] of livePages(validClips())) {
        if (comparableUrl(capture.canonicalUrl) === key || comparableUrl(capture.url) === key) found.push(readClip(id, map));
      }
      return found;
    },
  };
}
