// Connections whose access was revoked are closed: at once when an owner revokes on this
// process (or another one, through Redis), and by a periodic sweep that catches revocations
// made elsewhere. The database being away postpones the check to the next sweep.
import type { Hocuspocus } from '@hocuspocus/server';
import { CloseCode } from './client-messages.js';
import type { RelayContext } from './relay-extensions.js';
import type { Access, RelayStore } from './relay-store.js';

/** Closes the open connections (of one dossier, or all) whose access is no longer valid. */
export async function closeRevoked(hocuspocus: Hocuspocus, store: RelayStore, dossierId?: string): Promise<void> {
  const connections = [...hocuspocus.documents.values()]
    .filter((document) => dossierId === undefined || document.name === dossierId)
    .flatMap((document) => document.getConnections());
  const accesses = connections.map((connection) => (connection.context as RelayContext).access ?? null);
  const known = accesses.filter((access): access is Access => access !== null);
  const valid = await store.stillValid(known).catch(() => null);
  if (!valid) return; // the database is away: check again on the next sweep
  const stillValid = new Map(known.map((access, i) => [access, valid[i]]));
  connections.forEach((connection, i) => {
    const access = accesses[i];
    if (!access || !stillValid.get(access)) connection.webSocket.close(CloseCode.PermissionDenied, 'access-revoked');
  });
}

/** Sweeps every `everyMs`, one sweep at a time; returns the stop function. */
export function sweepRevocations(sweep: () => Promise<void>, everyMs: number): () => void {
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void sweep().finally(() => (sweeping = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
