// The pages the extension tests clip (Chrome: extension-article.e2e.ts and extension-clipping.e2e.ts, Firefox: firefox.e2e.ts): a
// Dutch article with metadata, navigation and footer, a plain article without a site name
// (bridge-*.e2e.ts, first-hour-*.e2e.ts), and a hostile page that tries to run script in every
// place an extension page might render it.

export const paragraphs = [
  'In de Utrechtse wijk Overvecht begon het met een bankje voor de deur van mevrouw Yilmaz. Buren bleven staan, raakten aan de praat en vertelden wat hen bezighield.',
  'De opbouwwerker sloot aan bij die gesprekken. Ze vroeg niet wat bewoners nodig hadden, maar wat ze zelf wilden doen. Zo ontstond een kookgroep, later een klussendienst voor ouderen.',
  'Wat werkte? Tijd nemen, aansluiten bij de leefwereld van bewoners en hun talenten met elkaar verbinden. De professional deed een stap terug zodra bewoners het zelf oppakten.',
  'Volgens de gemeente is het aantal meldingen van eenzaamheid in de buurt sinds de start gedaald. Bewoners noemen vooral het gevoel dat de straat weer van hen is.',
  'Andere wijken willen het voorbeeld volgen. De opbouwwerker waarschuwt: kopieer niet de kookgroep, maar de manier van werken. Begin bij wat bewoners drijft, niet bij een plan.',
];

/** The article at `path` on 127.0.0.1:`port`; `changed`: its third paragraph rewritten since. */
export function articlePage(title: string, path: string, port: number, changed = false): string {
  const body = paragraphs.map((p, i) => (changed && i === 2 ? '<p>Deze alinea is na het knippen herschreven door de redactie van het platform.</p>' : `<p>${p}</p>`)).join('\n');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title} | Buurtplatform</title>
<link rel="canonical" href="http://127.0.0.1:${port}${path}">
<meta property="og:site_name" content="Buurtplatform"><meta name="author" content="Fatima el Amrani">
<meta property="article:published_time" content="2024-03-12T09:00:00+01:00">
<meta name="description" content="Hoe een bankje in Overvecht een beweging van bewoners werd."></head>
<body><nav><a href="/">Home</a> <a href="/over">Over ons</a></nav>
<main><article><h1>${title}</h1><p class="byline">Door Fatima el Amrani</p>${body}
<p>Lees ook: <a href="/doel.html">Tien gouden regels voor werken in de wijk</a>.</p></article></main>
<footer>© Buurtplatform</footer></body></html>`;
}

export const hostile = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Vijandige pagina</title></head><body><article>
<h1>Een verhaal met valkuilen</h1>
<p>Deze pagina probeert script te laten lopen in de extensie. ${paragraphs[0]}</p>
<img src="x" onerror="window.__pwned=(window.__pwned||0)+1;document.title='GEHACKT'">
<svg onload="window.__pwned=(window.__pwned||0)+1"><circle r="4"/></svg>
<p><a href="javascript:window.__pwned=1">klik hier</a> ${paragraphs[1]}</p>
<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>
<script>window.pageScriptRan = true;</script>
<p onmouseover="window.__pwned=1">${paragraphs[2]} ${paragraphs[3]}</p><p>${paragraphs[4]}</p>
</article></body></html>`;

/** A practice example from the domain texts (text 001): residents solved it themselves. */
export const ownershipPage = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Welkom Thuis in Nieuw-West | Platform voor buurtontwikkeling</title>
<meta property="og:site_name" content="Platform voor buurtontwikkeling"><meta name="author" content="Jaap Ikink en Ben Koenen">
<meta property="article:published_time" content="2016-12-16T09:00:00+01:00"></head>
<body><main><article><h1>Welkom Thuis in Nieuw-West</h1>
<p>Een mooi voorbeeld, dat laat zien hoe bewoners het verschil kunnen maken, is het project “Welkom Thuis” in Amsterdam Nieuw-West. Doorn in het oog was het grofvuil dat zich regelmatig ophoopte náást de ondergrondse containers.</p>
<p>Dankzij de plaatsing van een hekwerk is er uiteindelijk een nieuwe ‘vergaarbak’ gecreëerd. Resultaat: het gedrag van bewoners is veranderd en er slingert geen zwerfvuil rond de containers.</p>
<p>Deze simpele oplossing is bedacht door bewoners zelf. Als gebruiker en eigenaar van hun omgeving weten zij als geen ander wat daar nodig is. Het benutten van deze kennis kan dus leiden tot slimme oplossingen.</p>
</article></main></body></html>`;

/** The paragraphs of the plain article; the second half of the third is selected in first-hour-clips.e2e.ts. */
export const plainParagraphs = [
  'In Overvecht begon het met een bankje voor de deur. Buren bleven staan, raakten aan de praat en vertelden wat hen bezighield.',
  'De opbouwwerker sloot aan bij die gesprekken. Ze vroeg niet wat bewoners nodig hadden, maar wat ze zelf wilden doen.',
  'Bewoners brachten hun laptop mee naar het buurthuis, en samen maakten ze een website voor de straat.',
  'Andere wijken willen het voorbeeld volgen. Begin bij wat bewoners drijft, niet bij een plan.',
];

/** A page without a site name (no og:site_name, no publisher): its source is its domain. Paragraph i has the id `p<i>`. */
export const plainArticle = (title: string) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title}</title>
<meta name="author" content="Fatima el Amrani"></head><body><main><article><h1>${title}</h1>
${plainParagraphs.map((p, i) => `<p id="p${i}">${p}</p>`).join('\n')}</article></main></body></html>`;
