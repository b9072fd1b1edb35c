// The host access the extension asks for before it reads pages in background tabs (links to
// complete): one match pattern per http(s) origin of the pages. Chrome matches ports; Firefox
// finds no permission for a pattern with a port (it would prompt even for a host it was granted
// at install, such as 127.0.0.1), so there the pattern names the host only.
import { bridgeMatchPatterns } from '../bridge/origins.js';

/** The match patterns that give access to the pages at `urls` (other schemes and bad addresses left out). */
export function pageAccessPatterns(urls: readonly string[], withPorts: boolean): string[] {
  const origins = new Set<string>();
  for (const address of urls) {
    try {
      const url = new URL(address);
      if (url.protocol === 'http:' || url.protocol === 'https:') origins.add(url.origin);
    } catch {
      // Not an address: nothing to ask for.
    }
  }
  return bridgeMatchPatterns([...origins], withPorts);
}
