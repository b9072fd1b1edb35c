// Connecting dossiers to a Knipsel relay (server/relay): the session, invite links, the owners' API.
export { connectRelay, type ConnectRelayOptions, type RelayRole, type RelaySession, type RelayState, type RelayStatus } from './relay-session.js';
export { makeRelayLink, parseRelayLink, relayHttpUrl, relayLinkPrefix, relayTokenSchema, relayUrlSchema, type RelayLink } from './relay-link.js';
export { createRelayAdmin, type RelayAdmin, type RelayTokenInfo } from './relay-admin.js';
