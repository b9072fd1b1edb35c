// Garbage from outside, against the real modules: random and mutated Yjs updates (mutations
// of the real updates of a real dossier), awareness messages, y-webrtc peer messages through
// the checked mirror bridge, bridge frames between two real bridge sessions, and frames to
// the real signalling server. Each campaign returns its figures; it throws (with the input's
// index, so `KNIPSEL_SEED` replays it) as soon as an input that was rejected changed the
// local dossier — its Y.Doc state or its persisted update log — or an accepted one broke it.
// The campaigns are in dossier-inputs.ts and network-inputs.ts, what they share in common.ts.
import { awarenessMessages, peerMessages, yjsUpdates } from './dossier-inputs.js';
import { bridgeFrames, signallingFrames } from './network-inputs.js';

export type { Figures, Progress } from './common.js';
export { awarenessMessages, peerMessages, yjsUpdates } from './dossier-inputs.js';
export { bridgeFrames, signallingFrames } from './network-inputs.js';

export const campaigns = { yjsUpdates, awarenessMessages, peerMessages, bridgeFrames, signallingFrames };
export type CampaignName = keyof typeof campaigns;
