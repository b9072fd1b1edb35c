// Entry point `@knipsel/core/export`: backups, restore, Markdown and the portfolio. The Word
// portfolio (docx, large) is `@knipsel/core/export/docx`, loaded only when asked for.
export {
  backupExtension,
  backupFileName,
  backupFormat,
  checkBackupSize,
  createBackup,
  inspectDossierState,
  maxBackupBytes,
  maxStateBytes,
  readBackup,
  type Backup,
  type BackupHeader,
  type CreateBackupOptions,
} from './backup.js';
export {
  backupOrigin,
  isSameDossier,
  mergeBackupFile,
  mergeBackupInto,
  restoreBackupAsNew,
  restoreBackupFileAsNew,
  type MergeOptions,
  type MergeResult,
  type RestoreAsNewOptions,
} from './restore.js';
export { clipMarkdown, exportMarkdownZip, markdownFiles, unsortedFolder, type MarkdownExportOptions } from './markdown-export.js';
export {
  buildPortfolio,
  portfolioAttachmentHashes,
  portfolioLabels,
  type PortfolioClip,
  type PortfolioEntry,
  type PortfolioLeervraag,
  type PortfolioLocale,
  type PortfolioModel,
  type PortfolioOptions,
  type PortfolioTheme,
} from './portfolio.js';
export { renderPortfolioHtml, type AttachmentBytes } from './portfolio-html.js';
export { portfolioMarkdownFiles, renderPortfolioMarkdownZip } from './portfolio-markdown.js';
export { formatBytes, reject, type RejectReason } from './reject.js';
export { inflateStepBytes } from './inflate-exact.js';
export { slugify } from './slug.js';
export { citedSource, inTextCitation, referenceRuns, referenceText } from './reference.js';
