// Entry point `@knipsel/core/testing/corpus` (Node only): the capture corpus on disk, the
// baselines it is compared with, and the scoring of extraction results.
export {
  loadCorpus,
  loadDutchFixtures,
  parseHtml,
  runDefuddleBaseline,
  runReadabilityBaseline,
  type BaselineOutput,
  type CorpusCase,
  type DutchFixture,
} from '../capture/testing/corpus.js';
export { passRate, tallyMetadata, textScore, type MetadataValues } from '../capture/scoring.js';
export { snippetCounts, snippetScores, addCounts, noCounts, type SnippetCounts } from '../capture/scoring.js';
export { loadSnippetCases, selectCases, snippetCorpusDir, type SnippetCase, type SnippetSplit } from '../capture/testing/snippet-corpus.js';
export {
  confidenceReport,
  defaultPageTimeoutMs,
  evaluateCase,
  evaluateParallel,
  extractorNames,
  pageF1,
  summarise,
  type ExtractorName,
  type ExtractorSummary,
  type PageResult,
} from '../capture/testing/snippet-eval.js';
