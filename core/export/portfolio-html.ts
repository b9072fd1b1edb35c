// The portfolio as one self-contained, printable HTML document: inline CSS with an A4 print
// stylesheet (a page break before each theme), no scripts, no app chrome. Every string from
// the dossier is escaped; clip content is never included as HTML. Photos are embedded as
// data: URLs only when their bytes are a real PNG, JPEG, GIF or WebP.
import { escapeHtml, textToHtml } from '../capture/plain-html.js';
import { toBase64 } from '../sync/base64.js';
import { imageInfo } from './image-info.js';
import type { PortfolioClip, PortfolioEntry, PortfolioLeervraag, PortfolioModel, PortfolioTheme } from './portfolio-model.js';

/** Bytes of attachments by hash (what the device has; missing ones are listed by name). */
export type AttachmentBytes = ReadonlyMap<string, Uint8Array>;

/** Plain text with blank-line paragraphs and single line breaks, as escaped HTML paragraphs. */
const paragraphs = (text: string, className?: string) => textToHtml(text, className);

function safeHref(url: string): string | null {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? escapeHtml(url) : null;
  } catch {
    return null;
  }
}

const anchor = (n: number) => `bewijs-${n}`;

const css = `
@page { size: A4; margin: 25mm 22mm 25mm 22mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1d1d1f; font: 11pt/1.55 Charter, "Bitstream Charter", Cambria, Georgia, serif; }
main { max-width: 44em; margin: 0 auto; padding: 2.5em 1.5em 4em; }
h1, h2, h3, h4, .meta, .toc, .label, .kind { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 24pt; line-height: 1.2; margin: 0 0 .4em; }
h2 { font-size: 17pt; line-height: 1.25; margin: 0 0 .3em; color: #1f5f57; }
h3 { font-size: 13pt; line-height: 1.3; margin: 1.6em 0 .4em; color: #1f5f57; border-bottom: 1px solid #cfe3df; padding-bottom: .15em; }
h4 { font-size: 12pt; line-height: 1.3; margin: 1.4em 0 .3em; }
a { color: #1f5f57; overflow-wrap: anywhere; }
.cover { min-height: 60vh; display: flex; flex-direction: column; justify-content: center; }
.cover .kicker { text-transform: uppercase; letter-spacing: .12em; font-size: 10pt; color: #5a5a5f; margin: 0 0 .6em; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1.2em; margin: 1.5em 0 0; }
.cover dt { color: #5a5a5f; }
.cover dd { margin: 0; }
.toc { margin-top: 2.5em; }
.toc ol { padding-left: 1.2em; }
.theme, .references, .dossier-leervragen { margin-top: 3em; }
.theme-description { color: #444; font-style: italic; margin-top: 0; }
.theme .kicker { font-size: 10pt; color: #5a5a5f; margin: 0 0 .2em; }
blockquote .citation { margin: .2em 0 0; }
.clip { margin: 0 0 1.8em; break-inside: auto; }
.kind { display: inline-block; font-size: 8.5pt; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; color: #1f5f57; margin-right: .4em; }
.meta { font-size: 9.5pt; color: #5a5a5f; margin: 0 0 .6em; }
.label { font-size: 9pt; font-weight: 600; text-transform: uppercase; letter-spacing: .08em; color: #5a5a5f; margin: 1em 0 .2em; }
dl.card, dl.answers { margin: .3em 0 .6em; }
dl.card dt, dl.answers dt { font-weight: 600; margin-top: .4em; }
dl.card dd, dl.answers dd { margin: .1em 0 0; }
dl.answers dt .question { display: block; font-weight: 400; font-style: italic; color: #5a5a5f; font-size: 9.5pt; }
.reflection p, dd p { margin: 0 0 .6em; }
.leervraag { margin: 0 0 1.2em; padding-left: .8em; border-left: 3px solid #1f5f57; }
.leervraag .question { font-weight: 600; margin: 0; }
.leervraag ul { margin: .2em 0 .4em; padding-left: 1.2em; }
.ref { margin: 0 0 1em; padding: .4em .8em; background: #f3f7f6; border-radius: 4px; }
.photos { display: flex; flex-wrap: wrap; gap: .6em; margin: .4em 0 .8em; }
.photos figure { margin: 0; max-width: 15em; }
.photos img { display: block; max-width: 100%; max-height: 12em; border-radius: 3px; }
.photos figcaption { font-size: 8.5pt; color: #5a5a5f; }
.empty { color: #5a5a5f; font-style: italic; }
blockquote { margin: .5em 0 .8em; padding: .1em 0 .1em 1em; border-left: 3px solid #9cc9c2; }
blockquote p { margin: 0 0 .3em; }
blockquote footer { font-size: 9.5pt; color: #444; }
.references p { padding-left: 1.27cm; text-indent: -1.27cm; margin: 0 0 .6em; overflow-wrap: anywhere; }
@media print {
  main { max-width: none; padding: 0; }
  .cover { min-height: 0; padding-top: 35%; }
  .theme, .references, .dossier-leervragen { break-before: page; margin-top: 0; }
  h2, h3, h4, .label { break-after: avoid; }
  blockquote, .photos figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

export function renderPortfolioHtml(model: PortfolioModel, attachments: AttachmentBytes = new Map()): string {
  const { labels: l, cover } = model;
  const coverFacts = (
    [
      [l.course, cover.course],
      [l.period, cover.period],
      [l.author, cover.author],
      [l.framework, cover.framework],
      [l.date, cover.date],
    ] as const
  )
    .filter(([, value]) => value.trim())
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  const toc = [
    model.leervragen.length ? `<li><a href="#leervragen">${escapeHtml(l.dossierLeervragen)}</a></li>` : '',
    ...model.themes.map((t, i) => `<li><a href="#thema-${i + 1}">${escapeHtml(t.name)}</a> <span class="meta">(${escapeHtml(l.answered(t.answered))})</span></li>`),
  ].join('');
  const dossierLeervragen = model.leervragen.length
    ? `<section class="dossier-leervragen" id="leervragen"><h2>${escapeHtml(l.dossierLeervragen)}</h2>\n${model.leervragen.map((q) => renderLeervraag(q, model)).join('\n')}</section>`
    : '';
  const sections = model.themes.map((theme, i) => renderTheme(theme, i + 1, model, attachments)).join('\n');
  const references = model.references.length
    ? `<section class="references" aria-labelledby="literatuur"><h2 id="literatuur">${escapeHtml(l.references)}</h2>\n${model.references
        .map((r) => `<p>${r.runs.map((run) => (run.italic ? `<i>${escapeHtml(run.text)}</i>` : escapeHtml(run.text))).join('')}</p>`)
        .join('\n')}</section>`
    : '';
  return `<!doctype html>
<html lang="${model.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Knipsel">
<title>${escapeHtml(`${l.portfolio} – ${cover.title}`)}</title>
<style>${css}</style>
</head>
<body>
<main>
<section class="cover">
<p class="kicker">${escapeHtml(l.portfolio)}</p>
<h1>${escapeHtml(cover.title)}</h1>
${coverFacts ? `<dl>${coverFacts}</dl>` : ''}
${toc ? `<nav class="toc" aria-label="${escapeHtml(l.contents)}"><p class="label">${escapeHtml(l.contents)}</p><ol>${toc}</ol></nav>` : ''}
</section>
${dossierLeervragen}
${sections}
${references}
</main>
</body>
</html>
`;
}

function renderLeervraag(q: PortfolioLeervraag, model: PortfolioModel): string {
  const l = model.labels;
  const actions = q.actions.length
    ? `<p class="label">${escapeHtml(l.actions)}</p><ul>${q.actions.map((a) => `<li>${escapeHtml(a.text)}${a.done ? ` (${escapeHtml(l.done)})` : ''}</li>`).join('')}</ul>`
    : '';
  const evidence = q.evidence.length
    ? `<p class="label">${escapeHtml(l.linkedEvidence)}</p><ul>${q.evidence
        .map(
          (e) =>
            `<li>${e.number !== null ? `<a href="#${anchor(e.number)}">${escapeHtml(l.evidenceNumber(e.number))}</a>: ` : ''}${escapeHtml(e.title)} <span class="meta">(${escapeHtml(e.kindLabel)})</span></li>`,
        )
        .join('')}</ul>`
    : '';
  return `<div class="leervraag"><p class="question">${escapeHtml(q.text)} <span class="meta">(${escapeHtml(q.statusLabel)})</span></p>${actions}${evidence}</div>`;
}

function renderTheme(theme: PortfolioTheme, n: number, model: PortfolioModel, attachments: AttachmentBytes): string {
  const l = model.labels;
  const description = theme.description ? `<p class="theme-description">${theme.description.split('\n').map(escapeHtml).join('<br>')}</p>` : '';
  const kicker = [theme.group, theme.numberLabel].filter(Boolean).join(' · ');
  const leervragen = theme.leervragen.length ? `<h3>${escapeHtml(l.leervragen)}</h3>\n${theme.leervragen.map((q) => renderLeervraag(q, model)).join('\n')}` : '';
  const evidence = theme.entries.length ? `<h3>${escapeHtml(l.evidence)}</h3>\n${theme.entries.map((entry) => renderEntry(entry, model, attachments)).join('\n')}` : '';
  const changes = theme.changes
    .map((c) => `<li>${escapeHtml(c.answer)} <span class="meta">(<a href="#${anchor(c.number)}">${escapeHtml(l.evidenceNumber(c.number))}</a>)</span></li>`)
    .join('');
  const ratings = theme.ratings.map((r) => `${escapeHtml(r.period)}: ${r.rating} (${escapeHtml(r.label)})`).join(' · ');
  const changed =
    theme.changed || changes || ratings
      ? `<h3>${escapeHtml(l.changed)}</h3>
${theme.changed ? `<p class="label">${escapeHtml(l.changedQuestion)}</p>\n${paragraphs(theme.changed)}` : ''}
${changes ? `<ul class="changes">${changes}</ul>` : ''}
${ratings ? `<p><span class="label">${escapeHtml(l.ratings)}</span><br>${ratings}</p>` : ''}`
      : '';
  return `<section class="theme" id="thema-${n}">
${kicker ? `<p class="kicker">${escapeHtml(kicker)}</p>\n` : ''}<h2>${escapeHtml(theme.name)}</h2>
${description}
<p class="meta">${escapeHtml(l.answered(theme.answered))}</p>
${leervragen}
${evidence}
${changed}
</section>`;
}

function renderEntry(entry: PortfolioEntry, model: PortfolioModel, attachments: AttachmentBytes): string {
  if (entry.type === 'item') return renderClip(entry.item, model, attachments);
  const text = model.labels.describedAt(entry.number, entry.title, entry.themeName);
  return `<p class="ref"><a href="#${anchor(entry.number)}">${escapeHtml(text)}</a></p>`;
}

function renderClip(clip: PortfolioClip, model: PortfolioModel, attachments: AttachmentBytes): string {
  const l = model.labels;
  const href = clip.url ? safeHref(clip.url) : null;
  const source = [clip.author, clip.site].filter(Boolean).join(' · ');
  const facts = [
    source
      ? `${escapeHtml(l.source)}: ${href ? `<a href="${href}">${escapeHtml(source)}</a>` : escapeHtml(source)}`
      : href
        ? `${escapeHtml(l.source)}: <a href="${href}">${href}</a>`
        : '',
    clip.published ? `${escapeHtml(l.published)}: ${escapeHtml(clip.published)}` : '',
    `${escapeHtml(clip.url || clip.kind === 'praktijkvoorbeeld' ? l.captured : l.added)}: ${escapeHtml(clip.captured)}`,
  ].filter(Boolean);
  const card = clip.card.length ? `<dl class="card">${clip.card.map((c) => `<dt>${escapeHtml(c.label)}</dt><dd>${paragraphs(c.value)}</dd>`).join('')}</dl>` : '';
  const photos: string[] = [];
  const files: string[] = [];
  for (const a of clip.attachments) {
    const bytes = attachments.get(a.hash);
    const info = bytes ? imageInfo(bytes) : null;
    if (bytes && info)
      photos.push(`<figure><img src="data:${info.type};base64,${toBase64(bytes)}" alt="${escapeHtml(a.name)}"><figcaption>${escapeHtml(a.name)}</figcaption></figure>`);
    else files.push(`<li>${escapeHtml(a.name)}</li>`);
  }
  const attached =
    photos.length || files.length
      ? `<p class="label">${escapeHtml(l.attachments)}</p>${photos.length ? `<div class="photos">${photos.join('')}</div>` : ''}${files.length ? `<ul>${files.join('')}</ul>` : ''}`
      : '';
  const reflections = clip.reflections
    .map(
      (r) =>
        `<p class="label">${escapeHtml(l.reflection)}: ${escapeHtml(r.guide)} <span class="meta">(${escapeHtml(r.date)})</span></p>\n<dl class="answers">${r.answers
          .map(
            (a) =>
              `<dt>${escapeHtml(a.heading)}${a.question && a.question !== a.heading ? `<span class="question">${escapeHtml(a.question)}</span>` : ''}</dt><dd>${paragraphs(a.answer)}</dd>`,
          )
          .join('')}</dl>`,
    )
    .join('\n');
  const note = clip.reflection
    ? `<p class="label">${escapeHtml(clip.reflections.length ? l.note : l.reflection)}</p>\n<div class="reflection">${paragraphs(clip.reflection)}</div>`
    : '';
  const none = !reflections && !note ? `<p class="label">${escapeHtml(l.reflection)}</p><p class="empty">${escapeHtml(l.noReflection)}</p>` : '';
  const highlights = clip.highlights.length
    ? `<p class="label">${escapeHtml(l.highlights)}</p>\n${clip.highlights
        .map(
          (h) =>
            `<blockquote>${paragraphs(h.text)}${h.citation ? `<p class="citation">${escapeHtml(h.citation)}</p>` : ''}<footer>${escapeHtml(h.colourLabel)}${h.page && !h.citation ? ` · p. ${escapeHtml(h.page)}` : ''}${h.note ? ` — ${escapeHtml(h.note)}` : ''}</footer></blockquote>`,
        )
        .join('\n')}`
    : '';
  return `<article class="clip" id="${anchor(clip.number)}" data-kind="${escapeHtml(clip.kind)}">
<h4><span class="kind">${escapeHtml(l.evidenceNumber(clip.number))} · ${escapeHtml(clip.kindLabel)}</span><br>${escapeHtml(clip.title)}</h4>
<p class="meta">${facts.join(' · ')}</p>
${card}
${attached}
${reflections}
${note}
${none}
${highlights}
</article>`;
}
