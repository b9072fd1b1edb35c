// The background's half of the extension ↔ web app bridge: registers the bridge content
// script on the configured web app origins only, accepts its runtime ports (after checking
// the sender again), and runs one core bridge session per app tab against the extension's
// library, with the pairings of that tab's origin. Keeps what the popup and options show:
// when the app was last seen, a protocol mismatch, the pairings, pairing requests waiting
// for the user's click, and deletions waiting for the user. See core/sync/bridge/session.ts;
// the script's registration is in bridge-registration.ts, what is kept of the app in
// bridge-memory.ts.
import { browser, type Browser } from 'wxt/browser';
import { bridgeProtocolVersion, type BridgeSession, type BridgeStatus, createBridgeSession } from '@knipsel/core/bridge';
import { createId } from '@knipsel/core';
import { bridgeOrigins, isBridgeOrigin } from '../bridge/origins.js';
import { bridgePortName, keepAliveMessage } from '../bridge/page-forwarder.js';
import type { BridgeInfo, PairRequestInfo } from '../messaging/protocol.js';
import { translate } from '../i18n/messages.js';
import { loadSettings } from '../settings/settings.js';
import { clearBadge, showBadge } from './badge.js';
import { createBridgeMemory } from './bridge-memory.js';
import { loadPairs, originPairStore, removePair } from './bridge-pairs.js';
import { syncBridgeRegistration } from './bridge-registration.js';
import type { LibraryService } from './background-library.js';

/** How often `lastSeen` is written while an app stays connected. */
const lastSeenEveryMs = 60_000;
/** Pairing requests waiting for the user at once (one per app tab); more are refused. */
const maxRequests = 3;
const requestMs = 5 * 60_000;

interface Live {
  session: BridgeSession;
  origin: string;
  tabId: number | undefined;
  /** The pairing request of this tab waiting for the user, if any. */
  request: PairRequestInfo | null;
}

export interface BridgeHostOptions {
  /** Extension pages reload what changed in a dossier. */
  broadcast: (dossierId: string) => void;
  /** Extension pages reload the bridge status (pairing requests, pairings, held deletions). */
  changed: () => void;
}

export function createBridgeHost(service: LibraryService, options: BridgeHostOptions) {
  const live = new Map<Browser.runtime.Port, Live>();
  const memory = createBridgeMemory();
  const remember = memory.remember;
  const changedDossiers = new Set<string>();
  let broadcastTimer: ReturnType<typeof setTimeout> | null = null;
  /** Test hook: new app tabs wait for this before they are answered (a slow worker start). */
  let gate: { opened: Promise<void>; open(): void } | null = null;

  /** Extension pages reload what changed; batched so a burst of updates is one event. */
  const changedRemotely = (dossierId: string) => {
    changedDossiers.add(dossierId);
    broadcastTimer ??= setTimeout(() => {
      broadcastTimer = null;
      for (const id of changedDossiers) options.broadcast(id);
      changedDossiers.clear();
    }, 100);
  };

  /** A tab's session asks the user to confirm a pairing (or no longer does). */
  function pairRequest(port: Browser.runtime.Port, request: { code: string } | null): boolean {
    const entry = live.get(port);
    if (!entry) return false;
    if (request === null) {
      if (entry.request) {
        entry.request = null;
        options.changed();
        void clearBadge(entry.tabId);
      }
      return true;
    }
    const waiting = [...live.values()].filter((l) => l !== entry && l.request).length;
    if (waiting >= maxRequests) return false;
    entry.request = { id: createId(16), origin: entry.origin, code: request.code, at: Date.now() };
    options.changed();
    void loadSettings().then((s) => showBadge(entry.tabId, 'ask', translate(s.language === 'en' ? 'en' : 'nl', 'pair.badge'), requestMs));
    return true;
  }

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
      if (gate) await gate.opened;
      if (closed) return;
      const origin = new URL(sender.url!).origin;
      const library = await service.library();
      let lastWritten = 0;
      let lastState = '';
      let lastHeld = 0;
      const session = createBridgeSession({
        role: 'extension',
        library,
        files: service.files(),
        origin,
        pairs: originPairStore(origin),
        send: (envelope) => {
          if (closed) return;
          try {
            port.postMessage(envelope);
          } catch {
            closed = true;
          }
        },
        log: (message) => console.warn(`[knipsel] ${message}`),
        onPairRequest: (request) => pairRequest(port, request),
        onStatus: (status: BridgeStatus) => {
          if (status.held.length !== lastHeld) {
            lastHeld = status.held.length;
            options.changed();
          }
          if (status.state === lastState) return;
          lastState = status.state;
          options.changed();
          if (status.state === 'connected' && status.lastSeen) {
            lastWritten = status.lastSeen;
            void remember({ lastSeen: status.lastSeen, origin, mismatch: null });
          } else if (status.state === 'mismatch' && status.peerVersion !== null) {
            void remember({ lastSeen: Date.now(), origin, mismatch: { app: status.peerVersion, at: Date.now() } });
          }
        },
      });
      live.set(port, { session, origin, tabId: sender.tab?.id, request: null });
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
      const end = () => {
        if (!live.has(port)) return;
        session.close(); // while still listed, so a waiting pairing request (and its badge) goes too
        live.delete(port);
        options.changed();
        if (session.status.lastSeen) void remember({ lastSeen: Date.now(), origin });
      };
      port.onDisconnect.addListener(end);
      for (const message of pending.splice(0)) receive(message);
      if (closed) end();
    })().catch((error: unknown) => {
      console.warn('[knipsel] bridge: could not start a session', error);
      port.disconnect();
    });
  }

  const connectedSessions = () => [...live.values()].filter(({ session }) => session.status.state === 'connected');

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
        session.close();
        live.delete(port);
        port.disconnect();
      }
      options.changed();
    },
    async status(): Promise<BridgeInfo> {
      const saved = await memory.read();
      const held = connectedSessions().find(({ session }) => session.status.held.length > 0);
      return {
        connected: connectedSessions().length > 0,
        lastSeen: saved.lastSeen,
        origin: saved.origin,
        mismatch: saved.mismatch ? { app: saved.mismatch.app, extension: bridgeProtocolVersion } : null,
        pairs: (await loadPairs()).map(({ id, origin, pairedAt }) => ({ id, origin, pairedAt })),
        requests: [...live.values()].flatMap((l) => (l.request ? [l.request] : [])).sort((a, b) => b.at - a.at),
        deletions: held ? { origin: held.origin, dossiers: held.session.status.held.map(({ id, name }) => ({ id, name })) } : null,
      };
    },
    /** The user's click on a pairing request in the popup or the options. */
    async answerPairing(requestId: string, accept: boolean): Promise<{ paired: boolean }> {
      const entry = [...live.values()].find((l) => l.request?.id === requestId);
      if (!entry) throw Object.assign(new Error('This pairing request is no longer waiting.'), { code: 'not-found' });
      const pair = await entry.session.answerPairing(accept);
      options.changed();
      return { paired: pair !== null };
    },
    /** Unpair from the extension: forget the key, and tell an app that is connected with it. */
    async unpair(pairId: string): Promise<void> {
      await removePair(pairId);
      for (const { session } of live.values()) if (session.status.pairId === pairId) await session.unpair();
      options.changed();
    },
    /** The user's answer about dossiers the app deleted, more than one at once. */
    async resolveDeletions(accept: boolean): Promise<void> {
      for (const { session } of connectedSessions()) if (session.status.held.length) await session.resolveHeld(accept);
      options.changed();
    },
    /** Test hook (documented in extension/CONTEXT.md): answer new app tabs only after `ms` (0: now), as a slow worker start would. */
    hold(ms: number) {
      gate?.open();
      gate = null;
      if (ms <= 0) return;
      let open = () => undefined as void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      const timer = setTimeout(() => open(), ms);
      const current = { opened, open: () => (clearTimeout(timer), open()) };
      gate = current;
      void opened.then(() => {
        if (gate === current) gate = null;
      });
    },
  };
}

export type BridgeHost = ReturnType<typeof createBridgeHost>;
