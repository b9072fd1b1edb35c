// Everything the background does, wired once: the library, the message router, the
// context menu, the keyboard shortcut, the highlighter registration and the web app bridge.
import { browser } from 'wxt/browser';
import type { BackgroundEvent } from '../messaging/protocol.js';
import { createRouter } from '../messaging/router.js';
import { loadSettings, onSettingsChanged } from '../settings/settings.js';
import { createMenus, menuRequest } from './context-menu.js';
import { createBridgeHost } from './bridge-host.js';
import { syncBridgeRegistration } from './bridge-registration.js';
import { createHandlers } from './handlers.js';
import { syncHighlighterRegistration } from './highlighter-registration.js';
import { createLibraryService } from './background-library.js';
import { createQuickClip } from './quick-clip.js';
import { createPdfHost } from './pdf-host.js';

export function startBackground() {
  const service = createLibraryService();
  const tell = (event: BackgroundEvent) => void browser.runtime.sendMessage(event).catch(() => undefined); // nobody listening is fine
  const broadcast = (dossierId: string) => tell({ knipselEvent: 1, type: 'dossier/changed', dossierId });
  const bridge = createBridgeHost(service, { broadcast, changed: () => tell({ knipselEvent: 1, type: 'bridge/changed' }) });
  const pdf = createPdfHost();
  const handlers = createHandlers(service, broadcast, bridge, pdf);
  const router = createRouter(handlers, { extensionOrigin: browser.runtime.getURL('/'), extensionId: browser.runtime.id });
  const quick = createQuickClip(service, handlers, pdf);

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const pending = router.handle(message, sender);
    void pending.then((reply) => {
      if (reply) sendResponse(reply);
    });
    // Answer asynchronously only for our own requests; leave other messages alone.
    return typeof message === 'object' && message !== null && (message as { knipsel?: unknown }).knipsel === 1 ? true : undefined;
  });

  browser.runtime.onInstalled.addListener(() => void createMenus());
  browser.runtime.onStartup?.addListener(() => void createMenus());
  bridge.start();
  onSettingsChanged((settings) => {
    void createMenus();
    bridge.settingsChanged(settings.appUrls);
    void syncHighlighterRegistration(settings.highlights);
  });
  browser.permissions.onAdded?.addListener(() => void loadSettings().then((s) => Promise.all([syncHighlighterRegistration(s.highlights), syncBridgeRegistration(s.appUrls)])));
  browser.permissions.onRemoved?.addListener(() => void loadSettings().then((s) => syncHighlighterRegistration(s.highlights)));

  const onMenu = (info: Parameters<typeof menuRequest>[0], tab: Parameters<typeof menuRequest>[1]) => {
    const request = menuRequest(info, tab);
    return request ? quick.runAndConfirm(request.kind, request.target, 'default') : Promise.resolve(null);
  };
  const onCommand = async (command: string, tab?: { id?: number }) => {
    if (command !== 'quick-clip') return null;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    return tabId === undefined ? null : quick.runAndConfirm('page', { tabId }, 'last');
  };
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenu(info, tab));
  browser.commands?.onCommand.addListener((command, tab) => void onCommand(command, tab));

  // Chrome: the side panel opens from the popup's button; keep the toolbar click for the popup.
  // Hooks for end-to-end tests, reachable only from code running in this worker.
  (globalThis as Record<string, unknown>).knipsel = { onMenu, onCommand, holdBridge: (ms: number) => bridge.hold(ms) };
}
