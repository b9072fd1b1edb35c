// Entry point `@knipsel/core/testing`: fixtures for tests and benches (browser-safe).
// Node-only corpus readers are in `@knipsel/core/testing/corpus`.
export { makeCapture, noEvidence } from '../dossier/test-fixtures.js';
export { makeLearningDossier, starrAnswers, tinyPng } from '../export/test-learning-dossier.js';
export { dumpDossier, makeTestDossier } from '../export/test-dossier.js';
export { backupOfDeflated, deflatedZeros, zipOfDeflated } from '../export/test-bombs.js';
export { hostileMarkdown, type HostileMarkdown } from '../export/test-hostile-markdown.js';
export { hostileBookmarkFile, hostileBookmarkShapeNames, hostileBookmarkShapes, type HostileBookmarkShape } from '../import/test-hostile-bookmarks.js';
export { runReadabilityBaseline, type BaselineOutput } from '../capture/testing/readability-baseline.js';
export { bestThreshold, evaluate, overlapSuggester, type Scores } from '../frameworks/suggest-eval.js';
export { labelledPassages } from '../frameworks/test-labelled-passages.js';
