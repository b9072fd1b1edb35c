// The relay's Hocuspocus extensions around its store: access by token, the write-ahead log,
// and loading/compaction through Hocuspocus' database extension.
//
// Write-ahead: every sync step 2 or update a client sends is appended to the store *before*
// Hocuspocus applies it (and so before it acknowledges it, broadcasts it, or passes it to
// other processes through Redis). A relay killed at any moment has therefore stored every
// edit it acknowledged, and every edit another process learnt from it. What a client re-sends
// after a reconnect (its step 2) is stored again before its acknowledgement; compaction
// folds duplicates away.
//
// When the database is away, nothing is refused for good: a failed check or append closes
// the socket with 1013 (the provider reconnects with its backoff and syncs again).
import { Database } from '@hocuspocus/extension-database';
import type { Extension } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { bodyHashes, defaultBodyGraceMs } from '@knipsel/core/relay';
import { clientUpdatePayload, CloseCode, UNAVAILABLE_REASON } from './client-messages.js';
import type { RelayMetrics } from './relay-metrics.js';
import type { Access, RelayStore } from './relay-store.js';

export interface RelayContext {
  access?: Access;
}

/** What Hocuspocus turns into "permission denied" with our reason; the gate makes it a 1013 close. */
const unavailable = (error: unknown) => Object.assign(new Error(`database unavailable: ${(error as Error).message}`), { reason: UNAVAILABLE_REASON });

export interface StoreExtensionsOptions {
  store: RelayStore;
  metrics: RelayMetrics;
  log: (line: string) => void;
  /** False once the relay is closing: debounced compactions are moot then. */
  isOpen: () => boolean;
  /** How long a body the doc no longer names is kept after it was last put (default a day). */
  bodyGraceMs?: number;
  now?: () => number;
}

/**
 * After a compaction: the dossier's bodies its doc no longer names (clips deleted for good)
 * and that were last put longer than the grace ago go. A body an edit names while they go
 * (the doc is live) is put back at once; one named later is uploaded again by an editor.
 */
async function collectBodies(store: RelayStore, dossierId: string, doc: Y.Doc, putBefore: number): Promise<number> {
  const dropped = await store.dropUnnamedBodies(dossierId, bodyHashes(doc), putBefore);
  const namedNow = dropped.size > 0 ? bodyHashes(doc) : new Set<string>();
  for (const [hash, bytes] of dropped) if (namedNow.has(hash)) await store.putBody(dossierId, hash, bytes);
  return [...dropped.keys()].filter((hash) => !namedNow.has(hash)).length;
}

export function createStoreExtensions({ store, metrics, log, isOpen, bodyGraceMs = defaultBodyGraceMs, now = Date.now }: StoreExtensionsOptions): Extension[] {
  const access: Extension = {
    extensionName: 'knipsel-access',
    async onAuthenticate({ token, documentName, connectionConfig }) {
      let granted: Access | null;
      try {
        granted = await store.authorize(documentName, token);
      } catch (error) {
        log(`relay: could not check a token for ${documentName}: ${(error as Error).message}`);
        metrics.closedUnavailable++;
        throw unavailable(error);
      }
      if (!granted) {
        metrics.authRefused++;
        // Hocuspocus answers "permission denied" and the gate then closes the socket. An
        // empty message keeps Hocuspocus from logging every refused token.
        throw Object.assign(new Error(''), { reason: 'permission-denied' });
      }
      connectionConfig.readOnly = granted.role === 'read-only';
      return { access: granted } satisfies RelayContext;
    },
  };

  const writeAhead: Extension = {
    extensionName: 'knipsel-write-ahead',
    async beforeHandleMessage({ connection, documentName, update }) {
      if (connection.readOnly) return; // Hocuspocus refuses their updates; nothing to keep
      const payload = clientUpdatePayload(update);
      if (!payload) return;
      try {
        await store.appendUpdate(documentName, payload);
      } catch (error) {
        log(`relay: could not store an update of ${documentName}: ${(error as Error).message}`);
        metrics.closedUnavailable++;
        connection.webSocket.close(CloseCode.Unavailable, 'try-again-later');
        // Not applied, not acknowledged: the client still has it and sends it again.
        throw Object.assign(new Error(''), { code: CloseCode.Unavailable, reason: 'try-again-later' });
      }
    },
  };

  const database = new Database({
    async fetch({ documentName }) {
      try {
        return await store.loadState(documentName);
      } catch (error) {
        log(`relay: could not load ${documentName}: ${(error as Error).message}`);
        metrics.closedUnavailable++;
        throw unavailable(error);
      }
    },
    async store({ documentName, state, document }) {
      if (!isOpen()) return;
      // Only an optimisation (every acknowledged update is in the log already): a failure waits for the next round.
      await store.compact(documentName, state).catch((error: Error) => log(`relay: compaction of ${documentName} failed: ${error.message}`));
      await collectBodies(store, documentName, document, now() - bodyGraceMs)
        .then((removed) => removed > 0 && log(`relay: ${removed} bodies no clip of ${documentName} names removed`))
        .catch((error: Error) => log(`relay: collecting bodies of ${documentName} failed: ${error.message}`));
    },
  });

  return [access, writeAhead, database];
}
