// Exports of one dossier for the screens: the portfolio (printable HTML, .docx, Markdown zip),
// the Markdown zip of the whole dossier and the `.knipsel` backup. The work is in core/export;
// this picks the open dossier, loads the attachments the portfolio shows from the blob store,
// names the files and hands bytes to the browser (download, or a new tab for the HTML).
import { loadDossierBodies, type BlobStore, type ClipRow, type Framework, type Library, type Theme } from '@knipsel/core';
// The .docx writer (`@knipsel/core/export/docx`) stays in its own lazily loaded chunk.
import {
  backupFileName,
  buildPortfolio,
  createBackup,
  exportMarkdownZip,
  portfolioAttachmentHashes,
  type PortfolioLocale,
  type PortfolioModel,
  renderPortfolioHtml,
  renderPortfolioMarkdownZip,
  slugify,
} from '@knipsel/core/export';

export interface ExportFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** What the user chose in the portfolio composer. */
export interface PortfolioChoice {
  frameworkId: string;
  themeIds: string[];
  clipIds: string[];
  author: string;
  course: string;
  period: string;
  locale: PortfolioLocale;
}

export interface ComposerTheme {
  theme: Theme;
  /** Clips (not in the trash) carrying the theme, oldest first like the portfolio. */
  rows: ClipRow[];
}

/** The themes the composer offers for a framework (hidden ones left out), each with its clips. Pure. */
export function composerThemes(rows: readonly ClipRow[], framework: Framework): ComposerTheme[] {
  const live = rows.filter((r) => !r.trashed).sort((a, b) => a.capturedAt - b.capturedAt || a.id.localeCompare(b.id));
  return framework.themes.filter((t) => !t.hidden).map((theme) => ({ theme, rows: live.filter((r) => r.themes.includes(theme.id)) }));
}

/** Default selection: every theme that has clips, and all those clips. Pure. */
export function defaultSelection(themes: readonly ComposerTheme[]): { themeIds: string[]; clipIds: string[] } {
  const withClips = themes.filter((t) => t.rows.length > 0);
  return { themeIds: withClips.map((t) => t.theme.id), clipIds: [...new Set(withClips.flatMap((t) => t.rows.map((r) => r.id)))] };
}

/** "portfolio-wijkteam-noord-2025-03-14.docx". Pure. */
export function exportFileName(kind: 'portfolio' | 'markdown', dossierName: string, extension: string, now = Date.now()): string {
  return `${kind}-${slugify(dossierName, 40, 'dossier')}-${new Date(now).toISOString().slice(0, 10)}${extension}`;
}

export function createExportService(library: Library, options: { appVersion?: string; now?: () => number; blobs?: BlobStore } = {}) {
  const now = options.now ?? Date.now;
  /** The bytes of the photos and files the portfolio shows that are on this device. */
  const attachmentsOf = async (built: PortfolioModel): Promise<Map<string, Uint8Array>> => {
    const found = new Map<string, Uint8Array>();
    if (!options.blobs) return found;
    for (const hash of portfolioAttachmentHashes(built)) {
      const blob = await options.blobs.get(hash).catch(() => undefined);
      if (blob) found.set(hash, blob.bytes);
    }
    return found;
  };
  const dossierOf = async (id: string) => (await library.open(id)).dossier;
  const model = async (id: string, choice: PortfolioChoice) => {
    const dossier = await dossierOf(id);
    return {
      dossier,
      model: buildPortfolio(dossier, {
        frameworkId: choice.frameworkId,
        themeIds: choice.themeIds,
        clipIds: choice.clipIds,
        author: choice.author.trim(),
        course: choice.course.trim(),
        period: choice.period.trim(),
        locale: choice.locale,
        now: now(),
      }),
    };
  };

  return {
    /** The portfolio as one self-contained HTML document (escaped text only, no script). */
    async portfolioHtml(id: string, choice: PortfolioChoice): Promise<string> {
      const built = (await model(id, choice)).model;
      return renderPortfolioHtml(built, await attachmentsOf(built));
    },

    /** The same document as a file to download and keep (or hand in). */
    async portfolioHtmlFile(id: string, choice: PortfolioChoice): Promise<ExportFile> {
      const { dossier, model: built } = await model(id, choice);
      return {
        name: exportFileName('portfolio', dossier.meta().name, '.html', now()),
        type: 'text/html;charset=utf-8',
        bytes: new TextEncoder().encode(renderPortfolioHtml(built)),
      };
    },

    async portfolioDocx(id: string, choice: PortfolioChoice): Promise<ExportFile> {
      const { dossier, model: built } = await model(id, choice);
      // The docx writer is large; load it only when someone asks for Word.
      const { renderPortfolioDocx } = await import('@knipsel/core/export/docx');
      return {
        name: exportFileName('portfolio', dossier.meta().name, '.docx', now()),
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes: await renderPortfolioDocx(built, await attachmentsOf(built)),
      };
    },

    /** The portfolio as a Markdown zip: an index, a file per theme, the attachments in bijlagen/. */
    async portfolioMarkdown(id: string, choice: PortfolioChoice): Promise<ExportFile> {
      const { dossier, model: built } = await model(id, choice);
      return {
        name: exportFileName('portfolio', dossier.meta().name, '.zip', now()),
        type: 'application/zip',
        bytes: renderPortfolioMarkdownZip(built, await attachmentsOf(built), now()),
      };
    },

    async markdownZip(id: string, layout: 'flat' | 'by-theme', frameworkId?: string): Promise<ExportFile> {
      const dossier = await dossierOf(id);
      // The clips' texts go into the files: their bodies are read from the body store first.
      await loadDossierBodies(dossier);
      return {
        name: exportFileName('markdown', dossier.meta().name, '.zip', now()),
        type: 'application/zip',
        bytes: exportMarkdownZip(dossier, { layout, ...(frameworkId ? { frameworkId } : {}), now: now() }),
      };
    },

    async backup(id: string): Promise<ExportFile> {
      const dossier = await dossierOf(id);
      const bytes = await createBackup(dossier, { ...(options.appVersion ? { appVersion: options.appVersion } : {}), now: now() });
      return { name: backupFileName(dossier.meta(), now()), type: 'application/octet-stream', bytes };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;

/** Offer bytes as a download with this file name. */
export function saveFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Open a generated HTML document in a new tab from a blob: URL. It runs no script: the
 * document carries its own CSP (`default-src 'none'`), a blob: document also inherits the
 * app's policy (no inline script), and every string in it was escaped by the renderer.
 */
export function openDocument(html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
}
