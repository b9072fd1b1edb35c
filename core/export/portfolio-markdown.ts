// The portfolio as a Markdown zip: `00 Portfolio.md` (cover, contents, the dossier's
// leervragen, references), one file per theme (leervragen → evidence → reflections → "Wat ik
// nu anders doe"; evidence described under another theme is a link to that file, not a copy)
// and the photos and files in `bijlagen/`. Every user string is escaped or made inert.
import { strToU8, zipSync } from 'fflate';
import { escapeInline } from './markdown-export.js';
import { inertMarkdown, webLinkTarget } from './markdown-safety.js';
import type { AttachmentBytes } from './portfolio-html.js';
import type { PortfolioAttachment, PortfolioClip, PortfolioLeervraag, PortfolioModel, PortfolioTheme } from './portfolio-model.js';
import { createUniqueNamer, slugify } from './slug.js';

export const portfolioIndexFile = '00 Portfolio.md';
export const attachmentsFolder = 'bijlagen';

const link = (file: string) => `<${file.replace(/[<>]/g, encodeURIComponent)}>`;
const prose = (text: string) => inertMarkdown(text.trim());

/** A readable file name safe on Windows, macOS and Linux. */
function safeName(name: string): string {
  return (
    name
      .replace(/[\u0000-\u001f<>:"/\\|?*#%[\]()]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[. ]+$/, '')
      .slice(0, 70)
      .trim() || 'thema'
  );
}

/** The files of the zip as [path, bytes]. */
export function portfolioMarkdownFiles(model: PortfolioModel, attachments: AttachmentBytes = new Map()): [string, Uint8Array][] {
  const l = model.labels;
  const unique = createUniqueNamer();
  const themeFiles = model.themes.map((theme, i) => unique(`${String(i + 1).padStart(2, '0')} ${safeName(theme.name)}`, '.md'));
  // Attachments with bytes on this device go into bijlagen/, once per hash.
  const attachmentNamer = createUniqueNamer();
  const attachmentPaths = new Map<string, string>();
  const files: [string, Uint8Array][] = [];
  for (const theme of model.themes) {
    for (const entry of theme.entries) {
      if (entry.type !== 'item') continue;
      for (const a of entry.item.attachments) {
        const bytes = attachments.get(a.hash);
        if (!bytes || attachmentPaths.has(a.hash)) continue;
        const dot = a.name.lastIndexOf('.');
        const ext =
          dot > 0
            ? a.name
                .slice(dot)
                .toLowerCase()
                .replace(/[^.a-z0-9]/g, '')
                .slice(0, 8)
            : '';
        const path = `${attachmentsFolder}/${attachmentNamer(slugify(dot > 0 ? a.name.slice(0, dot) : a.name, 50), ext)}`;
        attachmentPaths.set(a.hash, path);
        files.push([path, bytes]);
      }
    }
  }
  const fileOfNumber = new Map<number, string>();
  model.themes.forEach((theme, i) => {
    for (const entry of theme.entries) if (entry.type === 'item') fileOfNumber.set(entry.item.number, themeFiles[i]!);
  });
  const evidenceLink = (n: number, title: string) => {
    const file = fileOfNumber.get(n);
    return file ? `[${escapeInline(l.evidenceNumber(n))}](${link(file)}): ${escapeInline(title)}` : `${escapeInline(l.evidenceNumber(n))}: ${escapeInline(title)}`;
  };

  const leervraag = (q: PortfolioLeervraag) => {
    const parts = [`- **${escapeInline(q.text)}** (${escapeInline(q.statusLabel)})`];
    if (q.actions.length) parts.push(`  - ${escapeInline(l.actions)}:`, ...q.actions.map((a) => `    - ${escapeInline(a.text)}${a.done ? ` (${escapeInline(l.done)})` : ''}`));
    if (q.evidence.length) {
      parts.push(
        `  - ${escapeInline(l.linkedEvidence)}:`,
        ...q.evidence.map((e) => `    - ${e.number !== null ? evidenceLink(e.number, e.title) : escapeInline(e.title)} (${escapeInline(e.kindLabel)})`),
      );
    }
    return parts.join('\n');
  };

  const index: string[] = [`# ${escapeInline(model.cover.title)}`, `*${escapeInline(l.portfolio)}*`];
  const facts = (
    [
      [l.course, model.cover.course],
      [l.period, model.cover.period],
      [l.author, model.cover.author],
      [l.framework, model.cover.framework],
      [l.date, model.cover.date],
    ] as const
  ).filter(([, value]) => value.trim());
  if (facts.length) index.push(facts.map(([label, value]) => `- ${escapeInline(label)}: ${escapeInline(value)}`).join('\n'));
  if (model.themes.length) {
    index.push(
      `## ${escapeInline(l.contents)}`,
      model.themes.map((t, i) => `${i + 1}. [${escapeInline(t.name)}](${link(themeFiles[i]!)}) (${escapeInline(l.answered(t.answered))})`).join('\n'),
    );
  }
  if (model.leervragen.length) index.push(`## ${escapeInline(l.dossierLeervragen)}`, model.leervragen.map(leervraag).join('\n'));
  if (model.references.length)
    index.push(
      `## ${escapeInline(l.references)}`,
      model.references.map((r) => r.runs.map((run) => (run.italic ? `*${escapeInline(run.text)}*` : escapeInline(run.text))).join('')).join('\n\n'),
    );
  files.push([portfolioIndexFile, strToU8(`${index.join('\n\n')}\n`)]);

  model.themes.forEach((theme, i) => {
    files.push([themeFiles[i]!, strToU8(themeMarkdown(theme, model, { evidenceLink, leervraag, attachmentPaths, fileOf: (n) => fileOfNumber.get(n) }))]);
  });
  return files;
}

interface Helpers {
  evidenceLink: (n: number, title: string) => string;
  leervraag: (q: PortfolioLeervraag) => string;
  attachmentPaths: Map<string, string>;
  fileOf: (n: number) => string | undefined;
}

function themeMarkdown(theme: PortfolioTheme, model: PortfolioModel, h: Helpers): string {
  const l = model.labels;
  const kicker = [theme.group, theme.numberLabel].filter(Boolean).join(' · ');
  const parts = [...(kicker ? [`*${escapeInline(kicker)}*`] : []), `# ${escapeInline(theme.name)}`];
  if (theme.description) parts.push(`*${escapeInline(theme.description)}*`);
  parts.push(escapeInline(l.answered(theme.answered)));
  if (theme.leervragen.length) parts.push(`## ${escapeInline(l.leervragen)}`, theme.leervragen.map(h.leervraag).join('\n'));
  if (theme.entries.length) {
    parts.push(`## ${escapeInline(l.evidence)}`);
    for (const entry of theme.entries) {
      if (entry.type === 'item') parts.push(clipMarkdown(entry.item, model, h.attachmentPaths));
      else {
        const file = h.fileOf(entry.number);
        const text = escapeInline(l.describedAt(entry.number, entry.title, entry.themeName));
        parts.push(`> ${file ? `[${text}](${link(file)})` : text}`);
      }
    }
  }
  if (theme.changed || theme.changes.length || theme.ratings.length) {
    parts.push(`## ${escapeInline(l.changed)}`);
    if (theme.changed) parts.push(`*${escapeInline(l.changedQuestion)}*`, prose(theme.changed));
    if (theme.changes.length) parts.push(theme.changes.map((c) => `- ${prose(c.answer).replace(/\n+/g, ' ')} (${h.evidenceLink(c.number, c.title)})`).join('\n'));
    if (theme.ratings.length)
      parts.push(`**${escapeInline(l.ratings)}**`, theme.ratings.map((r) => `- ${escapeInline(r.period)}: ${r.rating} (${escapeInline(r.label)})`).join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

function clipMarkdown(clip: PortfolioClip, model: PortfolioModel, attachmentPaths: Map<string, string>): string {
  const l = model.labels;
  const parts = [`### ${escapeInline(l.evidenceNumber(clip.number))} · ${escapeInline(clip.kindLabel)}: ${escapeInline(clip.title)}`];
  const source = clip.url ? webLinkTarget(clip.url) : null;
  const facts: string[] = [];
  const who = [clip.author, clip.site].filter(Boolean).join(' · ');
  if (source) facts.push(`${escapeInline(l.source)}: [${escapeInline(who || source)}](<${source.replace(/[<>\s]/g, encodeURIComponent)}>)`);
  else if (who) facts.push(`${escapeInline(l.source)}: ${escapeInline(who)}`);
  if (clip.published) facts.push(`${escapeInline(l.published)}: ${escapeInline(clip.published)}`);
  facts.push(`${escapeInline(clip.url || clip.kind === 'praktijkvoorbeeld' ? l.captured : l.added)}: ${escapeInline(clip.captured)}`);
  parts.push(facts.join(' · '));
  for (const field of clip.card) parts.push(`**${escapeInline(field.label)}**\n\n${prose(field.value)}`);
  if (clip.attachments.length) parts.push(`**${escapeInline(l.attachments)}**`, clip.attachments.map((a) => attachmentLine(a, attachmentPaths)).join('\n'));
  for (const r of clip.reflections) {
    parts.push(`**${escapeInline(l.reflection)}: ${escapeInline(r.guide)}** (${escapeInline(r.date)})`);
    for (const a of r.answers) {
      const question = a.question && a.question !== a.heading ? ` — *${escapeInline(a.question)}*` : '';
      parts.push(`*${escapeInline(a.heading)}*${question}\n\n${prose(a.answer)}`);
    }
  }
  if (clip.reflection) parts.push(`**${escapeInline(clip.reflections.length ? l.note : l.reflection)}**`, prose(clip.reflection));
  if (!clip.reflection && clip.reflections.length === 0) parts.push(`**${escapeInline(l.reflection)}**`, `*${escapeInline(l.noReflection)}*`);
  if (clip.highlights.length) {
    parts.push(`**${escapeInline(l.highlights)}**`);
    for (const hl of clip.highlights) {
      const quote = hl.text
        .split(/\r?\n/)
        .map((line) => `> ${escapeInline(line)}`.trimEnd())
        .join('\n');
      parts.push(
        `${quote}${hl.citation ? `\n>\n> ${escapeInline(hl.citation)}` : ''}\n\n*${escapeInline(hl.colourLabel)}*${hl.page && !hl.citation ? ` · p. ${escapeInline(hl.page)}` : ''}${hl.note ? ` — ${prose(hl.note).replace(/\s*\n\s*/g, ' ')}` : ''}`,
      );
    }
  }
  return parts.join('\n\n');
}

function attachmentLine(a: PortfolioAttachment, paths: Map<string, string>): string {
  const path = paths.get(a.hash);
  if (!path) return `- ${escapeInline(a.name)}`;
  const target = link(path);
  return /^image\//.test(a.type) ? `- ![${escapeInline(a.name)}](${target})` : `- [${escapeInline(a.name)}](${target})`;
}

/** The zip's bytes. */
export function renderPortfolioMarkdownZip(model: PortfolioModel, attachments: AttachmentBytes = new Map(), now = Date.now()): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [path, bytes] of portfolioMarkdownFiles(model, attachments)) files[path] = bytes;
  return zipSync(files, { level: 6, mtime: new Date(now) });
}
