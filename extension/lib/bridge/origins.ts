// Which web app origins get the bridge content script: the origins of the configured Knipsel
// web app addresses. A loopback address also covers its twin (127.0.0.1 ⇄ localhost, same
// port), so the app can ask to pair however the user types the address. Being reachable is
// not being trusted: a page gets no dossier until it has paired on its own exact origin
// (core/sync/bridge/session.ts). Everything else gets nothing.

const loopbackTwin: Record<string, string> = { '127.0.0.1': 'localhost', localhost: '127.0.0.1' };

/** The origins (`http://127.0.0.1:8787`) the bridge serves, from the web app addresses in the settings. */
export function bridgeOrigins(appUrls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const address of appUrls) {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    origins.add(url.origin);
    const twin = loopbackTwin[url.hostname];
    if (twin) origins.add(`${url.protocol}//${twin}${url.port ? `:${url.port}` : ''}`);
  }
  return [...origins];
}

/** True when `url` (a page or sender address) is on one of the bridge origins. */
export function isBridgeOrigin(url: string | undefined, origins: readonly string[]): boolean {
  if (!url) return false;
  try {
    return origins.includes(new URL(url).origin);
  } catch {
    return false;
  }
}

/**
 * Match patterns for registering the content script. Chrome matches ports; Firefox does
 * not accept a port in a pattern, so there the host is matched and the content script
 * checks the exact origin itself before doing anything.
 */
export function bridgeMatchPatterns(origins: readonly string[], withPorts: boolean): string[] {
  const patterns = new Set<string>();
  for (const origin of origins) {
    const url = new URL(origin);
    patterns.add(`${url.protocol}//${withPorts ? url.host : url.hostname}/*`);
  }
  return [...patterns];
}
