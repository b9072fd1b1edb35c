// Clips made without the popup: the context menu ("Knip selectie / pagina / link") and the
// keyboard shortcut (quick clip with the last used themes). Never a silent duplicate: a
// page already in the dossier gets the selection as a highlight, or is only reported.
import { browser } from 'wxt/browser';
import { bookmarkCapture, linkTitle, maxBlobBytes, selectionCapture, type Capture } from '@knipsel/core';
import { dictionaries, translate, resolveLang, type MessageKey } from '../i18n/messages.js';
import { loadSettings, loadThemeMemory } from '../settings/settings.js';
import { captureTab, linkTextIn } from './capture-tab.js';
import type { Handlers } from '../messaging/router.js';
import type { LibraryService } from './background-library.js';
import { showBadge } from './badge.js';
import type { PdfHost } from './pdf-host.js';

export type QuickKind = 'selection' | 'page' | 'link' | 'pdf';

export interface QuickTarget {
  tabId: number;
  /** For links: the link's address and (Firefox) its text. */
  linkUrl?: string;
  linkText?: string;
  frameId?: number;
  /** The context menu's copy of the selected text (fallback when the page cannot be read). */
  selectionText?: string;
  pageUrl?: string;
  pageTitle?: string;
}

export type QuickResult =
  | { status: 'saved'; dossierId: string; clipId: string }
  | { status: 'duplicate'; dossierId: string; clipId: string }
  | { status: 'highlight-added'; dossierId: string; clipId: string; highlightId: string }
  | { status: 'failed'; reason: string };

async function t(key: MessageKey, params: Record<string, string> = {}): Promise<string> {
  const { language } = await loadSettings();
  return translate(resolveLang(language, browser.i18n.getUILanguage()), key, params);
}

async function failureText(reason: string): Promise<string> {
  const key = `restricted.${reason}`;
  return key in dictionaries.nl ? t(key as MessageKey) : reason;
}

export function createQuickClip(service: LibraryService, handlers: Handlers, pdf: PdfHost | null = null) {
  const ext = { url: browser.runtime.getURL('/') };
  const asExtension = { url: ext.url };

  async function run(kind: QuickKind, target: QuickTarget, themeSource: 'default' | 'last'): Promise<QuickResult> {
    const dossierId = await service.defaultDossierId();
    const themes = themeSource === 'last' ? (await loadThemeMemory(dossierId)).lastUsed : (await loadSettings()).defaultThemes;
    let capture: Capture;
    let selection: { quote: { exact: string; prefix: string; suffix: string }; position: { start: number; end: number } | null } | null = null;
    let keepFile = false;
    let toComplete = false;

    /** A PDF read with pdf.js; its file kept when it is within the limit (the menu item says "PDF"). */
    const readPdf = async (url: string): Promise<Capture | QuickResult> => {
      if (!pdf) return { status: 'failed', reason: 'pdf' };
      try {
        const read = await pdf.read(url);
        keepFile = read.size <= maxBlobBytes;
        const file = keepFile ? { sha256: read.sha256, size: read.size, name: read.name, type: 'application/pdf' } : null;
        return { ...read.result.capture, pdf: { ...read.result.capture.pdf!, file } };
      } catch {
        return { status: 'failed', reason: 'pdf-fetch' };
      }
    };

    if (kind === 'pdf') {
      if (!target.linkUrl || !/^https?:/i.test(target.linkUrl)) return { status: 'failed', reason: 'not-web' };
      const read = await readPdf(target.linkUrl);
      if ('status' in read) return read;
      capture = read;
    } else if (kind === 'link') {
      if (!target.linkUrl || !/^https?:/i.test(target.linkUrl)) return { status: 'failed', reason: 'not-web' };
      const text = target.linkText ?? (await linkTextIn(target.tabId, target.linkUrl, target.frameId));
      capture = bookmarkCapture({ url: target.linkUrl, title: linkTitle(text, target.linkUrl), capturedAt: Date.now() });
      // Only the link: its page's text can be filled in later (the popup offers it).
      toComplete = true;
    } else {
      const captured = await captureTab(target.tabId, kind === 'selection' ? 'selection' : 'article');
      if (!captured.ok && captured.reason === 'pdf' && captured.url && /^https?:/i.test(captured.url)) {
        // "Knip pagina" on a PDF open in the viewer.
        const read = await readPdf(captured.url);
        if ('status' in read) return read;
        capture = read;
      } else if (captured.ok) {
        capture = captured.result.capture;
        selection = captured.selection ?? null;
      } else if (kind === 'selection' && target.selectionText && target.pageUrl && /^https?:/i.test(target.pageUrl)) {
        const url = target.pageUrl;
        capture = selectionCapture({ url, title: linkTitle(target.pageTitle, url), text: target.selectionText, capturedAt: Date.now() });
      } else {
        return { status: 'failed', reason: captured.reason };
      }
    }

    const [existing] = (await service.findByUrl([capture.canonicalUrl, capture.url])).filter((f) => f.dossierId === dossierId);
    if (existing) {
      if (kind === 'selection' && selection) {
        const { highlightId } = await handlers['clip/add-highlight']({ dossierId, clipId: existing.clip.id, quote: selection.quote, position: selection.position }, asExtension);
        return { status: 'highlight-added', dossierId, clipId: existing.clip.id, highlightId };
      }
      return { status: 'duplicate', dossierId, clipId: existing.clip.id };
    }
    const known = new Set((await handlers['themes/list']({ dossierId }, asExtension)).themes.map((th) => th.id));
    const saved = await handlers['clip/save']({ dossierId, capture, themes: themes.filter((id) => known.has(id)), keepFile, toComplete }, asExtension);
    return { status: 'saved', dossierId, clipId: saved.clipId };
  }

  /** Run a quick clip and confirm it on the toolbar badge. */
  async function runAndConfirm(kind: QuickKind, target: QuickTarget, themeSource: 'default' | 'last'): Promise<QuickResult> {
    let result: QuickResult;
    try {
      result = await run(kind, target, themeSource);
    } catch (error) {
      result = { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
    let title = '';
    if (result.status !== 'failed') {
      const handle = await service.open(result.dossierId);
      title = handle.dossier.clips.get(result.clipId)?.title ?? '';
    }
    const message =
      result.status === 'saved'
        ? await t('badge.saved', { title })
        : result.status === 'duplicate'
          ? await t('badge.duplicate', { title })
          : result.status === 'highlight-added'
            ? await t('badge.highlight', { title })
            : await t('badge.failed', { message: await failureText(result.reason) });
    await showBadge(target.tabId, result.status === 'failed' ? 'error' : result.status === 'duplicate' ? 'info' : 'ok', message);
    return result;
  }

  return { run, runAndConfirm };
}
