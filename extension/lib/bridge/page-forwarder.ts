// The content script's half of the bridge: forwards bridge envelopes between the web app
// page (window.postMessage) and the extension background (a runtime port). It only forwards:
// the handshake, sessions and Yjs sync are the background's and the app's business.
//
// Page → background: only messages posted by this window itself, from this very origin,
// that pass the bridge schema and claim to come from the app. Background → page: only
// envelopes from the extension, posted to this origin (never '*'). When the background
// goes away (service worker stopped, extension updated) the page hears 'bye' for the
// session it had, so the app says hello again; the next message reconnects.
import { checkEnvelope, type Envelope } from '@knipsel/core/bridge';

export const bridgePortName = 'knipsel-bridge';
/** Port traffic that is not a bridge envelope: keeps the background awake while the app is open. */
export const keepAliveMessage = { knipselKeepAlive: 1 } as const;
const keepAliveMs = 20_000;

export interface ForwarderPort {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface ForwarderWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface ForwarderOptions {
  win: ForwarderWindow;
  /** This page's origin (`location.origin`). */
  origin: string;
  connect: () => ForwarderPort;
  log?: (message: string) => void;
  /** Messages the page posted before the forwarder started (held while the settings were read). */
  early?: MessageEvent[];
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export function startForwarder(options: ForwarderOptions): () => void {
  const { win, origin } = options;
  const log = options.log ?? (() => undefined);
  const every = options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const stopEvery = options.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));
  let port: ForwarderPort | null = null;
  let session: string | null = null;
  let timer: unknown = null;
  let stopped = false;

  const toPage = (envelope: Envelope) => win.postMessage(envelope, origin);

  function dropPort() {
    if (timer !== null) stopEvery(timer);
    timer = null;
    port = null;
    if (session) toPage({ tag: 'knipsel-bridge', from: 'extension', frame: { t: 'bye', session } });
    session = null;
  }

  function ensurePort(): ForwarderPort | null {
    if (port || stopped) return port;
    try {
      const next = options.connect();
      next.onMessage.addListener((message) => {
        if (port !== next) return;
        const checked = checkEnvelope(message);
        if (checked === null) return;
        if (!checked.ok) return log(`bridge forwarder: dropped from the extension: ${checked.reason}`);
        if (checked.envelope.from !== 'extension') return;
        const frame = checked.envelope.frame;
        if (frame.t === 'welcome') session = `${frame.nonce}.${frame.peerNonce}`;
        if (frame.t === 'bye') session = null;
        toPage(checked.envelope);
      });
      next.onDisconnect.addListener(() => {
        if (port === next) dropPort();
      });
      port = next;
      timer = every(() => {
        try {
          port?.postMessage(keepAliveMessage);
        } catch {
          dropPort();
        }
      }, keepAliveMs);
    } catch (error) {
      log(`bridge forwarder: cannot reach the extension: ${error instanceof Error ? error.message : String(error)}`);
      port = null;
    }
    return port;
  }

  const onMessage = (event: MessageEvent) => {
    if (event.source !== (win as unknown) || event.origin !== origin) return;
    const checked = checkEnvelope(event.data);
    if (checked === null) return;
    if (!checked.ok) return log(`bridge forwarder: dropped from the page: ${checked.reason}`);
    if (checked.envelope.from !== 'app') return; // our own posts to the page
    const target = ensurePort();
    try {
      target?.postMessage(checked.envelope);
    } catch {
      dropPort();
    }
  };
  win.addEventListener('message', onMessage);
  for (const event of options.early ?? []) onMessage(event);

  return () => {
    stopped = true;
    win.removeEventListener('message', onMessage);
    const last = port;
    dropPort();
    last?.disconnect();
  };
}
