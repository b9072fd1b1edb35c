// The highlighter in a page: if the page is a clip, re-anchor and paint its highlights,
// report the ones that no longer match, and offer the toolbar on a new selection.
import { browser } from 'wxt/browser';
import type { HighlightColour } from '@knipsel/core';
import { resolveLang, translate } from '../i18n/messages.js';
import type { PageHighlights } from '../messaging/protocol.js';
import { send } from '../messaging/send.js';
import { loadSettings } from '../settings/settings.js';
import { anchorAll, describeRange } from './anchor.js';
import { paint } from './paint.js';
import { createToolbar, type Toolbar } from './toolbar.js';

export interface Highlighter {
  refresh(): Promise<void>;
}

export function startHighlighter(doc: Document, win: Window): Highlighter {
  let page: PageHighlights | null = null;
  let toolbar: Toolbar | null = null;
  let pending: Range | null = null;
  let selectionTimer: ReturnType<typeof setTimeout> | undefined;

  const url = () => win.location.href;

  async function ensureToolbar(): Promise<Toolbar> {
    if (toolbar) return toolbar;
    const { language } = await loadSettings();
    const lang = resolveLang(language, browser.i18n.getUILanguage());
    toolbar = createToolbar(
      doc,
      {
        keep: translate(lang, 'hl.keep'),
        note: translate(lang, 'hl.note'),
        saved: translate(lang, 'hl.saved'),
        failed: translate(lang, 'hl.failed'),
        colours: {
          inspiratie: translate(lang, 'colour.inspiratie'),
          methode: translate(lang, 'colour.methode'),
          onderbouwing: translate(lang, 'colour.onderbouwing'),
          vraag: translate(lang, 'colour.vraag'),
        },
      },
      (colour, note) => void keep(colour, note, lang),
    );
    return toolbar;
  }

  async function keep(colour: HighlightColour, note: string, lang: 'nl' | 'en'): Promise<void> {
    const range = pending;
    if (!range || !doc.body) return;
    const described = describeRange(range, doc.body);
    if (!described) return;
    try {
      await send('page/add-highlight', { url: url(), quote: described.quote, position: described.position, note, colour });
      toolbar?.status(translate(lang, 'hl.saved'));
      doc.getSelection()?.removeAllRanges();
      await refresh();
      setTimeout(() => toolbar?.hide(), 900);
    } catch {
      toolbar?.status(translate(lang, 'hl.failed'));
    }
  }

  async function refresh(): Promise<void> {
    page = await send('page/highlights', { url: url() }).catch(() => null);
    if (!page || !doc.body) return;
    const { anchored, orphaned } = anchorAll(doc.body, page.highlights);
    paint(
      doc,
      anchored.map(({ highlight, range }) => ({ colour: highlight.colour, range })),
    );
    doc.documentElement.dataset.knipselHighlights = `${anchored.length}/${page.highlights.length}`;
    await send('page/anchor-report', { url: url(), clipId: page.clipId, orphaned: orphaned.map((h) => h.id) }).catch(() => undefined);
  }

  function onSelection(): void {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => void checkSelection(), 250);
  }

  async function checkSelection(): Promise<void> {
    if (!page) return;
    const selection = doc.getSelection();
    if (toolbar && selection && toolbar.contains(selection.anchorNode)) return;
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !selection.toString().trim()) {
      if (toolbar?.visible && !toolbar.contains(doc.activeElement)) toolbar.hide();
      return;
    }
    const range = selection.getRangeAt(0);
    if (toolbar?.contains(range.commonAncestorContainer)) return;
    pending = range.cloneRange();
    (await ensureToolbar()).show(range.getBoundingClientRect());
  }

  doc.addEventListener('selectionchange', onSelection);
  doc.addEventListener('mouseup', onSelection);
  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') toolbar?.hide();
  });
  void refresh();
  return { refresh };
}
