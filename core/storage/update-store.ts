// The storage adapter for Y.Doc updates: an append-only log per doc with compaction.
// Core ships an in-memory implementation (tests) and a Dexie one (the apps).

export interface UpdateStore {
  /** All stored updates of a doc, oldest first. */
  load(docId: string): Promise<Uint8Array[]>;
  /** Append one update; resolves once it is durable. */
  append(docId: string, update: Uint8Array): Promise<void>;
  /**
   * Replace the first `count` stored updates of a doc by `merged`, atomically; updates
   * appended after those stay after it.
   */
  compact(docId: string, merged: Uint8Array, count: number): Promise<void>;
  /** Delete every update of a doc. */
  remove(docId: string): Promise<void>;
  /** Ids of the docs that have stored updates. */
  docIds(): Promise<string[]>;
}

export function createMemoryUpdateStore(): UpdateStore {
  const logs = new Map<string, Uint8Array[]>();
  return {
    async load(docId) {
      return [...(logs.get(docId) ?? [])];
    },
    async append(docId, update) {
      const log = logs.get(docId) ?? [];
      log.push(update.slice());
      logs.set(docId, log);
    },
    async compact(docId, merged, count) {
      const log = logs.get(docId) ?? [];
      logs.set(docId, [merged.slice(), ...log.slice(count)]);
    },
    async remove(docId) {
      logs.delete(docId);
    },
    async docIds() {
      return [...logs.keys()].filter((id) => (logs.get(id)?.length ?? 0) > 0);
    },
  };
}
