// The portfolio as a Word document (.docx), since assessors often ask for Word: a cover, a
// heading per theme on a new page with its leervragen, evidence (each piece described once,
// a bookmark to it from elsewhere), answered reflections and "Wat ik nu anders doe"; highlights
// in a quote style, photos (PNG, JPEG, GIF) as images, and the reference list with a 1.27 cm
// hanging indent (APA 7). Uses the `docx` package.
import { Bookmark, Document, ExternalHyperlink, HeadingLevel, ImageRun, InternalHyperlink, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { imageInfo } from './image-info.js';
import type { AttachmentBytes } from './portfolio-html.js';
import type { PortfolioClip, PortfolioEntry, PortfolioLeervraag, PortfolioModel, PortfolioTheme } from './portfolio-model.js';

const cm = (n: number) => Math.round((n / 2.54) * 1440); // twips
const hanging = cm(1.27);

/** Characters XML 1.0 forbids (control characters, lone surrogates) would make Word refuse the file. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

function textRuns(text: string, options: { italics?: boolean; bold?: boolean } = {}): TextRun[] {
  return clean(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...options }));
}

function paragraphsOf(text: string, style?: string): Paragraph[] {
  return clean(text)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => new Paragraph({ style, children: textRuns(p) }));
}

function link(url: string, label: string): ParagraphChild {
  return /^https?:\/\//i.test(url) ? new ExternalHyperlink({ link: url, children: [new TextRun({ text: clean(label), style: 'Hyperlink' })] }) : new TextRun(clean(label));
}

const anchor = (n: number) => `bewijs_${n}`;

export async function renderPortfolioDocx(model: PortfolioModel, attachments: AttachmentBytes = new Map()): Promise<Uint8Array> {
  const l = model.labels;
  const { cover } = model;
  const children: Paragraph[] = [];

  children.push(new Paragraph({ style: 'Kicker', spacing: { before: cm(6) }, children: [new TextRun(clean(l.portfolio.toUpperCase()))] }));
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: textRuns(cover.title) }));
  for (const [label, value] of [
    [l.course, cover.course],
    [l.period, cover.period],
    [l.author, cover.author],
    [l.framework, cover.framework],
    [l.date, cover.date],
  ] as const) {
    if (value.trim()) children.push(new Paragraph({ children: [new TextRun({ text: `${clean(label)}: `, bold: true }), ...textRuns(value)] }));
  }
  if (model.themes.length > 0) {
    children.push(new Paragraph({ style: 'Label', spacing: { before: cm(1) }, children: [new TextRun(clean(l.contents))] }));
    model.themes.forEach((theme, i) => {
      children.push(new Paragraph({ children: [new TextRun(`${i + 1}. ${clean(theme.name)} (${clean(l.answered(theme.answered))})`)] }));
    });
  }

  if (model.leervragen.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: textRuns(l.dossierLeervragen) }));
    for (const q of model.leervragen) children.push(...leervraagParagraphs(q, model));
  }
  for (const theme of model.themes) children.push(...themeParagraphs(theme, model, attachments));

  if (model.references.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(clean(l.references))] }));
    for (const reference of model.references) {
      children.push(
        new Paragraph({
          style: 'Reference',
          children: reference.runs.map((run) => new TextRun({ text: clean(run.text), italics: run.italic })),
        }),
      );
    }
  }

  const document = new Document({
    creator: 'Knipsel',
    title: clean(`${l.portfolio} – ${cover.title}`),
    description: clean(cover.course),
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22 }, paragraph: { spacing: { after: 120, line: 276 } } },
        title: { run: { font: 'Calibri', size: 48, bold: true, color: '1D1D1F' }, paragraph: { spacing: { after: 360 } } },
        heading1: { run: { font: 'Calibri', size: 34, bold: true, color: '1F5F57' }, paragraph: { spacing: { after: 200 } } },
        heading2: { run: { font: 'Calibri', size: 28, bold: true, color: '1F5F57' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading3: { run: { font: 'Calibri', size: 26, bold: true, color: '1D1D1F' }, paragraph: { spacing: { before: 60, after: 80 }, keepNext: true } },
      },
      paragraphStyles: [
        { id: 'Kicker', name: 'Kicker', basedOn: 'Normal', run: { size: 20, color: '5A5A5F', characterSpacing: 40 } },
        { id: 'Label', name: 'Label', basedOn: 'Normal', run: { size: 18, bold: true, color: '5A5A5F' }, paragraph: { spacing: { before: 160, after: 40 }, keepNext: true } },
        { id: 'Meta', name: 'Meta', basedOn: 'Normal', run: { size: 19, color: '5A5A5F' } },
        {
          id: 'Kind',
          name: 'Kind',
          basedOn: 'Normal',
          run: { size: 17, bold: true, color: '1F5F57', allCaps: true },
          paragraph: { spacing: { before: 320, after: 0 }, keepNext: true },
        },
        { id: 'Answer', name: 'Answer', basedOn: 'Normal', paragraph: { spacing: { before: 80, after: 20 }, keepNext: true } },
        {
          id: 'Leervraag',
          name: 'Leervraag',
          basedOn: 'Normal',
          paragraph: { spacing: { before: 160, after: 40 }, border: { left: { style: 'single', size: 12, color: '1F5F57', space: 6 } } },
        },
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          run: { italics: true, color: '333333' },
          paragraph: { indent: { left: cm(1) }, border: { left: { style: 'single', size: 12, color: '9CC9C2', space: 8 } }, spacing: { after: 40 } },
        },
        { id: 'QuoteNote', name: 'Quote note', basedOn: 'Normal', run: { size: 19, color: '444444' }, paragraph: { indent: { left: cm(1) } } },
        { id: 'Reference', name: 'Reference', basedOn: 'Normal', paragraph: { indent: { left: hanging, hanging }, spacing: { after: 120 } } },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: cm(2.5), bottom: cm(2.5), left: cm(2.2), right: cm(2.2) } } },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

function leervraagParagraphs(q: PortfolioLeervraag, model: PortfolioModel): Paragraph[] {
  const l = model.labels;
  const out = [new Paragraph({ style: 'Leervraag', children: [new TextRun({ text: clean(q.text), bold: true }), new TextRun(` (${clean(q.statusLabel)})`)] })];
  if (q.actions.length) {
    out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(l.actions))] }));
    for (const a of q.actions) out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(clean(a.text) + (a.done ? ` (${clean(l.done)})` : ''))] }));
  }
  if (q.evidence.length) {
    out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(l.linkedEvidence))] }));
    for (const e of q.evidence) {
      const label = `${e.number !== null ? `${l.evidenceNumber(e.number)}: ` : ''}${e.title} (${e.kindLabel})`;
      out.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [
            e.number !== null
              ? new InternalHyperlink({ anchor: anchor(e.number), children: [new TextRun({ text: clean(label), style: 'Hyperlink' })] })
              : new TextRun(clean(label)),
          ],
        }),
      );
    }
  }
  return out;
}

function themeParagraphs(theme: PortfolioTheme, model: PortfolioModel, attachments: AttachmentBytes): Paragraph[] {
  const l = model.labels;
  const out = [new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: textRuns(theme.name) })];
  const kicker = [theme.group, theme.numberLabel].filter(Boolean).join(' · ');
  if (kicker) out.push(new Paragraph({ style: 'Meta', children: [new TextRun(clean(kicker))] }));
  if (theme.description) for (const line of theme.description.split('\n')) out.push(new Paragraph({ children: textRuns(line, { italics: true }) }));
  out.push(new Paragraph({ style: 'Meta', children: [new TextRun(clean(l.answered(theme.answered)))] }));
  if (theme.leervragen.length) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: textRuns(l.leervragen) }));
    for (const q of theme.leervragen) out.push(...leervraagParagraphs(q, model));
  }
  if (theme.entries.length) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: textRuns(l.evidence) }));
    for (const entry of theme.entries) out.push(...entryParagraphs(entry, model, attachments));
  }
  if (theme.changed || theme.changes.length || theme.ratings.length) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: textRuns(l.changed) }));
    if (theme.changed) {
      out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(l.changedQuestion))] }));
      out.push(...paragraphsOf(theme.changed));
    }
    for (const c of theme.changes) {
      out.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [
            ...textRuns(`${c.answer} (`),
            new InternalHyperlink({ anchor: anchor(c.number), children: [new TextRun({ text: clean(l.evidenceNumber(c.number)), style: 'Hyperlink' })] }),
            new TextRun(')'),
          ],
        }),
      );
    }
    if (theme.ratings.length) {
      out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(l.ratings))] }));
      for (const r of theme.ratings) out.push(new Paragraph({ children: [new TextRun(clean(`${r.period}: ${r.rating} (${r.label})`))] }));
    }
  }
  return out;
}

function entryParagraphs(entry: PortfolioEntry, model: PortfolioModel, attachments: AttachmentBytes): Paragraph[] {
  if (entry.type === 'item') return clipParagraphs(entry.item, model, attachments);
  const text = model.labels.describedAt(entry.number, entry.title, entry.themeName);
  return [
    new Paragraph({ style: 'Reference', children: [new InternalHyperlink({ anchor: anchor(entry.number), children: [new TextRun({ text: clean(text), style: 'Hyperlink' })] })] }),
  ];
}

/** A photo as an image at most 14 cm wide and 9 cm tall; null when the bytes are no PNG, JPEG or GIF. */
function photo(bytes: Uint8Array, name: string): ImageRun | null {
  const info = imageInfo(bytes);
  const type = info?.type === 'image/png' ? 'png' : info?.type === 'image/jpeg' ? 'jpg' : info?.type === 'image/gif' ? 'gif' : null;
  if (!info || !type) return null;
  const scale = Math.min(1, ((14 / 2.54) * 96) / info.width, ((9 / 2.54) * 96) / info.height);
  return new ImageRun({
    type,
    data: bytes,
    transformation: { width: Math.round(info.width * scale), height: Math.round(info.height * scale) },
    altText: { name: clean(name), description: clean(name), title: clean(name) },
  });
}

function clipParagraphs(clip: PortfolioClip, model: PortfolioModel, attachments: AttachmentBytes): Paragraph[] {
  const l = model.labels;
  const out: Paragraph[] = [
    new Paragraph({ style: 'Kind', children: [new Bookmark({ id: anchor(clip.number), children: [new TextRun(clean(`${l.evidenceNumber(clip.number)} · ${clip.kindLabel}`))] })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_3, children: textRuns(clip.title) }),
  ];
  const source = [clip.author, clip.site].filter(Boolean).join(' · ');
  const meta: ParagraphChild[] = [];
  if (source || clip.url) {
    meta.push(new TextRun(`${clean(l.source)}: `));
    meta.push(clip.url ? link(clip.url, source || clip.url) : new TextRun(clean(source)));
  }
  if (clip.published) meta.push(new TextRun(`${meta.length ? ' · ' : ''}${clean(l.published)}: ${clean(clip.published)}`));
  meta.push(new TextRun(`${meta.length ? ' · ' : ''}${clean(clip.url || clip.kind === 'praktijkvoorbeeld' ? l.captured : l.added)}: ${clean(clip.captured)}`));
  out.push(new Paragraph({ style: 'Meta', children: meta }));

  for (const field of clip.card) {
    out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(field.label))] }));
    out.push(...paragraphsOf(field.value));
  }
  if (clip.attachments.length) {
    out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(l.attachments))] }));
    for (const a of clip.attachments) {
      const bytes = attachments.get(a.hash);
      const image = bytes ? photo(bytes, a.name) : null;
      if (image) out.push(new Paragraph({ children: [image] }), new Paragraph({ style: 'Meta', children: [new TextRun(clean(a.name))] }));
      else out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(clean(a.name))] }));
    }
  }
  for (const r of clip.reflections) {
    out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(`${l.reflection}: ${r.guide} (${r.date})`))] }));
    for (const a of r.answers) {
      out.push(
        new Paragraph({
          style: 'Answer',
          children: [
            new TextRun({ text: clean(a.heading), bold: true }),
            ...(a.question && a.question !== a.heading ? [new TextRun({ text: clean(` — ${a.question}`), italics: true })] : []),
          ],
        }),
      );
      out.push(...paragraphsOf(a.answer));
    }
  }
  if (clip.reflection) {
    out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(clip.reflections.length ? l.note : l.reflection))] }));
    out.push(...paragraphsOf(clip.reflection));
  }
  if (!clip.reflection && clip.reflections.length === 0) {
    out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(l.reflection))] }));
    out.push(new Paragraph({ children: [new TextRun({ text: clean(l.noReflection), italics: true })] }));
  }

  if (clip.highlights.length > 0) {
    out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(l.highlights))] }));
    for (const h of clip.highlights) {
      out.push(...paragraphsOf(h.text, 'Quote'));
      if (h.citation) out.push(new Paragraph({ style: 'Quote', children: [new TextRun(clean(h.citation))] }));
      out.push(
        new Paragraph({
          style: 'QuoteNote',
          children: [
            new TextRun({ text: clean(h.colourLabel), bold: true }),
            ...(h.page && !h.citation ? [new TextRun(clean(` · p. ${h.page}`))] : []),
            ...(h.note ? textRuns(` — ${h.note}`) : []),
          ],
        }),
      );
    }
  }
  return out;
}
