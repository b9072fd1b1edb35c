// How a bench page hands its API to the Node side: on `window[name]`, with
// `window[name + 'Ready'] = true` once it is there (what the bench waits for).

export function expose(name: string, bench: object): void {
  const w = window as unknown as Record<string, unknown>;
  w[name] = bench;
  w[`${name}Ready`] = true;
}
