// Reading pages for the popup and for completing links: the preview of a tab (a PDF in the
// browser's viewer read by the PDF host, its file offered for keeping), the clips already
// made of a page, and the normal capture of a page the user is not looking at.
import { browser } from 'wxt/browser';
import { isIncompleteLink, maxBlobBytes, type Capture } from '@knipsel/core';
import type { DuplicateRef, PopupMode, Results } from '../messaging/protocol.js';
import type { LibraryService } from './background-library.js';
import { captureTab } from './capture-tab.js';
import { PdfHostError, type PdfHost } from './pdf-host.js';

export function createPageReading(service: LibraryService, pdf: PdfHost | null) {
  async function duplicatesOf(urls: string[]): Promise<DuplicateRef[]> {
    return (await service.findByUrl(urls)).map(({ dossierId, clip }) => ({
      dossierId,
      clipId: clip.id,
      title: clip.title,
      createdAt: clip.createdAt,
      incomplete: clip.toComplete === true || isIncompleteLink(clip.capture, clip.body),
    }));
  }

  /** A PDF open in the browser's viewer: read by the PDF host, its file offered for keeping. */
  async function pdfPreview(tabId: number, url: string): Promise<Results['clip/preview']> {
    if (!pdf) return { ok: false, reason: 'pdf', url };
    try {
      const read = await pdf.read(url);
      const { capture } = read.result;
      return {
        ok: true,
        tab: { id: tabId, url, title: capture.title },
        capture,
        confidence: read.result.confidence,
        warnings: read.result.warnings,
        suggestedMode: null,
        selection: null,
        duplicates: await duplicatesOf([capture.canonicalUrl, capture.url]),
        file: { sha256: read.sha256, size: read.size, name: read.name, max: maxBlobBytes },
      };
    } catch (error) {
      return { ok: false, reason: error instanceof PdfHostError && error.reason === 'fetch-failed' ? 'pdf-fetch' : 'pdf-unreadable', url };
    }
  }

  return {
    /** What the popup shows of a tab before saving: the capture, how sure it is, clips made of it before. */
    async preview(tabId: number, mode: PopupMode | 'page'): Promise<Results['clip/preview']> {
      const captured = await captureTab(tabId, mode);
      if (!captured.ok) return captured.reason === 'pdf' && captured.url && /^https?:/i.test(captured.url) ? pdfPreview(tabId, captured.url) : captured;
      const { capture } = captured.result;
      const duplicates = await duplicatesOf([capture.canonicalUrl, capture.url]);
      return {
        ok: true,
        tab: captured.tab,
        capture,
        confidence: captured.result.confidence,
        warnings: captured.result.warnings,
        suggestedMode: captured.result.suggestedMode,
        selection: captured.selection ?? null,
        duplicates,
      };
    },

    /**
     * The normal capture of a page the user is not looking at: opened in a background tab, read
     * once its document is (capture-tab.ts), the tab closed again. A PDF is read by the PDF host.
     */
    async readInBackgroundTab(url: string): Promise<Capture | { reason: string }> {
      if (/\.pdf(?:[?#]|$)/i.test(url) && pdf) {
        try {
          const read = await pdf.read(url);
          return { ...read.result.capture, pdf: { ...read.result.capture.pdf!, file: null } };
        } catch (error) {
          return { reason: error instanceof PdfHostError ? error.reason : 'pdf-unreadable' };
        }
      }
      const tab = await browser.tabs.create({ url, active: false });
      try {
        // Until the navigation commits, the new tab still shows a blank page.
        for (let i = 0; i < 100 && !/^https?:/i.test((await browser.tabs.get(tab.id!)).url ?? ''); i++) await new Promise((resolve) => setTimeout(resolve, 100));
        const captured = await captureTab(tab.id!, 'article');
        if (!captured.ok) return { reason: captured.reason };
        return captured.result.capture;
      } finally {
        await browser.tabs.remove(tab.id!).catch(() => undefined);
      }
    },
  };
}
