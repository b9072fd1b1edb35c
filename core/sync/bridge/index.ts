// Entry point `@knipsel/core/bridge`: the extension ↔ web app bridge on one machine
// (frames, pairing, the session that keeps dossiers in step).
export { bridgeProtocolVersion, bridgeTag, checkEnvelope, type BridgeFrame, type BridgeRole, type Envelope } from './protocol.js';
export { createMemoryPairStore, createPrefPairStore, type StoredPair } from './pairing.js';
export {
  bridgeAlias,
  createBridgeSession,
  type BridgeSession,
  type BridgeSessionOptions,
  type BridgeState,
  type BridgeStatus,
  type HeldDeletion,
  type PairRefusal,
  type PairStore,
} from './session.js';
