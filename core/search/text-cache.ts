// The text each clip is indexed with, from a SearchTextSource that may answer at once or later
// (a promise). Texts that came later are kept for snippets; an edit or removal meanwhile makes a
// late answer void, so the index never takes an older text over a newer one.
import type { Clip } from '../dossier/types.js';

export function createTextCache(textOf: (clip: Clip) => string | Promise<string>) {
  /** Texts that arrived later, by clip id. */
  const later = new Map<string, string>();
  /** The request each clip waits on (a newer one voids the older). */
  const waiting = new Map<string, object>();
  /** Clips whose text is fetched for a snippet. */
  const fetching = new Set<string>();
  return {
    /**
     * The clip's text now, or null when it comes later: then `arrived(text)` is called (with the
     * clip's capture text if the source fails), unless the clip changed or was forgotten first.
     */
    of(clip: Clip, arrived: (text: string) => void): string | null {
      let result: string | Promise<string>;
      try {
        result = textOf(clip);
      } catch {
        result = clip.capture.text;
      }
      if (typeof result === 'string') {
        waiting.delete(clip.id);
        later.delete(clip.id);
        return result;
      }
      const token = {};
      waiting.set(clip.id, token);
      const settle = (text: string) => {
        if (waiting.get(clip.id) !== token) return;
        waiting.delete(clip.id);
        later.set(clip.id, text);
        arrived(text);
      };
      result.then(settle, () => settle(clip.capture.text));
      return null;
    },
    /**
     * The text known for a clip without waiting (for snippets): '' while a late text is fetched,
     * then `fetched()` is called so the caller can show the snippet.
     */
    known(clip: Clip, fetched: () => void): string {
      const kept = later.get(clip.id);
      if (kept !== undefined) return kept;
      let result: string | Promise<string>;
      try {
        result = textOf(clip);
      } catch {
        return clip.capture.text;
      }
      if (typeof result === 'string') return result;
      if (!fetching.has(clip.id)) {
        fetching.add(clip.id);
        result.then(
          (text) => {
            if (!fetching.delete(clip.id)) return;
            if (!waiting.has(clip.id)) later.set(clip.id, text);
            fetched();
          },
          () => fetching.delete(clip.id),
        );
      }
      return '';
    },
    forget(id: string): void {
      waiting.delete(id);
      fetching.delete(id);
      later.delete(id);
    },
    get waiting(): number {
      return waiting.size;
    },
    clear(): void {
      waiting.clear();
      fetching.clear();
      later.clear();
    },
  };
}
