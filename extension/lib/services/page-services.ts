// Small services the extension pages use instead of calling browser.* from components:
// which tab to act on, opening the side panel and options, and asking for host access.
import { browser } from 'wxt/browser';
import { bridgeMatchPatterns, bridgeOrigins } from '../bridge/origins.js';
import { pageAccessPatterns } from './page-access.js';

/**
 * The tab the popup acts on. `popup.html?tabId=123` names it explicitly (used when the
 * popup is opened as a page, e.g. in end-to-end tests); otherwise the active tab.
 */
export async function targetTabId(search = location.search): Promise<number | null> {
  const param = new URLSearchParams(search).get('tabId');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export async function openSidePanel(): Promise<void> {
  const sidePanel = (browser as unknown as { sidePanel?: { open(o: { windowId: number }): Promise<void> } }).sidePanel;
  const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  if (sidePanel) {
    const win = await browser.windows.getCurrent();
    if (win.id !== undefined) await sidePanel.open({ windowId: win.id });
  } else if (sidebar) {
    await sidebar.open();
  }
}

export function openOptions(): Promise<void> {
  return browser.runtime.openOptionsPage();
}

export function openUrl(url: string): Promise<unknown> {
  return browser.tabs.create({ url });
}

/** The optional host access highlights need; must be called from a user gesture. */
export async function requestHighlightAccess(): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: ['http://*/*', 'https://*/*'] });
  } catch {
    return false;
  }
}

/**
 * Host access for web app addresses that are not on this machine (127.0.0.1 and localhost
 * are granted at install): the bridge content script can only run where it has access.
 * Must be called from a user gesture. Returns the origins still without access.
 */
export async function requestAppAccess(appUrls: string[]): Promise<string[]> {
  const origins = bridgeOrigins(appUrls).filter((o) => !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(o));
  if (origins.length === 0) return [];
  const patterns = bridgeMatchPatterns(origins, !import.meta.env.FIREFOX);
  try {
    if (await browser.permissions.request({ origins: patterns })) return [];
  } catch {
    // Treated as refused.
  }
  return origins;
}

export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/**
 * Host access to the origins of links to complete (their pages are read in background tabs,
 * where activeTab does not reach); must be called first thing in a user gesture.
 */
export async function requestOriginAccess(urls: string[]): Promise<boolean> {
  const origins = pageAccessPatterns(urls, !import.meta.env.FIREFOX);
  if (origins.length === 0) return true;
  try {
    return await browser.permissions.request({ origins });
  } catch {
    return false;
  }
}
