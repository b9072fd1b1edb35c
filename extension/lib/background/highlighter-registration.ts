// The in-page highlighter: registered as a content script on the origins the user granted
// (optional host access, asked for when highlights are switched on), and injected right
// away into a tab that was just clipped (activeTab covers it).
import { browser } from 'wxt/browser';

const scriptId = 'knipsel-highlighter';
const file = '/highlighter.js';

let queue: Promise<unknown> = Promise.resolve();

/** Register or unregister the highlighter to match the setting; returns the origins it runs on. Calls run one at a time. */
export function syncHighlighterRegistration(enabled: boolean): Promise<string[]> {
  const next = queue.then(() => sync(enabled));
  queue = next.catch(() => undefined);
  return next;
}

async function sync(enabled: boolean): Promise<string[]> {
  try {
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [scriptId] });
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [scriptId] });
    if (!enabled) return [];
    const { origins = [] } = await browser.permissions.getAll();
    const matches = origins.filter((o) => /^(https?|\*):\/\//.test(o));
    if (matches.length === 0) return [];
    await browser.scripting.registerContentScripts([{ id: scriptId, matches, js: [file], runAt: 'document_idle' }]);
    return matches;
  } catch (error) {
    console.warn('[knipsel] highlighter registration failed', error);
    return [];
  }
}

/** Start the highlighter in one tab now (after a clip is saved there). */
export async function injectHighlighter(tabId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [file] });
    return true;
  } catch {
    return false;
  }
}
