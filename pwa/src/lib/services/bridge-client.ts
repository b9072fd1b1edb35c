// The web app's side of the extension ↔ web app bridge: runs the app role of the core
// bridge session over window.postMessage. The extension's content script (injected only on
// configured app origins) relays to the extension background. Only messages this window
// posted itself, from this origin, are read; replies go to this origin only.
//
// Hello is repeated until the extension answers (it may be installed or woken later); an
// answerless hello means "no extension here". A 'bye' (the extension restarted) and a
// return from the back/forward cache start a new handshake. Remote updates are applied by the session with its own origin, so the
// dossier on screen updates live through observe().
import type { Library } from '../../../../core/index.js';
import { createBridgeSession, type BridgeStatus } from '../../../../core/sync/bridge-session.js';

export type ExtensionLink = 'checking' | 'connected' | 'absent' | 'mismatch';

export interface BridgeClientStatus {
  link: ExtensionLink;
  /** The extension's protocol version, when it differs from the app's. */
  peerVersion: number | null;
  /** Dossiers kept in step with the extension. */
  dossiers: number;
}

export interface BridgeWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message' | 'pageshow', listener: (event: MessageEvent & PageTransitionEvent) => void): void;
  removeEventListener(type: 'message' | 'pageshow', listener: (event: MessageEvent & PageTransitionEvent) => void): void;
  location: { origin: string };
}

export interface BridgeClientOptions {
  library: Library;
  onStatus: (status: BridgeClientStatus) => void;
  win?: BridgeWindow;
  log?: (message: string) => void;
  /** No answer to hello within this time: the extension counts as absent (hello keeps repeating). */
  answerMs?: number;
  /** How often hello is repeated while no extension answers. */
  retryMs?: number;
  /** Protocol version to announce (tests simulate an old or new app with it). */
  version?: number;
}

export function startBridgeClient(options: BridgeClientOptions): { stop(): void; readonly status: BridgeClientStatus } {
  const win = options.win ?? (window as unknown as BridgeWindow);
  const origin = win.location.origin;
  const answerMs = options.answerMs ?? 1500;
  const retryMs = options.retryMs ?? 5000;
  let status: BridgeClientStatus = { link: 'checking', peerVersion: null, dossiers: 0 };
  let answerTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const publish = (patch: Partial<BridgeClientStatus>) => {
    const next = { ...status, ...patch };
    if (next.link === status.link && next.peerVersion === status.peerVersion && next.dossiers === status.dossiers) return;
    status = next;
    options.onStatus(status);
  };

  const clearTimers = () => {
    if (answerTimer) clearTimeout(answerTimer);
    if (retryTimer) clearTimeout(retryTimer);
    answerTimer = retryTimer = null;
  };

  const hello = () => {
    if (stopped) return;
    clearTimers();
    session.start();
    answerTimer = setTimeout(() => {
      answerTimer = null;
      if (session.status.state === 'connecting') publish({ link: 'absent', dossiers: 0 });
    }, answerMs);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (session.status.state === 'connecting' || session.status.state === 'idle') hello();
    }, retryMs);
  };

  const session = createBridgeSession({
    role: 'app',
    library: options.library,
    version: options.version,
    send: (envelope) => win.postMessage(envelope, origin),
    log: options.log ?? ((message) => console.warn(`[knipsel] ${message}`)),
    onStatus: (s: BridgeStatus) => {
      if (s.state === 'connected') {
        clearTimers();
        publish({ link: 'connected', peerVersion: null, dossiers: s.dossiers });
      } else if (s.state === 'mismatch') {
        clearTimers();
        publish({ link: 'mismatch', peerVersion: s.peerVersion, dossiers: 0 });
      } else if (s.state === 'idle' && status.link === 'connected') {
        // The extension went away (restarted, updated, disabled): ask again shortly.
        publish({ link: 'checking', dossiers: 0 });
        clearTimers();
        retryTimer = setTimeout(hello, 300);
      }
    },
  });

  const onMessage = (event: MessageEvent) => {
    if (event.source !== (win as unknown) || event.origin !== origin) return;
    session.receive(event.data);
  };
  // Back from the back/forward cache: the extension's port was closed meanwhile.
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) hello();
  };
  win.addEventListener('message', onMessage);
  win.addEventListener('pageshow', onPageShow);
  hello();

  return {
    get status() {
      return status;
    },
    stop() {
      stopped = true;
      clearTimers();
      win.removeEventListener('message', onMessage);
      win.removeEventListener('pageshow', onPageShow);
      session.close();
    },
  };
}
