// The bridge content script: registered by the background only on the configured Knipsel
// web app origin(s) (see lib/background/bridge-host.ts). It checks the exact origin against
// the settings again before doing anything, then marks the page (`data-knipsel-extension`
// on <html>, so the app says "verbinden…" rather than "no extension" while the background
// wakes up) and forwards (lib/bridge/page-forwarder.ts).
import { defineUnlistedScript } from '#imports';
import { browser } from 'wxt/browser';
import { bridgeOrigins } from '../lib/bridge/origins';
import { bridgePortName, startForwarder } from '../lib/bridge/page-forwarder';
import { loadSettings, onSettingsChanged } from '../lib/settings/settings';

/** True while this copy of the script still reaches its extension (an update or reload cuts older copies off). */
const alive = () => {
  try {
    return !!browser.runtime?.id;
  } catch {
    return false;
  }
};

export default defineUnlistedScript(() => {
  // Started by the registration at page load, or by the background in a tab that was already
  // open: one live copy per page (a copy left behind by an older extension is dead and ignored).
  const holder = globalThis as { __knipselBridge?: unknown };
  const running = holder.__knipselBridge;
  if ((typeof running === 'function' && running()) || window.top !== window) return;
  holder.__knipselBridge = alive;
  const origin = location.origin;
  // Frames the app posts while the settings are read are held, then checked and relayed in order.
  const early: MessageEvent[] = [];
  const hold = (event: MessageEvent) => void early.push(event);
  window.addEventListener('message', hold);
  void loadSettings().then((settings) => {
    window.removeEventListener('message', hold);
    if (!bridgeOrigins(settings.appUrls).includes(origin)) return;
    document.documentElement.dataset.knipselExtension = 'present';
    const stop = startForwarder({
      win: window,
      origin,
      early: early.splice(0, 100),
      connect: () => browser.runtime.connect({ name: bridgePortName }),
      log: (message) => console.warn(`[knipsel] ${message}`),
    });
    // The address was removed from the settings: this page gets no bridge any more.
    const unlisten = onSettingsChanged((next) => {
      if (bridgeOrigins(next.appUrls).includes(origin)) return;
      unlisten();
      delete document.documentElement.dataset.knipselExtension;
      stop();
    });
  });
});
