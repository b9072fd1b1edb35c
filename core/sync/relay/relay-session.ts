// A dossier's connection to a Knipsel relay (Hocuspocus) with an invite token: reports the
// role the relay granted and the connection status, and brings remote updates in with a
// remote origin. Like the peer session, the provider gets a *mirror* doc (mirror-bridge.ts):
// what the relay sends reaches the real doc only when well-formed and shaped like a
// dossier, and it arrives with `bridge.remoteOrigin`, so `observe()` reports `remote`.
import { HocuspocusProvider } from '@hocuspocus/provider';
import type * as Y from 'yjs';
import { createMirrorBridge } from '../peer/mirror-bridge.js';
import { keepPresenceLive, type LivenessOptions } from '../peer/presence-liveness.js';
import { parsePresence, readPeerPresence, type PeerPresence, type Presence, type PresenceView } from '../peer/presence.js';
import { KnipselError } from '../../errors.js';
import { framedWebSocket, type SocketClass } from './framed-websocket.js';
import { feedbackMessage, feedbackMessageType, type FeedbackMessage } from '../../together/feedback-update.js';

/** The relay's answer to feedback sent as a stateless message, if the payload is one. */
function feedbackAnswer(payload: string): { ok: boolean; id: string | null } | null {
  try {
    const answer = JSON.parse(payload) as { type?: unknown; ok?: unknown; id?: unknown };
    if (answer.type !== `${feedbackMessageType}-stored`) return null;
    return { ok: answer.ok === true, id: typeof answer.id === 'string' ? answer.id : null };
  } catch {
    return null;
  }
}

/**
 * 'connecting': (re)connecting or authenticating. 'connected': authenticated, syncing.
 * 'offline': no connection; edits are kept and sent on reconnect. 'refused': the relay
 * refused the token (unknown, revoked, or the dossier was removed) — no retry.
 */
export type RelayStatus = 'connecting' | 'connected' | 'offline' | 'refused';
/** The role the relay granted this connection. */
export type RelayRole = 'edit' | 'read-only';

export interface RelaySessionState {
  status: RelayStatus;
  role: RelayRole | null;
  /** True after the first sync with the relay on this connection. */
  synced: boolean;
  /** Local updates sent and not (yet) acknowledged; a read-only member's stay unacknowledged. */
  unacknowledged: number;
}

export interface ConnectRelayOptions {
  /** ws(s):// address of the relay. */
  url: string;
  /** The document name on the relay: the dossier id. */
  dossierId: string;
  token: string;
  /** A WebSocket implementation where there is no global one (Node 20: `ws`). */
  WebSocketPolyfill?: unknown;
  /**
   * Large messages as frames, where the relay agrees (default true; framed-websocket.ts).
   * Off: whole WebSocket messages, as clients before frames sent them.
   */
  frames?: boolean;
  /** Rejected updates and notable events (never content). */
  log?: (line: string) => void;
  /** Our presence for the others on the relay (name, colour, view); none: we are not shown. */
  awarenessState?: Presence;
  /** Presence renewal and timeout (see presence-liveness.ts); the relay also drops a closed connection's state. */
  liveness?: LivenessOptions;
}

export interface RelaySession {
  state(): RelaySessionState;
  onChange(listener: (state: RelaySessionState) => void): () => void;
  /** Resolves once synced with nothing unacknowledged (rejects on 'refused'). */
  whenAcknowledged(): Promise<void>;
  /** Others on the relay now (presence states that match the schema). */
  presence(): PeerPresence[];
  onPresence(listener: (peers: PeerPresence[]) => void): () => void;
  setView(view: PresenceView): void;
  setPresence(patch: Partial<Pick<Presence, 'name' | 'colour'>>): void;
  /** Say goodbye now (the page is going away): our presence is cleared for the others. */
  leave(): void;
  /** Origin of transactions that applied relay updates to the doc. */
  readonly remoteOrigin: object;
  /**
   * Send feedback on a handed-in version for the relay to write (what a read-only member
   * may add). Resolves when the relay stored it; rejects when it refused or is not connected.
   */
  sendFeedback(feedback: FeedbackMessage): Promise<void>;
  disconnect(): void;
  reconnect(): void;
  destroy(): void;
}

/** The WebSocket class for the provider: framed unless told otherwise. */
function socketClass(options: ConnectRelayOptions, log: (line: string) => void): { WebSocketPolyfill?: unknown } {
  const Base = (options.WebSocketPolyfill ?? globalThis.WebSocket) as SocketClass | undefined;
  if (options.frames === false || !Base) return options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {};
  return { WebSocketPolyfill: framedWebSocket(Base, log) };
}

export function connectRelay(doc: Y.Doc, options: ConnectRelayOptions): RelaySession {
  const log = options.log ?? (() => undefined);
  const bridge = createMirrorBridge(doc, { onReject: (reason) => log(`relay: rejected an update: ${reason}`) });
  const listeners = new Set<(state: RelaySessionState) => void>();
  let state: RelaySessionState = { status: 'connecting', role: null, synced: false, unacknowledged: 0 };
  let destroyed = false;

  const set = (patch: Partial<RelaySessionState>) => {
    const next = { ...state, ...patch };
    if (next.status === state.status && next.role === state.role && next.synced === state.synced && next.unacknowledged === state.unacknowledged) return;
    state = next;
    for (const listener of [...listeners]) listener(state);
  };

  const feedbackWaiting = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();

  const provider = new HocuspocusProvider({
    url: options.url,
    name: options.dossierId,
    document: bridge.mirror,
    token: options.token,
    ...socketClass(options, log),
    onStatus: ({ status }) => {
      if (state.status === 'refused' || destroyed) return;
      if (status === 'disconnected') set({ status: 'offline', synced: false });
      // A retry after a lost connection stays 'offline' until it succeeds (the screens say
      // the relay is unreachable instead of flickering between that and "connecting").
      else if (status === 'connecting' && state.status !== 'offline') set({ status: 'connecting' });
      // 'connected' (socket open) is reported once authenticated.
    },
    onAuthenticated: ({ scope }) => set({ status: 'connected', role: scope === 'readonly' ? 'read-only' : 'edit' }),
    onAuthenticationFailed: ({ reason }) => {
      log(`relay: access refused (${reason})`);
      set({ status: 'refused', synced: false });
      provider.disconnect(); // no retries with a refused token
    },
    onSynced: () => set({ synced: true }),
    onStateless: ({ payload }) => {
      const answer = feedbackAnswer(payload);
      const waiting = answer?.id ? feedbackWaiting.get(answer.id) : undefined;
      if (!answer || !waiting) return;
      feedbackWaiting.delete(answer.id!);
      if (answer.ok) waiting.resolve();
      else waiting.reject(new KnipselError('conflict', 'The relay did not store this feedback.', { nl: 'De relay-server heeft deze feedback niet bewaard. Probeer het opnieuw.' }));
    },
    onUnsyncedChanges: ({ number }) => set({ unacknowledged: number }),
  });

  const awareness = provider.awareness!;
  awareness.setLocalState(options.awarenessState ? parsePresence(options.awarenessState) : null);
  const liveness = keepPresenceLive(awareness, { heartbeatMs: 2000, timeoutMs: 6000, ...options.liveness });
  const presence = () => (state.status === 'connected' ? readPeerPresence(awareness) : []);
  const updatePresence = (patch: Partial<Presence>) => {
    const local = awareness.getLocalState() as Presence | null;
    if (local) awareness.setLocalState(parsePresence({ ...local, ...patch }));
  };

  return {
    state: () => state,
    presence,
    onPresence(listener) {
      const handler = () => listener(presence());
      awareness.on('change', handler);
      const unsubscribe = () => listeners.delete(handler);
      listeners.add(handler);
      return () => {
        awareness.off('change', handler);
        unsubscribe();
      };
    },
    setView: (view) => updatePresence({ view }),
    setPresence: (patch) => updatePresence(patch),
    leave: () => liveness.leave(),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenAcknowledged() {
      return new Promise((resolve, reject) => {
        const check = (current: RelaySessionState) => {
          if (current.status === 'refused') {
            unsubscribe();
            reject(new Error('The relay refused this token.'));
          } else if (current.status === 'connected' && current.synced && current.unacknowledged === 0) {
            unsubscribe();
            resolve();
          }
        };
        listeners.add(check);
        const unsubscribe = () => listeners.delete(check);
        check(state);
      });
    },
    remoteOrigin: bridge.remoteOrigin,
    sendFeedback(feedback) {
      if (state.status !== 'connected') {
        return Promise.reject(
          new KnipselError('conflict', 'Not connected to the relay.', { nl: 'Geen verbinding met de relay-server: je feedback is niet verstuurd. Probeer het zo opnieuw.' }),
        );
      }
      return new Promise<void>((resolve, reject) => {
        feedbackWaiting.set(feedback.id, { resolve, reject });
        provider.sendStateless(feedbackMessage(feedback));
      });
    },
    disconnect() {
      provider.disconnect();
      liveness.forgetOthers();
      set({ status: 'offline', synced: false });
    },
    reconnect() {
      if (state.status === 'refused' || destroyed) return;
      set({ status: 'connecting' });
      void provider.connect();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      listeners.clear();
      liveness.stop();
      for (const waiting of feedbackWaiting.values())
        waiting.reject(new KnipselError('conflict', 'The relay connection was closed.', { nl: 'De verbinding met de relay-server is gesloten.' }));
      feedbackWaiting.clear();
      provider.destroy();
      bridge.destroy();
    },
  };
}
