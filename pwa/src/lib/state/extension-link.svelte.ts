// Whether the Knipsel extension on this machine is connected through the bridge, as rune
// state for the shell's status: connecting, absent, not paired (with "Koppelen"), pairing
// (with the code), connected, or a version mismatch; and dossiers the extension deleted,
// several at once, waiting for the user. start() runs the bridge client; its return stops it.
import { untrack } from 'svelte';
import type { BlobStore, Library } from '@knipsel/core';
import { bridgeProtocolVersion } from '@knipsel/core/bridge';
import type { HeldDeletion, PairRefusal } from '@knipsel/core/bridge';
import { startBridgeClient, type BridgeClient, type LinkState as Link } from '../services/bridge-client.js';

export class ExtensionLink {
  link = $state<Link>('checking');
  /** The extension's protocol version when it differs from ours. */
  peerVersion = $state<number | null>(null);
  readonly version = bridgeProtocolVersion;
  dossiers = $state(0);
  pairCode = $state<string | null>(null);
  pairRefused = $state<PairRefusal | null>(null);
  held = $state.raw<readonly HeldDeletion[]>([]);
  /** Panels in the main content showing the extension (the status line steps aside on a phone). */
  inMain = $state(0);
  #client: BridgeClient | null = null;

  /** A panel in the main content shows the extension; returns its removal (for an $effect). */
  showInMain = (): (() => void) => {
    untrack(() => this.inMain++);
    return () => untrack(() => this.inMain--);
  };

  /** `onConnected`: the link came up (bodies and files can be asked for now). */
  start(library: Library, onAlias?: (from: string, to: string) => void, files?: BlobStore, onConnected?: () => void): () => void {
    const client = startBridgeClient({
      library,
      onAlias,
      files,
      onStatus: (status) => {
        const up = status.link === 'connected' && this.link !== 'connected';
        this.link = status.link;
        if (up) queueMicrotask(() => onConnected?.());
        this.peerVersion = status.peerVersion;
        this.dossiers = status.dossiers;
        this.pairCode = status.pairCode;
        this.pairRefused = status.pairRefused;
        this.held = status.held;
      },
    });
    this.#client = client;
    return () => {
      client.stop();
      this.#client = null;
    };
  }

  pair = () => this.#client?.pair();
  cancelPairing = () => this.#client?.cancelPairing();
  unpair = () => this.#client?.unpair();
  resolveHeld = (remove: boolean) => this.#client?.resolveHeld(remove);
  /** Ask the extension for kept files (a clip's images) this device lacks; the hashes that came. */
  wantFiles = async (hashes: string[]): Promise<string[]> => (this.link === 'connected' && this.#client ? this.#client.wantFiles(hashes) : []);
}
