// A component loaded on first use (a lazy chunk): `get()` returns the component itself once
// loaded — so `{#await}` renders it at once on later visits, with no loading flash — or the
// promise of it. A failed load (offline before the chunk was cached) is retried next time.
export type LazyComponent<T> = { get(): T | Promise<T>; preload(): Promise<T> };

export function lazyComponent<T>(load: () => Promise<{ default: T }>): LazyComponent<T> {
  let loaded: { value: T } | null = null;
  let pending: Promise<T> | null = null;
  const preload = (): Promise<T> =>
    (pending ??= load().then(
      (module) => {
        loaded = { value: module.default };
        return module.default;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    ));
  return { get: () => (loaded ? loaded.value : preload()), preload };
}
