// The portfolio as one self-contained, printable HTML document: inline CSS with an A4 print
// stylesheet (a page break before each theme), no scripts, no app chrome. Every string from
// the dossier is escaped; clip content is never included as HTML.
import { escapeHtml, textToHtml } from '../capture/plain-html.js';
import type { PortfolioClip, PortfolioModel, PortfolioTheme } from './portfolio.js';


function safeHref(url: string): string | null {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? escapeHtml(url) : null;
  } catch {
    return null;
  }
}

const css = `
@page { size: A4; margin: 25mm 22mm 25mm 22mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1d1d1f; font: 11pt/1.55 Charter, "Bitstream Charter", Cambria, Georgia, serif; }
main { max-width: 44em; margin: 0 auto; padding: 2.5em 1.5em 4em; }
h1, h2, h3, .meta, .toc, .label { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 24pt; line-height: 1.2; margin: 0 0 .4em; }
h2 { font-size: 17pt; line-height: 1.25; margin: 0 0 .3em; color: #1f5f57; }
h3 { font-size: 12.5pt; line-height: 1.3; margin: 1.6em 0 .3em; }
a { color: #1f5f57; overflow-wrap: anywhere; }
.cover { min-height: 60vh; display: flex; flex-direction: column; justify-content: center; }
.cover .kicker { text-transform: uppercase; letter-spacing: .12em; font-size: 10pt; color: #5a5a5f; margin: 0 0 .6em; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1.2em; margin: 1.5em 0 0; }
.cover dt { color: #5a5a5f; }
.cover dd { margin: 0; }
.toc { margin-top: 2.5em; }
.toc ol { padding-left: 1.2em; }
.theme, .references { margin-top: 3em; }
.theme-description { color: #444; font-style: italic; margin-top: 0; }
.theme .kicker { font-size: 10pt; color: #5a5a5f; margin: 0 0 .2em; }
blockquote .citation { margin: .2em 0 0; }
.clip { margin: 0 0 1.8em; break-inside: auto; }
.meta { font-size: 9.5pt; color: #5a5a5f; margin: 0 0 .6em; }
.label { font-size: 9pt; font-weight: 600; text-transform: uppercase; letter-spacing: .08em; color: #5a5a5f; margin: 1em 0 .2em; }
.reflection p { margin: 0 0 .6em; }
.empty { color: #5a5a5f; font-style: italic; }
blockquote { margin: .5em 0 .8em; padding: .1em 0 .1em 1em; border-left: 3px solid #9cc9c2; }
blockquote p { margin: 0 0 .3em; }
blockquote footer { font-size: 9.5pt; color: #444; }
.references p { padding-left: 1.27cm; text-indent: -1.27cm; margin: 0 0 .6em; overflow-wrap: anywhere; }
@media print {
  main { max-width: none; padding: 0; }
  .cover { min-height: 0; padding-top: 35%; }
  .theme, .references { break-before: page; margin-top: 0; }
  h2, h3, .label { break-after: avoid; }
  blockquote { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

export function renderPortfolioHtml(model: PortfolioModel): string {
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
  const toc = model.themes
    .map((t, i) => `<li><a href="#thema-${i + 1}">${escapeHtml(t.name)}</a> <span class="meta">(${escapeHtml(l.clips(t.clips.length))})</span></li>`)
    .join('');
  const sections = model.themes.map((theme, i) => renderTheme(theme, i + 1, model)).join('\n');
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
${sections}
${references}
</main>
</body>
</html>
`;
}

function renderTheme(theme: PortfolioTheme, n: number, model: PortfolioModel): string {
  const description = theme.description ? `<p class="theme-description">${theme.description.split('\n').map(escapeHtml).join('<br>')}</p>` : '';
  const kicker = [theme.group, theme.numberLabel].filter(Boolean).join(' · ');
  return `<section class="theme" id="thema-${n}">
${kicker ? `<p class="kicker">${escapeHtml(kicker)}</p>\n` : ''}<h2>${escapeHtml(theme.name)}</h2>
${description}
${theme.clips.map((clip) => renderClip(clip, model)).join('\n')}
</section>`;
}

function renderClip(clip: PortfolioClip, model: PortfolioModel): string {
  const l = model.labels;
  const href = clip.url ? safeHref(clip.url) : null;
  const source = [clip.author, clip.site].filter(Boolean).join(' · ');
  const facts = [
    source ? `${escapeHtml(l.source)}: ${href ? `<a href="${href}">${escapeHtml(source)}</a>` : escapeHtml(source)}` : href ? `${escapeHtml(l.source)}: <a href="${href}">${href}</a>` : '',
    clip.published ? `${escapeHtml(l.published)}: ${escapeHtml(clip.published)}` : '',
    `${escapeHtml(l.captured)}: ${escapeHtml(clip.captured)}`,
  ].filter(Boolean);
  const reflection = clip.reflection ? textToHtml(clip.reflection) : `<p class="empty">${escapeHtml(l.noReflection)}</p>`;
  const highlights = clip.highlights.length
    ? `<p class="label">${escapeHtml(l.highlights)}</p>\n${clip.highlights
        .map(
          (h) =>
            `<blockquote>${textToHtml(h.text)}${h.citation ? `<p class="citation">${escapeHtml(h.citation)}</p>` : ''}<footer>${escapeHtml(h.colourLabel)}${h.page && !h.citation ? ` · p. ${escapeHtml(h.page)}` : ''}${h.note ? ` — ${escapeHtml(h.note)}` : ''}</footer></blockquote>`,
        )
        .join('\n')}`
    : '';
  return `<article class="clip">
<h3>${escapeHtml(clip.title)}</h3>
<p class="meta">${facts.join(' · ')}</p>
<p class="label">${escapeHtml(l.reflection)}</p>
<div class="reflection">${reflection}</div>
${highlights}
</article>`;
}
