// Public surface of export/ (backups, restore, Markdown, portfolio) for the web app.
export { backupExtension, backupFileName, backupFormat, checkBackupSize, createBackup, inspectDossierState, maxBackupBytes, maxStateBytes, readBackup, type Backup, type BackupHeader, type CreateBackupOptions } from './backup.js';
export { backupOrigin, isSameDossier, mergeBackupFile, mergeBackupInto, restoreBackupAsNew, restoreBackupFileAsNew, type MergeOptions, type MergeResult, type RestoreAsNewOptions } from './restore.js';
export { exportMarkdownZip, markdownFiles, unsortedFolder, type MarkdownExportOptions } from './markdown-export.js';
export { buildPortfolio, portfolioAttachmentHashes, portfolioLabels, type PortfolioClip, type PortfolioEntry, type PortfolioLeervraag, type PortfolioLocale, type PortfolioModel, type PortfolioOptions, type PortfolioTheme } from './portfolio.js';
export { renderPortfolioHtml, type AttachmentBytes } from './portfolio-html.js';
export { portfolioMarkdownFiles, renderPortfolioMarkdownZip } from './portfolio-markdown.js';
export { renderPortfolioDocx } from './portfolio-docx.js';
export { formatBytes, type RejectReason } from './reject.js';
export { slugify } from './slug.js';
