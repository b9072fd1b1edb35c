// One Y.Doc kept in sync with one remote replica over any message transport, using the
// y-protocols sync messages (step 1, step 2, update). Remote updates carry this session as
// their origin; updates with that origin are never echoed back.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { applyCheckedUpdate } from './update-check.js';

export interface DocSync {
  /** Send sync step 1 (our state vector); the other side answers with what we lack. */
  start(): void;
  /** Handle one message from the remote. Returns false when it was rejected (and logged). */
  receive(message: Uint8Array): boolean;
  /** True once the remote has answered our step 1. */
  readonly synced: boolean;
  destroy(): void;
}

export interface DocSyncOptions {
  /** Called once per rejected message, with the reason (never with its content). */
  onReject?: (reason: string) => void;
  /** Called when the first sync step 2 from the remote was applied. */
  onSynced?: () => void;
}

export function createDocSync(doc: Y.Doc, send: (message: Uint8Array) => void, options: DocSyncOptions = {}): DocSync {
  let synced = false;
  let destroyed = false;
  const origin = { docSync: true };

  const onUpdate = (update: Uint8Array, updateOrigin: unknown) => {
    if (destroyed || updateOrigin === origin) return;
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, update);
    send(encoding.toUint8Array(encoder));
  };
  doc.on('update', onUpdate);

  const reject = (reason: string) => {
    options.onReject?.(reason);
    return false;
  };

  return {
    get synced() {
      return synced;
    },
    start() {
      const encoder = encoding.createEncoder();
      syncProtocol.writeSyncStep1(encoder, doc);
      send(encoding.toUint8Array(encoder));
    },
    receive(message) {
      if (destroyed) return false;
      if (!(message instanceof Uint8Array) || message.length === 0) return reject('empty or non-binary sync message');
      let type: number;
      let payload: Uint8Array;
      try {
        const decoder = decoding.createDecoder(message);
        type = decoding.readVarUint(decoder);
        payload = decoding.readVarUint8Array(decoder);
        if (decoding.hasContent(decoder)) return reject('trailing bytes after the sync message');
      } catch {
        return reject('undecodable sync message');
      }
      switch (type) {
        case syncProtocol.messageYjsSyncStep1: {
          let reply: Uint8Array;
          try {
            const encoder = encoding.createEncoder();
            syncProtocol.writeSyncStep2(encoder, doc, payload);
            reply = encoding.toUint8Array(encoder);
          } catch {
            return reject('malformed state vector in sync step 1');
          }
          send(reply);
          return true;
        }
        case syncProtocol.messageYjsSyncStep2:
        case syncProtocol.messageYjsUpdate: {
          if (!applyCheckedUpdate(doc, payload, origin)) return reject('malformed Yjs update');
          if (type === syncProtocol.messageYjsSyncStep2 && !synced) {
            synced = true;
            options.onSynced?.();
          }
          return true;
        }
        default:
          return reject(`unknown sync message type ${type}`);
      }
    },
    destroy() {
      destroyed = true;
      doc.off('update', onUpdate);
    },
  };
}
