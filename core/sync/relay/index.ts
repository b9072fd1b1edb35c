// Entry point `@knipsel/core/relay`: relay invite links and the owners' API. The session
// (Hocuspocus provider) is `@knipsel/core/relay/session`, loaded only when a dossier connects.
export type { ConnectRelayOptions, RelayRole, RelaySession, RelaySessionState, RelayStatus } from './relay-session.js';
export { makeRelayLink, parseRelayLink, relayHttpUrl, relayLinkPrefix, relayTokenSchema, relayUrlSchema, type RelayLink } from './relay-link.js';
export { createRelayAdmin, type RelayAdmin, type RelayTokenInfo } from './relay-admin.js';
export { checkArrivedBody, hashListSchema, maxAnswerBytes, maxHashesPerRequest, wireBodiesSchema, type WireBody } from '../peer/body-wire.js';
export { createRelayBodies, type RelayBodies } from './relay-bodies.js';
export { bodyHashes } from '../../dossier/body-migration.js';
export { defaultBodyGraceMs } from '../../storage/body-gc.js';
export { relayFramePrefix, relayFramesProtocol, relayProtocols } from './relay-frames.js';
