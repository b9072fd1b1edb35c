// Capture in the page: inject the capture script into a tab on demand (activeTab), let it
// run extract() on the live DOM and bring back the result. Restricted tabs and injection
// failures become a Restriction the UI can explain, never an exception or a hang.
import { browser } from 'wxt/browser';
import type { ExtractResult } from '@knipsel/core/capture';
import { restrictionOf, type Restriction } from '../capture/restricted-url.js';
import type { PopupMode, Quote } from '../messaging/protocol.js';

/** What the capture script returns from the page. */
export interface PageCapture {
  restricted?: Restriction;
  result?: ExtractResult;
  selection?: { quote: Quote; position: { start: number; end: number } | null } | null;
}

export type TabCapture =
  | { ok: false; reason: Restriction; url: string | null }
  | { ok: true; tab: { id: number; url: string; title: string }; result: ExtractResult; selection: PageCapture['selection'] };

/** Map an executeScript failure to what the user should be told. */
export function restrictionOfError(message: string): Restriction {
  if (/gallery|webstore|chromewebstore|addons\.mozilla/i.test(message)) return 'store';
  if (/view-source/i.test(message)) return 'view-source';
  if (/(chrome|edge|about|chrome-extension|moz-extension|devtools):/i.test(message)) return 'browser-page';
  if (/No tab with id|Invalid tab/i.test(message)) return 'no-tab';
  if (/Frame with ID 0 is showing error page|error page/i.test(message)) return 'not-web';
  return 'no-access';
}

const TIMEOUT_MS = 20_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** How long to wait for a document that is still being parsed before saying it is loading. */
export const readableWaitMs = 8_000;

/**
 * Wait until the tab's document has been parsed (readyState past "loading"): then its text is
 * there, whatever its images, ads or other requests still do. False after `readableWaitMs`.
 */
async function untilReadable(tabId: number): Promise<boolean> {
  const started = Date.now();
  for (;;) {
    let state: unknown = null;
    try {
      const [frame] = await browser.scripting.executeScript({ target: { tabId }, func: () => document.readyState, injectImmediately: true });
      state = frame?.result;
    } catch {
      return true; // not injectable: the capture itself will say why
    }
    if (state === 'interactive' || state === 'complete') return true;
    if (Date.now() - started > readableWaitMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function captureTab(tabId: number, mode: PopupMode | 'page'): Promise<TabCapture> {
  let tab: { url?: string; title?: string; status?: string };
  try {
    tab = await browser.tabs.get(tabId);
  } catch {
    return { ok: false, reason: 'no-tab', url: null };
  }
  const url = tab.url ?? null;
  // Only judge by address when the browser tells it (activeTab or host access). A tab still
  // "loading" is not refused: a page whose ad or image never finishes is read once its
  // document is (see untilReadable).
  const byUrl = url ? restrictionOf(url) : null;
  if (byUrl) return { ok: false, reason: byUrl, url };
  try {
    if (!(await untilReadable(tabId))) return { ok: false, reason: 'loading', url };
    await browser.scripting.executeScript({
      target: { tabId },
      func: (requested: string) => {
        (globalThis as { __knipselCaptureMode?: string }).__knipselCaptureMode = requested;
      },
      args: [mode],
    });
    // Right away: by default the browser waits for the page's "idle" moment, which a request
    // that never ends can put off.
    const [frame] = await withTimeout(browser.scripting.executeScript({ target: { tabId }, files: ['/capture.js'], injectImmediately: true }), TIMEOUT_MS);
    const page = frame?.result as PageCapture | undefined;
    if (!page) return { ok: false, reason: 'no-access', url };
    if (page.restricted) return { ok: false, reason: page.restricted, url };
    if (!page.result) return { ok: false, reason: 'no-access', url };
    const pageUrl = page.result.capture.url;
    const late = restrictionOf(pageUrl);
    if (late) return { ok: false, reason: late, url: pageUrl };
    return {
      ok: true,
      tab: { id: tabId, url: pageUrl, title: tab.title ?? page.result.capture.title },
      result: page.result,
      selection: page.selection ?? null,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message === 'timeout') return { ok: false, reason: 'loading', url };
    return { ok: false, reason: restrictionOfError(message), url };
  }
}

/** The text of the link(s) to `href` in a tab, for a link clip's title (null when unreadable). */
export async function linkTextIn(tabId: number, href: string, frameId?: number): Promise<string | null> {
  try {
    const [frame] = await browser.scripting.executeScript({
      target: frameId !== undefined ? { tabId, frameIds: [frameId] } : { tabId },
      func: (wanted: string) => {
        for (const a of Array.from(document.querySelectorAll('a[href]'))) {
          if ((a as HTMLAnchorElement).href === wanted) {
            const text = (a.textContent ?? '').replace(/\s+/g, ' ').trim() || a.getAttribute('title') || a.getAttribute('aria-label');
            if (text) return text.slice(0, 300);
          }
        }
        return null;
      },
      args: [href],
    });
    return (frame?.result as string | null) ?? null;
  } catch {
    return null;
  }
}
