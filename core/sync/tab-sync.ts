// Keeps the copies of one dossier that several tabs (or windows) of the same app hold in
// step, over a BroadcastChannel-like channel: every local update is posted; a tab that
// (re)joins posts its state vector and the others answer with what it lacks (and ask the
// same back). Remote updates are checked and applied with this module's origin, so they are
// never posted again. Each tab still writes what it receives to the shared update log (a
// duplicate the log's compaction folds away), so an edit is stored even when the tab that
// made it is killed before its own write completes.
import * as Y from 'yjs';
import { createId } from '../ids.js';
import { applyCheckedUpdate } from './update-check.js';

/** What BroadcastChannel offers (and a test double can). Messages are structured clones. */
export interface TabChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

type TabMessage =
  | { t: 'hello'; from: string; to?: undefined; sv: Uint8Array }
  | { t: 'state'; from: string; to: string; sv: Uint8Array }
  | { t: 'update'; from: string; to?: string; update: Uint8Array };

export interface TabSync {
  /** The origin of transactions that applied another tab's update. */
  readonly origin: object;
  /** Ask the other tabs for what this one lacks (e.g. when the tab becomes visible again). */
  resync(): void;
  destroy(): void;
}

/** The channel name for a dossier (one channel per dossier per app origin). */
export const tabChannelName = (dossierId: string) => `knipsel-dossier:${dossierId}`;

function asMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (typeof m.from !== 'string' || m.from.length > 64) return null;
  if (m.to !== undefined && typeof m.to !== 'string') return null;
  if ((m.t === 'hello' || m.t === 'state') && m.sv instanceof Uint8Array) return m as TabMessage;
  if (m.t === 'update' && m.update instanceof Uint8Array) return m as TabMessage;
  return null;
}

export function attachTabSync(doc: Y.Doc, channel: TabChannel, options: { onReject?: (reason: string) => void } = {}): TabSync {
  const me = createId(16);
  const origin = { tabSync: me };
  let destroyed = false;

  const post = (message: TabMessage) => {
    if (destroyed) return;
    try {
      channel.postMessage(message);
    } catch (error) {
      options.onReject?.(`could not post to the other tabs: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const onUpdate = (update: Uint8Array, updateOrigin: unknown) => {
    if (updateOrigin !== origin) post({ t: 'update', from: me, update });
  };

  const diffFor = (sv: Uint8Array): Uint8Array | null => {
    try {
      return Y.encodeStateAsUpdate(doc, sv);
    } catch {
      options.onReject?.('malformed state vector from another tab');
      return null;
    }
  };

  const onMessage = (event: { data: unknown }) => {
    if (destroyed) return;
    const message = asMessage(event.data);
    if (!message) return options.onReject?.('malformed message from another tab');
    if (message.from === me || (message.to !== undefined && message.to !== me)) return;
    switch (message.t) {
      case 'hello': {
        const diff = diffFor(message.sv);
        if (diff) post({ t: 'update', from: me, to: message.from, update: diff });
        post({ t: 'state', from: me, to: message.from, sv: Y.encodeStateVector(doc) });
        return;
      }
      case 'state': {
        const diff = diffFor(message.sv);
        if (diff && diff.length > 2) post({ t: 'update', from: me, to: message.from, update: diff });
        return;
      }
      case 'update':
        if (!applyCheckedUpdate(doc, message.update, origin)) options.onReject?.('malformed update from another tab');
    }
  };

  const hello = () => post({ t: 'hello', from: me, sv: Y.encodeStateVector(doc) });
  const onDestroy = () => sync.destroy();

  doc.on('update', onUpdate);
  doc.on('destroy', onDestroy);
  channel.addEventListener('message', onMessage);
  hello();

  const sync: TabSync = {
    origin,
    resync: hello,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      doc.off('update', onUpdate);
      doc.off('destroy', onDestroy);
      channel.removeEventListener('message', onMessage);
      channel.close();
    },
  };
  return sync;
}
