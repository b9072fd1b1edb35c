// The background's half of the extension ↔ web app bridge: registers the bridge content
// script on the configured web app origins only, accepts its runtime ports (after checking
// the sender again), and runs one core bridge session per app tab against the extension's
// library. Remembers when the app was last seen and any protocol version mismatch, for the
// popup. See core/sync/bridge-session.ts for the protocol itself.
import { browser, type Browser } from 'wxt/browser';
import { bridgeProtocolVersion } from '../../../core/sync/bridge-protocol.js';
import { createBridgeSession, type BridgeSession, type BridgeStatus } from '../../../core/sync/bridge-session.js';
import { bridgeMatchPatterns, bridgeOrigins, isBridgeOrigin } from '../bridge/origins.js';
import { bridgePortName, keepAliveMessage } from '../bridge/relay.js';
import type { BridgeInfo } from '../messaging/protocol.js';
import { loadSettings } from '../settings/settings.js';
import type { LibraryService } from './library-service.js';

const scriptId = 'knipsel-bridge';
const file = '/bridge.js';
const storageKey = 'bridge';
/** How often `lastSeen` is written while an app stays connected. */
const lastSeenEveryMs = 60_000;

interface StoredBridge {
  lastSeen: number | null;
  origin: string | null;
  /** The app's protocol version when it differed from ours. */
  mismatch: { app: number; at: number } | null;
}

let queue: Promise<unknown> = Promise.resolve();

/** Register the bridge content script for the web app addresses in the settings; returns the patterns. Calls run one at a time. */
export function syncBridgeRegistration(appUrls: string[]): Promise<string[]> {
  const next = queue.then(async () => {
    try {
      const existing = await browser.scripting.getRegisteredContentScripts({ ids: [scriptId] });
      if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [scriptId] });
      const matches = bridgeMatchPatterns(bridgeOrigins(appUrls), !import.meta.env.FIREFOX);
      if (matches.length === 0) return [];
      await browser.scripting.registerContentScripts([{ id: scriptId, matches, js: [file], runAt: 'document_start', allFrames: false }]);
      return matches;
    } catch (error) {
      console.warn('[knipsel] bridge registration failed', error);
      return [];
    }
  });
  queue = next.catch(() => undefined);
  return next;
}

async function loadStored(): Promise<StoredBridge> {
  const stored = (await browser.storage.local.get(storageKey))[storageKey] as Partial<StoredBridge> | undefined;
  return { lastSeen: stored?.lastSeen ?? null, origin: stored?.origin ?? null, mismatch: stored?.mismatch ?? null };
}

export function createBridgeHost(service: LibraryService, broadcast: (dossierId: string) => void) {
  const live = new Map<Browser.runtime.Port, { session: BridgeSession; origin: string }>();
  let stored: Promise<StoredBridge> | null = null;
  let writes: Promise<unknown> = Promise.resolve();
  const changed = new Set<string>();
  let broadcastTimer: ReturnType<typeof setTimeout> | null = null;

  const remember = (patch: Partial<StoredBridge>) => {
    writes = writes.then(async () => {
      const next = { ...(await (stored ??= loadStored())), ...patch };
      stored = Promise.resolve(next);
      await browser.storage.local.set({ [storageKey]: next });
    }).catch(() => undefined);
    return writes;
  };

  /** Extension pages reload what changed; batched so a burst of updates is one event. */
  const changedRemotely = (dossierId: string) => {
    changed.add(dossierId);
    broadcastTimer ??= setTimeout(() => {
      broadcastTimer = null;
      for (const id of changed) broadcast(id);
      changed.clear();
    }, 100);
  };

  function accept(port: Browser.runtime.Port) {
    const sender = port.sender;
    // Attach the listener now (messages are not queued for later listeners); decide after the checks.
    const pending: unknown[] = [];
    let receive: ((message: unknown) => void) | null = null;
    let closed = false;
    port.onMessage.addListener((message) => {
      if (receive) receive(message);
      else if (pending.length < 100) pending.push(message);
    });
    port.onDisconnect.addListener(() => {
      closed = true;
    });

    void (async () => {
      const origins = bridgeOrigins((await loadSettings()).appUrls);
      const fromOurContentScript = sender?.id === browser.runtime.id && sender.tab !== undefined && (sender.frameId ?? 0) === 0;
      if (!fromOurContentScript || !isBridgeOrigin(sender?.url, origins)) {
        console.warn(`[knipsel] bridge: port from ${sender?.url ?? 'an unknown sender'} refused`);
        port.disconnect();
        return;
      }
      if (closed) return;
      const origin = new URL(sender.url!).origin;
      const library = await service.library();
      let lastWritten = 0;
      let lastState = '';
      const session = createBridgeSession({
        role: 'extension',
        library,
        send: (envelope) => {
          if (closed) return;
          try {
            port.postMessage(envelope);
          } catch {
            closed = true;
          }
        },
        log: (message) => console.warn(`[knipsel] ${message}`),
        onStatus: (status: BridgeStatus) => {
          if (status.state === lastState) return;
          lastState = status.state;
          if (status.state === 'connected' && status.lastSeen) {
            lastWritten = status.lastSeen;
            void remember({ lastSeen: status.lastSeen, origin, mismatch: null });
          } else if (status.state === 'mismatch' && status.peerVersion !== null) {
            void remember({ lastSeen: Date.now(), origin, mismatch: { app: status.peerVersion, at: Date.now() } });
          }
        },
      });
      live.set(port, { session, origin });
      receive = (message) => {
        if (typeof message === 'object' && message !== null && (message as typeof keepAliveMessage).knipselKeepAlive === 1) return;
        const frame = (message as { frame?: { t?: unknown; dossierId?: unknown } } | null)?.frame;
        session.receive(message);
        if (frame?.t === 'sync' && typeof frame.dossierId === 'string' && session.status.state === 'connected') changedRemotely(frame.dossierId);
        const now = Date.now();
        if (session.status.state === 'connected' && now - lastWritten > lastSeenEveryMs) {
          lastWritten = now;
          void remember({ lastSeen: now, origin });
        }
      };
      port.onDisconnect.addListener(() => {
        live.delete(port);
        session.close();
        if (session.status.lastSeen) void remember({ lastSeen: Date.now(), origin });
      });
      for (const message of pending.splice(0)) receive(message);
      if (closed) {
        live.delete(port);
        session.close();
      }
    })().catch((error: unknown) => {
      console.warn('[knipsel] bridge: could not start a session', error);
      port.disconnect();
    });
  }

  return {
    /** Wire the port listener and keep the registration in step with the settings. */
    start() {
      browser.runtime.onConnect.addListener((port) => {
        if (port.name === bridgePortName) accept(port);
      });
      void loadSettings().then((settings) => syncBridgeRegistration(settings.appUrls));
    },
    /** The app addresses changed: register anew and drop apps on origins no longer configured. */
    settingsChanged(appUrls: string[]) {
      void syncBridgeRegistration(appUrls);
      const origins = bridgeOrigins(appUrls);
      for (const [port, { session, origin }] of live) {
        if (origins.includes(origin)) continue;
        live.delete(port);
        session.close();
        port.disconnect();
      }
    },
    async status(): Promise<BridgeInfo> {
      await writes;
      const saved = await (stored ??= loadStored());
      return {
        connected: [...live.values()].some(({ session }) => session.status.state === 'connected'),
        lastSeen: saved.lastSeen,
        origin: saved.origin,
        mismatch: saved.mismatch ? { app: saved.mismatch.app, extension: bridgeProtocolVersion } : null,
      };
    },
  };
}

export type BridgeHost = ReturnType<typeof createBridgeHost>;
