// The web app's side of the extension ↔ web app bridge: runs the app role of the core
// bridge session over window.postMessage. The extension's content script (injected only on
// configured app origins) relays to the extension background. Only messages this window
// posted itself, from this origin, are read; replies go to this origin only. The pairing
// lives in a local-only library preference (never in a dossier or a backup).
//
// Hello is repeated until the extension answers (it may be installed or woken later). No
// answer means "no extension here" only after two hellos went unanswered (the handshake had
// its chance: a busy machine or a waking extension takes seconds) and only when the
// extension's content script has not marked the page either; with the mark, the app keeps
// saying "verbinden…" however long the extension takes to wake. The mark can come late (the
// extension reads its settings first, or is configured or installed while the app is open):
// when it appears the app says hello at once. A 'bye' (the extension restarted) and a return
// from the back/forward cache start a new handshake. Remote updates are applied by the session with
// its own origin, so the dossier on screen updates live through observe().
import type { BlobStore, Library } from '@knipsel/core';
import { type BridgeStatus, createBridgeSession, createPrefPairStore, type HeldDeletion, type PairRefusal } from '@knipsel/core/bridge';

export type LinkState = 'checking' | 'connected' | 'absent' | 'mismatch' | 'unpaired' | 'pairing';

export interface BridgeClientStatus {
  link: LinkState;
  /** The extension's protocol version, when it differs from the app's. */
  peerVersion: number | null;
  /** Dossiers kept in step with the extension. */
  dossiers: number;
  /** While pairing: the code the extension shows too. */
  pairCode: string | null;
  /** Why the last pairing did not complete. */
  pairRefused: PairRefusal | null;
  /** Dossiers the extension deleted, several at once, waiting for the user. */
  held: readonly HeldDeletion[];
}

export interface BridgeWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message' | 'pageshow', listener: (event: MessageEvent & PageTransitionEvent) => void): void;
  removeEventListener(type: 'message' | 'pageshow', listener: (event: MessageEvent & PageTransitionEvent) => void): void;
  location: { origin: string };
}

export interface BridgeClientOptions {
  library: Library;
  /** Kept files: a clip's images the extension kept come here when asked for. */
  files?: BlobStore;
  onStatus: (status: BridgeClientStatus) => void;
  /** A retired dossier id (the extension's first personal dossier) now leads to another. */
  onAlias?: (from: string, to: string) => void;
  win?: BridgeWindow;
  /** Whether the extension's content script marked this page (default: `data-knipsel-extension` on <html>). */
  marked?: () => boolean;
  /** Calls back when the mark may have appeared; returns the unsubscribe (default: a MutationObserver on <html>). */
  watchMark?: (changed: () => void) => () => void;
  log?: (message: string) => void;
  /** How long one hello waits for an answer; no answer to two hellos and no mark: the extension counts as absent (hello keeps repeating). */
  answerMs?: number;
  /** How often hello is repeated while no extension answers, or it answers "not paired". */
  retryMs?: number;
  /** Protocol version to announce (tests simulate an old or new app with it). */
  version?: number;
}

const documentMarked = () => typeof document !== 'undefined' && document.documentElement.dataset.knipselExtension === 'present';
const watchDocumentMark = (changed: () => void) => {
  if (typeof MutationObserver === 'undefined' || typeof document === 'undefined') return () => undefined;
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-knipsel-extension'] });
  return () => observer.disconnect();
};
/** Unanswered hellos before "no extension" may be said. */
const absentAfter = 2;

export interface BridgeClient {
  readonly status: BridgeClientStatus;
  /** The user asks to pair: the code appears once the extension answered. */
  pair(): void;
  /** Stop pairing (the extension's request goes away with the next hello). */
  cancelPairing(): void;
  unpair(): void;
  /** The user's answer about the held deletions. */
  resolveHeld(remove: boolean): void;
  /** Ask the extension for kept files; resolves with the hashes that arrived and were stored. */
  wantFiles(hashes: string[]): Promise<string[]>;
  stop(): void;
}

export function startBridgeClient(options: BridgeClientOptions): BridgeClient {
  const win = options.win ?? (window as unknown as BridgeWindow);
  const marked = options.marked ?? documentMarked;
  const watchMark = options.watchMark ?? watchDocumentMark;
  const origin = win.location.origin;
  const answerMs = options.answerMs ?? 2000;
  const retryMs = options.retryMs ?? 5000;
  let status: BridgeClientStatus = { link: 'checking', peerVersion: null, dossiers: 0, pairCode: null, pairRefused: null, held: [] };
  let answerTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  /** Hellos in a row that got no answer in time. */
  let unanswered = 0;

  const publish = (patch: Partial<BridgeClientStatus>) => {
    const next = { ...status, ...patch };
    if ((Object.keys(next) as (keyof BridgeClientStatus)[]).every((key) => next[key] === status[key])) return;
    status = next;
    options.onStatus(status);
  };

  const clearTimers = () => {
    if (answerTimer) clearTimeout(answerTimer);
    if (retryTimer) clearTimeout(retryTimer);
    answerTimer = retryTimer = null;
  };

  const scheduleRetry = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (['connecting', 'idle', 'unpaired'].includes(session.status.state)) hello();
    }, retryMs);
  };

  const hello = () => {
    if (stopped) return;
    clearTimers();
    void session.start();
    answerTimer = setTimeout(() => {
      answerTimer = null;
      if (session.status.state !== 'connecting') return;
      unanswered++;
      // Claim absence only after the handshake had its chance and the extension has not marked this page.
      publish({ link: unanswered >= absentAfter && !marked() ? 'absent' : 'checking', dossiers: 0 });
      // The second chance comes at once rather than after the retry time.
      if (unanswered < absentAfter) hello();
    }, answerMs);
    scheduleRetry();
  };

  const session = createBridgeSession({
    role: 'app',
    library: options.library,
    files: options.files,
    version: options.version,
    origin,
    pairs: createPrefPairStore(options.library),
    onAlias: options.onAlias,
    send: (envelope) => win.postMessage(envelope, origin),
    log: options.log ?? ((message) => console.warn(`[knipsel] ${message}`)),
    onStatus: (s: BridgeStatus) => {
      const shared = { pairCode: s.pairCode, pairRefused: s.pairRefused, held: s.held };
      if (s.state !== 'connecting' && s.state !== 'idle') unanswered = 0;
      if (s.state === 'connected') {
        clearTimers();
        publish({ ...shared, link: 'connected', peerVersion: null, dossiers: s.dossiers });
      } else if (s.state === 'mismatch') {
        clearTimers();
        publish({ ...shared, link: 'mismatch', peerVersion: s.peerVersion, dossiers: 0 });
      } else if (s.state === 'unpaired') {
        // Asked again now and then: another tab may pair meanwhile.
        if (answerTimer) clearTimeout(answerTimer);
        answerTimer = null;
        publish({ ...shared, link: 'unpaired', dossiers: 0 });
        if (!retryTimer) scheduleRetry();
      } else if (s.state === 'pairing') {
        clearTimers();
        publish({ ...shared, link: 'pairing', dossiers: 0 });
      } else if (s.state === 'connecting' && status.link === 'pairing') {
        // Paired: the handshake with the new key follows at once.
        publish({ ...shared, link: 'checking' });
      } else if (s.state === 'idle' && status.link === 'connected') {
        // The extension went away (restarted, updated, disabled): ask again shortly.
        publish({ ...shared, link: 'checking', dossiers: 0 });
        clearTimers();
        retryTimer = setTimeout(hello, 300);
      } else {
        publish(shared);
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
  // The extension marked the page after all (it was busy, or was just configured for this address): ask now.
  const stopWatching = watchMark(() => {
    if (stopped || !marked() || (status.link !== 'absent' && status.link !== 'checking')) return;
    if (session.status.state !== 'connecting' && session.status.state !== 'idle') return;
    publish({ link: 'checking' });
    hello();
  });
  hello();

  return {
    get status() {
      return status;
    },
    pair() {
      if (stopped) return;
      clearTimers();
      void session.requestPairing();
    },
    cancelPairing() {
      publish({ link: 'unpaired', pairCode: null });
      hello();
    },
    unpair() {
      void session.unpair();
    },
    resolveHeld(remove: boolean) {
      void session.resolveHeld(remove);
    },
    wantFiles: (hashes: string[]) => session.wantFiles(hashes),
    stop() {
      stopped = true;
      clearTimers();
      stopWatching();
      win.removeEventListener('message', onMessage);
      win.removeEventListener('pageshow', onPageShow);
      session.close();
    },
  };
}
