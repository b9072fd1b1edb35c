// The bridge content script's registration: on the origins of the configured web app
// addresses only, and started in the app's tabs that are already open.
import { browser } from 'wxt/browser';
import { bridgeMatchPatterns, bridgeOrigins, isBridgeOrigin } from '../bridge/origins.js';

const scriptId = 'knipsel-bridge';
const file = '/bridge.js';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Register the bridge content script for the web app addresses in the settings, and start it
 * in app tabs that are already open (the app was open before the address was set, or before
 * the extension was installed, updated or restarted: without this they would say "no
 * extension" until reloaded). A registration that is already right is left alone, so a page
 * that loads while the worker starts never falls into a gap. Returns the patterns. Calls run
 * one at a time.
 */
export function syncBridgeRegistration(appUrls: string[]): Promise<string[]> {
  const next = queue.then(async () => {
    try {
      const origins = bridgeOrigins(appUrls);
      const matches = bridgeMatchPatterns(origins, !import.meta.env.FIREFOX);
      const [existing] = await browser.scripting.getRegisteredContentScripts({ ids: [scriptId] });
      const same = existing && [...(existing.matches ?? [])].sort().join() === [...matches].sort().join();
      if (existing && !same) await browser.scripting.unregisterContentScripts({ ids: [scriptId] });
      if (matches.length === 0) return [];
      if (!same) await browser.scripting.registerContentScripts([{ id: scriptId, matches, js: [file], runAt: 'document_start', allFrames: false }]);
      await startInOpenTabs(origins);
      return matches;
    } catch (error) {
      console.warn('[knipsel] bridge registration failed', error);
      return [];
    }
  });
  queue = next.catch(() => undefined);
  return next;
}

/** Run the bridge script in the open tabs of the app's origins (it does nothing where it already runs). */
async function startInOpenTabs(origins: readonly string[]): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined && isBridgeOrigin(tab.url, origins))
      .map((tab) => browser.scripting.executeScript({ target: { tabId: tab.id!, frameIds: [0] }, files: [file] }).catch(() => undefined)),
  );
}
