// Opens the relay's store by where it lives: PostgreSQL for a postgres:// URL, else a SQLite file.
import { openPostgresStore } from './postgres-store.js';
import { isPostgresUrl, type RelayStore, type RelayStoreOptions } from './relay-store.js';
import { openSqliteStore } from './sqlite-store.js';

export async function openRelayStore(options: RelayStoreOptions): Promise<RelayStore> {
  return isPostgresUrl(options.location) ? openPostgresStore(options) : openSqliteStore(options);
}
