// The context menu: "Knip selectie", "Knip pagina", "Knip link", and on links to a PDF "Knip
// PDF" (its text read with pdf.js), titled in the UI language.
import { browser } from 'wxt/browser';
import { resolveLang, translate } from '../i18n/messages.js';
import { loadSettings } from '../settings/settings.js';
import type { QuickKind, QuickTarget } from './quick-clip.js';

export const menuIds: Record<string, QuickKind> = { 'knip-selectie': 'selection', 'knip-pagina': 'page', 'knip-link': 'link', 'knip-pdf': 'pdf' };

/** Links the "Knip PDF" item is offered on (the address ends in .pdf, any case, any query). */
export const pdfLinkPatterns = ['*://*/*.pdf', '*://*/*.pdf?*', '*://*/*.PDF', '*://*/*.PDF?*'];

export async function createMenus(): Promise<void> {
  const { language } = await loadSettings();
  const lang = resolveLang(language, browser.i18n.getUILanguage());
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: 'knip-selectie', title: translate(lang, 'menu.selection'), contexts: ['selection'] });
  browser.contextMenus.create({ id: 'knip-pagina', title: translate(lang, 'menu.page'), contexts: ['page'] });
  browser.contextMenus.create({ id: 'knip-link', title: translate(lang, 'menu.link'), contexts: ['link'] });
  browser.contextMenus.create({ id: 'knip-pdf', title: translate(lang, 'menu.pdf'), contexts: ['link'], targetUrlPatterns: pdfLinkPatterns });
}

/** What a menu click asks for, or null for someone else's item. */
export function menuRequest(
  info: { menuItemId: string | number; linkUrl?: string; linkText?: string; selectionText?: string; frameId?: number; pageUrl?: string },
  tab: { id?: number; url?: string; title?: string } | undefined,
): { kind: QuickKind; target: QuickTarget } | null {
  const kind = menuIds[String(info.menuItemId)];
  if (!kind || tab?.id === undefined) return null;
  return {
    kind,
    target: {
      tabId: tab.id,
      linkUrl: info.linkUrl,
      linkText: info.linkText,
      frameId: info.frameId,
      selectionText: info.selectionText,
      pageUrl: info.pageUrl ?? tab.url,
      pageTitle: tab.title,
    },
  };
}
