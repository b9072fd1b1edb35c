// Markdown export: a zip with one .md file per clip (YAML front matter, the kind of evidence
// and its card, the captured content, the answered reflections and the highlights), flat or in
// a folder per theme — a clip under two themes is written once, the other folder holds a link
// to it. Readable in Obsidian. Unanswered guide questions and prompts once inserted into
// notes never reach a file.
// Everything in a clip may come from a peer: titles and quotes are escaped, bodies and notes
// made inert (markdown-safety.ts), and only an http(s) address becomes the source link.
import { strToU8, zipSync } from 'fflate';
import { cleanedCapture } from '../capture/cleaned-capture.js';
import type { Dossier } from '../dossier/dossier.js';
import type { Clip, Framework, HighlightColour } from '../dossier/types.js';
import { answeredPrompts, cleanNote } from '../learning/answered.js';
import { cardFieldsOf, portfolioLabels } from './portfolio-labels.js';
import { inertMarkdown, webLinkTarget } from './markdown-safety.js';
import { citedSource, inTextCitation, referenceText, withPage } from './reference.js';
import { createUniqueNamer, slugify } from './slug.js';
import { pageOfQuote } from '../capture/pdf/pdf-pages.js';
import { isLocalFileUrl } from '../capture/citation.js';

export interface MarkdownExportOptions {
  layout: 'flat' | 'by-theme';
  /** The framework whose themes make the folders (by-theme). Default: the assessed framework, else the first. */
  frameworkId?: string;
  /** Only these clips (default: every clip not in the trash). */
  clipIds?: string[];
  /** Zip entry times (default now). */
  now?: number;
}

export const unsortedFolder = 'Ongesorteerd';
const maxSlug = 60;

export const colourLabels: Record<HighlightColour, { nl: string; en: string }> = {
  inspiratie: { nl: 'Inspiratie', en: 'Inspiration' },
  methode: { nl: 'Methode', en: 'Method' },
  onderbouwing: { nl: 'Onderbouwing', en: 'Evidence' },
  vraag: { nl: 'Vraag', en: 'Question' },
};

/** The zip file's bytes. */
export function exportMarkdownZip(dossier: Dossier, options: MarkdownExportOptions): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [path, text] of markdownFiles(dossier, options)) files[path] = strToU8(text);
  return zipSync(files, { level: 6, mtime: new Date(options.now ?? Date.now()) });
}

/** The files of the export as [path, content] pairs (what goes in the zip). */
export function markdownFiles(dossier: Dossier, options: MarkdownExportOptions): [string, string][] {
  const wanted = options.clipIds ? new Set(options.clipIds) : null;
  const clips = dossier.clips.list({}, 'oldest').filter((c) => !c.trashed && (!wanted || wanted.has(c.id)));
  const themeName = themeNamer(dossier);
  const out: [string, string][] = [];

  if (options.layout === 'flat') {
    const unique = createUniqueNamer();
    for (const clip of clips) out.push([unique(slugify(clip.title, maxSlug), '.md'), clipMarkdown(clip, themeName)]);
    return out;
  }

  const framework = pickFramework(dossier, options.frameworkId);
  const folders = new Map<string, string>();
  const folderNamer = createUniqueNamer();
  framework?.themes.forEach((theme, index) => {
    folders.set(theme.id, folderNamer(`${String(index + 1).padStart(2, '0')} ${safeFolderName(theme.name)}`));
  });
  const unsorted = folderNamer(unsortedFolder);
  const namers = new Map<string, (base: string, ext: string) => string>();
  const place = (folder: string, clip: Clip, describedIn?: string): string => {
    let unique = namers.get(folder);
    if (!unique) namers.set(folder, (unique = createUniqueNamer()));
    const path = `${folder}/${unique(slugify(clip.title, maxSlug), '.md')}`;
    out.push([path, describedIn ? referenceMarkdown(clip, `../${describedIn}`) : clipMarkdown(clip, themeName)]);
    return path;
  };
  for (const clip of clips) {
    const mine = framework!.themes.map((t) => t.id).filter((id) => clip.themes.includes(id));
    if (mine.length === 0) {
      place(unsorted, clip);
      continue;
    }
    // A clip with two themes is written in the first theme's folder; the others get a link to it.
    const [first, ...rest] = mine.map((id) => folders.get(id)!);
    const path = place(first!, clip);
    for (const folder of rest) place(folder, clip, path);
  }
  return out.sort(([a], [b]) => a.localeCompare(b, 'nl'));
}

export function pickFramework(dossier: Dossier, frameworkId?: string | null): Framework | undefined {
  const all = dossier.frameworks.list({ includeDisabled: true });
  const id = frameworkId ?? dossier.meta().assessedFrameworkId;
  return all.find((f) => f.id === id) ?? (frameworkId ? undefined : dossier.frameworks.list()[0]);
}

/** Theme ids → names, in the order of frameworks and their themes (unknown ids dropped). */
export function themeNamer(dossier: Dossier): (ids: string[]) => string[] {
  const known = new Map<string, { name: string; rank: number }>();
  let rank = 0;
  for (const framework of dossier.frameworks.list({ includeDisabled: true })) for (const t of framework.themes) known.set(t.id, { name: t.name, rank: rank++ });
  return (ids) =>
    ids
      .map((id) => known.get(id))
      .filter((t) => t !== undefined)
      .sort((a, b) => a.rank - b.rank)
      .map((t) => t.name);
}

/** A clip written in another folder: its title and a link to the file that describes it. */
function referenceMarkdown(clip: Clip, target: string): string {
  const front = yamlFrontMatter([
    ['title', clip.title],
    ['described_in', target],
    ['knipsel_id', clip.id],
  ]);
  const href = target.split('/').map(encodeURIComponent).join('/');
  return `${front}

# ${escapeInline(clip.title)}

Beschreven in [${escapeInline(target.replace(/^\.\.\//, ''))}](<${href}>).
`;
}

/** One clip as a Markdown document with YAML front matter. */
export function clipMarkdown(clip: Clip, themeNames: (ids: string[]) => string[]): string {
  const c = citedSource(clip);
  const themes = themeNames(clip.themes);
  const source = c.mode === 'note' || isLocalFileUrl(c.url) ? null : webLinkTarget(c.url);
  const front = yamlFrontMatter([
    ['title', clip.title],
    ['url', source],
    ['site', c.siteName],
    ['author', c.byline],
    ['published', c.published],
    ['captured', new Date(c.capturedAt).toISOString()],
    ['themes', themes],
    ['kind', clip.kind],
    ['reference', c.mode === 'note' ? null : referenceText(clip)],
    ['knipsel_id', clip.id],
  ]);
  const parts = [front, `# ${escapeInline(clip.title)}`];
  if (source) parts.push(`Bron: [${escapeInline(c.siteName || hostOf(source))}](<${source.replace(/[<>\s]/g, encodeURIComponent)}>)`);
  else if (c.mode !== 'note') parts.push(`Bron: ${escapeInline(c.siteName || c.url)}`);
  const labels = portfolioLabels.nl;
  parts.push(`*${labels.kinds[clip.kind]}*`);
  const card = cardFieldsOf[clip.kind].filter((field) => clip.card[field].trim());
  if (card.length) {
    const value = (field: (typeof card)[number]) =>
      field === 'fromRole' ? (labels.feedbackSources[clip.card.fromRole as keyof typeof labels.feedbackSources] ?? '') : clip.card[field].trim();
    parts.push(card.map((field) => `**${labels.card[field]}**\n\n${inertMarkdown(value(field))}`).join('\n\n'));
  }
  // Without the blocks the user removed as noise.
  const body = inertMarkdown(cleanedCapture(clip).markdown.trim());
  if (body) parts.push(body);
  else if (clip.body && !clip.body.here) parts.push('*De tekst van deze knip was nog niet binnen op dit apparaat toen dit bestand werd gemaakt.*');
  if (clip.attachments.length) parts.push(`## ${labels.attachments}\n\n${clip.attachments.map((a) => `- ${escapeInline(a.name)}`).join('\n')}`);
  for (const reflection of clip.reflections) {
    const answers = answeredPrompts(reflection);
    if (answers.length === 0) continue;
    const items = answers.map(({ prompt, answer }) => `### ${escapeInline(prompt.heading)}\n\n${inertMarkdown(answer)}`);
    parts.push(`## Reflectie: ${escapeInline(reflection.guideName)}\n\n${items.join('\n\n')}`);
  }
  const note = cleanNote(clip.note);
  if (note) parts.push(`## ${clip.reflections.some((r) => answeredPrompts(r).length > 0) ? 'Notitie' : 'Reflectie'}\n\n${inertMarkdown(note)}`);
  if (clip.highlights.length > 0) {
    const items = clip.highlights.map((h) => {
      const quote = h.quote.exact
        .trim()
        .split(/\r?\n/)
        .map((line) => `> ${escapeInline(line)}`.trimEnd())
        .join('\n');
      const cite = c.mode === 'note' ? '' : withPage(inTextCitation(clip), pageOfQuote(c, h.quote, h.position));
      const meaning = `${cite ? `${escapeInline(cite)} · ` : ''}*${colourLabels[h.colour]?.nl ?? h.colour}*${h.note.trim() ? ` — ${inertMarkdown(h.note.trim().replace(/\s*\n\s*/g, ' '))}` : ''}`;
      return `${quote}\n\n${meaning}`;
    });
    parts.push(`## Markeringen\n\n${items.join('\n\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}

type YamlValue = string | string[] | null;

/** Front matter where every string is a double-quoted scalar (JSON strings are valid YAML 1.2). */
export function yamlFrontMatter(fields: [string, YamlValue][]): string {
  const lines = ['---'];
  for (const [key, value] of fields) {
    if (value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length === 0) lines.push(`${key}: []`);
      else lines.push(`${key}:`, ...value.map((item) => `  - ${yamlString(item)}`));
    } else lines.push(`${key}: ${yamlString(value)}`);
  }
  lines.push('---');
  return lines.join('\n');
}

function yamlString(value: string): string {
  // JSON.stringify escapes quotes, backslashes and control characters; also escape the
  // characters YAML forbids or folds (NEL, LS, PS, BOM) so the scalar stays one line, and
  // `<` and `&`, so a reader that shows front matter as Markdown finds no HTML in it.
  return JSON.stringify(value).replace(/[\u0085\u2028\u2029\ufeff<&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escape text so Markdown shows it literally (no HTML, links or emphasis from titles or quotes). */
export function escapeInline(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/([\\`*_[\]<>#|!~])/g, '\\$1')
    .replace(/^(\d+)\./, '$1\\.')
    .replace(/^([-+])(\s)/, '\\$1$2');
}

/** A readable folder name safe on Windows, macOS and Linux. */
export function safeFolderName(name: string): string {
  const safe = name
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 80)
    .trim();
  return safe || 'thema';
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
