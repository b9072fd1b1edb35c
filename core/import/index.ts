// Public surface of import/ (bookmark files → bookmark clips) for the web app.
export { checkImportSize, maxImportBytes, maxImportItems, type ImportedBookmark, type ImportFormat, type ImportProblem, type ParsedImport } from './bookmarks.js';
export { parseBookmarkBytes, readBookmarkBytes } from './bookmark-bytes.js';
export { detectImportFormat, parseImportFile, parseImportText } from './detect-import.js';
export { parseNetscapeBookmarks } from './netscape-bookmarks.js';
export { parseCsvBookmarks } from './csv-bookmarks.js';
export { parseOmnivoreJson } from './omnivore-json.js';
export { planImport, runImport, type ImportPlan, type ImportResult, type RunImportOptions, type SkippedBookmark, type TagPlan } from './run-import.js';
