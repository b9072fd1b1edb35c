// The bridge/* requests of the message protocol, answered by the bridge host — or, where
// the background runs without one, as an extension that has never met the app.
import type { Handlers } from '../messaging/router.js';
import type { BridgeHost } from './bridge-host.js';

export type BridgeControls = Pick<BridgeHost, 'status' | 'answerPairing' | 'unpair' | 'resolveDeletions'>;

export const noBridge: BridgeControls = {
  status: async () => ({ connected: false, lastSeen: null, origin: null, mismatch: null, pairs: [], requests: [], deletions: null }),
  answerPairing: async () => ({ paired: false }),
  unpair: async () => undefined,
  resolveDeletions: async () => undefined,
};

export function bridgeHandlers(bridge: BridgeControls): Pick<Handlers, 'bridge/status' | 'bridge/pair-answer' | 'bridge/unpair' | 'bridge/deletions'> {
  return {
    async 'bridge/status'() {
      return bridge.status();
    },

    async 'bridge/pair-answer'({ requestId, accept }) {
      return bridge.answerPairing(requestId, accept);
    },

    async 'bridge/unpair'({ pairId }) {
      await bridge.unpair(pairId);
      return { ok: true };
    },

    async 'bridge/deletions'({ accept }) {
      await bridge.resolveDeletions(accept);
      return { ok: true };
    },
  };
}
