// Entry point `@knipsel/core/testing/corpus` (Node only): the capture corpus on disk, the
// baselines it is compared with, and the scoring of extraction results.
export { loadCorpus, loadDutchFixtures, parseHtml, runDefuddleBaseline, runReadabilityBaseline, type BaselineOutput, type CorpusCase, type DutchFixture } from '../capture/testing/corpus.js';
export { passRate, tallyMetadata, textScore, type MetadataValues } from '../capture/scoring.js';
