// In-process relays for the relay tests: each test's relays and the sessions it opened are
// closed after it, the last opened first.
import { afterEach } from 'vitest';
import { createRelay, type Relay, type RelayOptions } from './create-relay.js';

export type Closable = { close(): unknown };

export function relaysPerTest(): { start(options?: Partial<RelayOptions>): Promise<Relay>; keep(item: Closable): void } {
  const open: Closable[] = [];
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close();
  });
  return {
    /** A relay on a free port with an in-memory SQLite store. */
    async start(options = {}) {
      const relay = await createRelay({ database: ':memory:', ...options });
      open.push(relay);
      return relay;
    },
    keep(item) {
      open.push(item);
    },
  };
}
