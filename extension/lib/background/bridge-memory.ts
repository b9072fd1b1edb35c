// What the popup and options show of the bridge when no app is connected: when an app was
// last seen, on which origin, and a protocol mismatch — kept in storage.local `bridge`.
// Writes run one after another; a read waits for the writes before it.
import { browser } from 'wxt/browser';

const storageKey = 'bridge';

export interface StoredBridge {
  lastSeen: number | null;
  origin: string | null;
  /** The app's protocol version when it differed from ours. */
  mismatch: { app: number; at: number } | null;
}

async function loadStored(): Promise<StoredBridge> {
  const stored = (await browser.storage.local.get(storageKey))[storageKey] as Partial<StoredBridge> | undefined;
  return { lastSeen: stored?.lastSeen ?? null, origin: stored?.origin ?? null, mismatch: stored?.mismatch ?? null };
}

export function createBridgeMemory(): { remember(patch: Partial<StoredBridge>): Promise<unknown>; read(): Promise<StoredBridge> } {
  let stored: Promise<StoredBridge> | null = null;
  let writes: Promise<unknown> = Promise.resolve();
  return {
    remember(patch) {
      writes = writes
        .then(async () => {
          const next = { ...(await (stored ??= loadStored())), ...patch };
          stored = Promise.resolve(next);
          await browser.storage.local.set({ [storageKey]: next });
        })
        .catch(() => undefined);
      return writes;
    },
    async read() {
      await writes;
      return (stored ??= loadStored());
    },
  };
}
