// Whether the Knipsel extension on this machine is connected through the bridge, as rune
// state for the shell's status. start() runs the bridge client; its return stops it.
import type { Library } from '../../../../core/index.js';
import { bridgeProtocolVersion } from '../../../../core/sync/bridge-protocol.js';
import { startBridgeClient, type ExtensionLink as Link } from '../services/bridge-client.js';

export class ExtensionLink {
  link = $state<Link>('checking');
  /** The extension's protocol version when it differs from ours. */
  peerVersion = $state<number | null>(null);
  readonly version = bridgeProtocolVersion;
  dossiers = $state(0);

  start(library: Library): () => void {
    const client = startBridgeClient({
      library,
      onStatus: (status) => {
        this.link = status.link;
        this.peerVersion = status.peerVersion;
        this.dossiers = status.dossiers;
      },
    });
    return () => client.stop();
  }
}
