// Entry point `@knipsel/core/peer`: invite links, presence and shared-dossier helpers for
// peer-to-peer sharing, and the checks on what peers send. The session itself (y-webrtc) is
// `@knipsel/core/peer/session`, so that apps load it only when they connect.
export { base64urlToBytes, bytesToBase64url, createInviteSecret, deriveRoom, makeInviteLink, parseInviteLink, type DerivedRoom, type InviteDetails } from './invite.js';
export type { ConnectPeersOptions, PeerSession, PeerStatus, PeerStatusEvent } from './peer-session.js';
export { checkPresence, parsePresence, presentMembers, readPeerPresence, type PeerPresence, type Presence, type PresenceView } from './presence.js';
export { copyDossierState, markShared, receivedDossierId, waitForDossierMeta } from './shared-dossier.js';
export { createMirrorBridge, type MirrorBridge, type MirrorBridgeOptions } from './mirror-bridge.js';
export { checkAwarenessUpdate, checkPeerMessage, messageAwareness, messageBcPeerId, messageQueryAwareness, messageSync } from './peer-messages.js';
