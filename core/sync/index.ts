// Entry point `@knipsel/core/sync`: keeping one dossier's doc in step — across tabs, over a
// generic channel, and checking every update that comes from outside.
export { attachTabSync, tabChannelName, type TabChannel, type TabSync } from './tab-sync.js';
export { applyCheckedUpdate, isWellFormedUpdate } from './update-check.js';
export { createDocSync, type DocSync, type DocSyncOptions } from './doc-sync.js';
export { fromBase64, toBase64 } from './base64.js';
export { createFramedChannel, type FramedChannel, type FramedChannelOptions, type FrameRefusal } from './frames/framed-channel.js';
