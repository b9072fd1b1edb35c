// The portfolio as a Word document (.docx), since assessors often ask for Word: a cover, a
// heading per theme on a new page, reflections as paragraphs, highlights in a quote style,
// and the reference list with a 1.27 cm hanging indent (APA 7). Uses the `docx` package.
import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { PortfolioClip, PortfolioModel } from './portfolio.js';

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
  return /^https?:\/\//i.test(url)
    ? new ExternalHyperlink({ link: url, children: [new TextRun({ text: clean(label), style: 'Hyperlink' })] })
    : new TextRun(clean(label));
}

export async function renderPortfolioDocx(model: PortfolioModel): Promise<Uint8Array> {
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
      children.push(new Paragraph({ children: [new TextRun(`${i + 1}. ${clean(theme.name)} (${clean(l.clips(theme.clips.length))})`)] }));
    });
  }

  for (const theme of model.themes) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: textRuns(theme.name) }));
    const kicker = [theme.group, theme.numberLabel].filter(Boolean).join(' · ');
    if (kicker) children.push(new Paragraph({ style: 'Meta', children: [new TextRun(clean(kicker))] }));
    if (theme.description) for (const line of theme.description.split('\n')) children.push(new Paragraph({ children: textRuns(line, { italics: true }) }));
    for (const clip of theme.clips) children.push(...clipParagraphs(clip, model));
  }

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
        heading2: { run: { font: 'Calibri', size: 26, bold: true, color: '1D1D1F' }, paragraph: { spacing: { before: 360, after: 80 }, keepNext: true } },
      },
      paragraphStyles: [
        { id: 'Kicker', name: 'Kicker', basedOn: 'Normal', run: { size: 20, color: '5A5A5F', characterSpacing: 40 } },
        { id: 'Label', name: 'Label', basedOn: 'Normal', run: { size: 18, bold: true, color: '5A5A5F' }, paragraph: { spacing: { before: 160, after: 40 }, keepNext: true } },
        { id: 'Meta', name: 'Meta', basedOn: 'Normal', run: { size: 19, color: '5A5A5F' } },
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

function clipParagraphs(clip: PortfolioClip, model: PortfolioModel): Paragraph[] {
  const l = model.labels;
  const out: Paragraph[] = [new Paragraph({ heading: HeadingLevel.HEADING_2, children: textRuns(clip.title) })];
  const source = [clip.author, clip.site].filter(Boolean).join(' · ');
  const meta: ParagraphChild[] = [];
  if (source || clip.url) {
    meta.push(new TextRun(`${clean(l.source)}: `));
    meta.push(clip.url ? link(clip.url, source || clip.url) : new TextRun(clean(source)));
  }
  if (clip.published) meta.push(new TextRun(`${meta.length ? ' · ' : ''}${clean(l.published)}: ${clean(clip.published)}`));
  meta.push(new TextRun(`${meta.length ? ' · ' : ''}${clean(l.captured)}: ${clean(clip.captured)}`));
  out.push(new Paragraph({ style: 'Meta', children: meta }));

  out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(l.reflection))] }));
  const reflection = paragraphsOf(clip.reflection);
  out.push(...(reflection.length ? reflection : [new Paragraph({ children: [new TextRun({ text: clean(l.noReflection), italics: true })] })]));

  if (clip.highlights.length > 0) {
    out.push(new Paragraph({ style: 'Label', children: [new TextRun(clean(l.highlights))] }));
    for (const h of clip.highlights) {
      out.push(...paragraphsOf(h.text, 'Quote'));
      if (h.citation) out.push(new Paragraph({ style: 'Quote', children: [new TextRun(clean(h.citation))] }));
      out.push(new Paragraph({ style: 'QuoteNote', children: [new TextRun({ text: clean(h.colourLabel), bold: true }), ...(h.page && !h.citation ? [new TextRun(clean(` · p. ${h.page}`))] : []), ...(h.note ? textRuns(` — ${h.note}`) : [])] }));
    }
  }
  return out;
}
