// Public surface of peer-to-peer sharing, for the web app. Kept apart from core/index.ts so
// that what does not share (the extension) does not bundle y-webrtc.
export {
  createInviteSecret,
  deriveRoom,
  makeInviteLink,
  parseInviteLink,
  type DerivedRoom,
  type InviteDetails,
} from './invite.js';
export {
  connectPeers,
  defaultSignalingUrl,
  type ConnectPeersOptions,
  type PeerSession,
  type PeerStatus,
  type PeerStatusEvent,
} from './peer-session.js';
export { checkPresence, parsePresence, type PeerPresence, type Presence, type PresenceView } from './presence.js';
export { copyDossierState, markShared, receivedDossierId, waitForDossierMeta } from './shared-dossier.js';
