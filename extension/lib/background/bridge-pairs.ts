// The extension's pairings with web app origins, in storage.local `bridgePairs`: one per
// origin (a new pairing on an origin replaces the old one). A session's store is scoped to
// the origin of its page, so a pairing made on 127.0.0.1:8787 is worth nothing on its
// localhost twin or on another port. Keys are plain bytes here, like the dossiers themselves.
import { browser } from 'wxt/browser';
import * as v from 'valibot';
import type { PairStore, StoredPair } from '@knipsel/core/bridge';

const key = 'bridgePairs';
const pairSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[0-9a-z]{16,64}$/)),
  key: v.pipe(v.string(), v.maxLength(100)),
  origin: v.pipe(v.string(), v.maxLength(300)),
  pairedAt: v.number(),
});
const listSchema = v.pipe(v.array(pairSchema), v.maxLength(50));

let queue: Promise<unknown> = Promise.resolve();

/** Every pairing this extension holds (unreadable storage counts as none). */
export async function loadPairs(): Promise<StoredPair[]> {
  const parsed = v.safeParse(listSchema, (await browser.storage.local.get(key))[key] ?? []);
  return parsed.success ? parsed.output : [];
}

/** Changes run one at a time, so two tabs pairing at once cannot lose a write. */
function change(edit: (pairs: StoredPair[]) => StoredPair[]): Promise<void> {
  const next = queue.then(async () => {
    await browser.storage.local.set({ [key]: edit(await loadPairs()) });
  });
  queue = next.catch(() => undefined);
  return next;
}

export const removePair = (id: string) => change((pairs) => pairs.filter((p) => p.id !== id));

/** The store a bridge session on `origin` uses. */
export function originPairStore(origin: string): PairStore {
  return {
    async get(id) {
      if (id === null) return null;
      return (await loadPairs()).find((p) => p.id === id && p.origin === origin) ?? null;
    },
    save: (pair) => change((pairs) => [...pairs.filter((p) => p.origin !== pair.origin), { ...pair, origin }]),
    remove: removePair,
  };
}
