// The page/* requests of the message protocol: what the highlighter in a clipped page may
// ask — only about the page it runs in.
import { comparableUrl } from '@knipsel/core';
import { browser } from 'wxt/browser';
import type { Handlers, SenderInfo } from '../messaging/router.js';
import type { LibraryService } from './background-library.js';

/** Where the highlights of a clip that no longer anchor in its page are kept. */
export const anchorKey = (clipId: string) => `anchors:${clipId}`;

/** A content script may only ask about the page it runs in. */
function assertOwnPage(sender: SenderInfo, url: string): void {
  if (!sender.url) return;
  if (sender.tab?.url && comparableUrl(sender.tab.url) !== comparableUrl(url) && comparableUrl(sender.url) !== comparableUrl(url)) {
    throw Object.assign(new Error('A page may only ask about itself.'), { code: 'forbidden' });
  }
}

export function pageHandlers(
  service: LibraryService,
  addHighlight: Handlers['clip/add-highlight'],
): Pick<Handlers, 'page/highlights' | 'page/add-highlight' | 'page/anchor-report'> {
  async function pageClip(url: string) {
    const [found] = await service.findByUrl([url]);
    return found ?? null;
  }

  return {
    async 'page/highlights'({ url }, sender) {
      assertOwnPage(sender, url);
      const found = await pageClip(url);
      if (!found) return null;
      return {
        dossierId: found.dossierId,
        clipId: found.clip.id,
        highlights: found.clip.highlights.map((h) => ({ id: h.id, quote: h.quote, position: h.position, colour: h.colour, note: h.note })),
      };
    },

    async 'page/add-highlight'({ url, quote, position, note, colour }, sender) {
      assertOwnPage(sender, url);
      const found = await pageClip(url);
      if (!found) return null;
      const result = await addHighlight({ dossierId: found.dossierId, clipId: found.clip.id, quote, position, note, colour }, sender);
      return { clipId: found.clip.id, highlightId: result.highlightId };
    },

    async 'page/anchor-report'({ url, clipId, orphaned }, sender) {
      assertOwnPage(sender, url);
      const found = await service.findByUrl([url]);
      if (!found.some((f) => f.clip.id === clipId)) return { ok: true };
      await browser.storage.local.set({ [anchorKey(clipId)]: { orphaned, checkedAt: Date.now() } });
      return { ok: true };
    },
  };
}
