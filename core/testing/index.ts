// Entry point `@knipsel/core/testing`: fixtures for tests and benches (browser-safe).
// Node-only corpus readers are in `@knipsel/core/testing/corpus`.
export { bareCapture, makeCapture, makeClip, noEvidence } from './captures.js';
export { makeLearningDossier, starrAnswers, tinyPng } from './learning-dossier.js';
export { pairedRig, settleSessions, connect as connectRig, newLibrary, testOrigin, type BridgeRig, type RigOptions } from './bridge-rig.js';
export { dumpDossier, makeTestDossier } from './dossier.js';
export { backupOfDeflated, deflatedZeros, zipOfDeflated } from './bombs.js';
export { concatParts, encodeStreamFrame } from '../sync/frames/stream-frames.js';
export { hostileMarkdown, type HostileMarkdown } from './hostile-markdown.js';
export { hostileBookmarkFile, hostileBookmarkShapeNames, hostileBookmarkShapes, type HostileBookmarkShape } from './hostile-bookmarks.js';
export { runReadabilityBaseline, type BaselineOutput } from '../capture/testing/readability-baseline.js';
export { thrownBy } from './errors.js';
export { bestThreshold, evaluate, overlapSuggester, type Scores } from '../frameworks/suggest-eval.js';
export { labelledPassages } from '../frameworks/test-labelled-passages.js';
