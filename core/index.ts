// Public surface of the Knipsel core, for the extension, the web app and tools.
export * from './errors.js';
export { createId } from './ids.js';
export type * from './dossier/types.js';
export { captureModes, highlightColours, sourceKinds, evidenceKinds, feedbackSources, cardFields } from './dossier/types.js';
export { createDossier, initDossierDoc, type Dossier, type DossierChange, type MetaPatch } from './dossier/dossier.js';
export { localOrigin, toClipRow, excerptOf, evidenceText } from './dossier/doc-layout.js';
export { emptyCard } from './dossier/evidence-layout.js';
export { cardPatchSchema, kindSchema } from './dossier/evidence-schema.js';
export { maxAttachmentsPerClip, type AttachmentInput, type CardPatch, type EvidenceOps, type ReflectionInput } from './dossier/evidence-ops.js';
export { queryRows, matchesFilter, clipSorts, type ClipFilter, type ClipSort } from './dossier/clip-query.js';
export { comparableUrl, type ClipInput, type ClipPatch, type HighlightInput, type HighlightPatch } from './dossier/clips.js';
export { currentSchemaVersion, migrations, schemaVersionOf } from './dossier/migrations.js';
export { captureSchema, highlightColourSchema, idSchema, noteClipUrl, positionSchema, quoteSchema, themeIdsSchema } from './dossier/schema.js';
export {
  bookmarkCapture,
  evidenceCapture,
  countTypedWords,
  linkTitle,
  normalizeUrl,
  noteCapture,
  selectionCapture,
  siteNameOf,
  titleFromText,
  titleFromUrl,
  type HandMadeFields,
} from './capture/hand-made.js';
export { sourceName } from './dossier/source.js';
export { isIncompleteLink } from './dossier/complete-link.js';
export { escapeHtml, linesToHtml, textToHtml } from './capture/plain-html.js';
export { presetFrameworks, findPresetFramework, findPresetTheme, type PresetFramework, type PresetGroup, type PresetTheme } from './frameworks/presets.js';
export {
  groupOf,
  groupedThemes,
  matchStrength,
  numberLabel,
  orderedThemes,
  searchFields,
  searchThemes,
  themeEntries,
  type SearchFields,
  type ThemeEntry,
  type WordingLocale,
} from './frameworks/theme-wording.js';
export {
  createThemeSuggester,
  defaultMinScore,
  suggestThemes,
  wordingOf,
  type SuggestOptions,
  type ThemeSuggester,
  type ThemeSuggestion,
  type ThemeWording,
} from './frameworks/suggest.js';
export type { FrameworkInput, ThemeInput, ThemePatch } from './frameworks/frameworks.js';
export { createLibrary, defaultPersonalName, type Library, type LibraryExtension, type LibraryStores, type OpenDossier } from './library/library.js';
export { attachPersistence, type DocPersistence } from './storage/doc-persistence.js';
export { createMemoryUpdateStore, type UpdateStore } from './storage/update-store.js';
export { createMemoryLibraryStore, type DossierRecord, type LibraryStore } from './storage/library-store.js';
export { createMemoryProjectionStore, type ProjectionStore } from './storage/projection-store.js';
export { createDexieStores, type DexieStores } from './storage/dexie-stores.js';
export { createMirroredUpdateStore, type MirroredUpdateStore } from './storage/mirrored-update-store.js';
export { createOpfsUpdateStore } from './storage/opfs-update-store.js';
export { createClipSearch, makeSnippet, type SearchHit, type Snippet } from './search/clip-search.js';
export { attachSearch, type DossierSearch, type SearchProgress } from './search/dossier-search.js';
export { defaultSearchText, toSearchDocument, type SearchTextSource } from './search/search-document.js';
export { createMemorySearchIndexStore, searchIndexVersion, type SearchIndexStore, type StoredSearchIndex } from './search/search-index-store.js';
export { createDexieSearchIndexStore } from './search/dexie-search-store.js';
export { fold } from './search/fold.js';
export type * from './learning/types.js';
export { leervraagStatuses } from './learning/types.js';
export { findPresetGuide, localizeGuide, guidesForKind, reflectionWording, type Guide, type GuideLocale } from './learning/guides.js';
export { presetGuides, type PresetGuide } from './learning/preset-guides.js';
export { isAnswer, reflectionStatus, answeredPrompts, cleanNote, noteIsAnswered, answeredReflectionCount, type ReflectionStatus } from './learning/answered.js';
export { growthView, answeredReflections, type DatedReflection, type GrowthView } from './learning/growth.js';
export type { GuideOps, OwnGuideInput } from './learning/guide-ops.js';
export type { LeervraagOps, LeervraagInput, LeervraagPatch } from './learning/leervraag-ops.js';
export type { GrowthOps, PeriodInput } from './learning/growth-ops.js';
export { createMemoryBlobStore, maxBlobBytes, checkBlobSize, sha256Hex, type BlobStore, type StoredBlob } from './storage/blob-store.js';
export { createDexieBlobStore } from './storage/dexie-blob-store.js';
export { createBodyStore, encodeBody, decodeBody, bodyType, type BodyStore, type ClipBody } from './storage/body-store.js';
export { moveBodiesOut, bodyHashes } from './dossier/body-migration.js';
export { blobReferences } from './dossier/blob-references.js';
export { collectBodies, collectable, defaultBodyGraceMs, libraryDocs, nextMarks, readMarks, unreferencedBodies, type BodyCollection, type BodyMarks } from './storage/body-gc.js';
export { createBodyCollector, type BodyCollector } from './storage/body-collector.js';
export { clipWithBody, loadDossierBodies } from './dossier/clip-bodies.js';
export { followBodies, type BodyProgress, type FollowOptions } from './sync/body-follow.js';
export { watchHistory, type HistoryEntry, type HistoryField, type HistoryOptions, type HistoryValue } from './history/history.js';
export { appendHistory, canRestore, restoreValue, maxHistoryEntries } from './history/history-log.js';
export { recordAuthor, authorOf } from './history/authors.js';
