// Script-injection vectors in the manner of the OWASP XSS Filter Evasion cheat sheet and
// PortSwigger's XSS cheat sheet (written for this suite, not copied), and generated hostile
// pages that carry them in every place a clip keeps: title, body, attributes, links, images,
// SVG, frames/objects, meta/OpenGraph, JSON-LD and byline.
//
// Every vector runs `payload(id)` if it executes: it bumps `window.__knipselCanary`, logs a
// console marker and sends a beacon image request to the test server naming the context it
// ran in (`where=` the document's address). Execution is detected in every context that way.

export const canaryMarker = 'KNIPSEL-CANARY';

/** The JavaScript a vector runs: canary, console marker, beacon to the test server. */
export function payload(origin: string, id: string): string {
  return `window.__knipselCanary=(window.__knipselCanary||0)+1;console.log('${canaryMarker} ${id}');new Image().src='${origin}/beacon?v=${id}&where='+encodeURIComponent(location.href)+'&origin='+encodeURIComponent(self.origin)`;
}

const attr = (js: string) => js.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const b64 = (text: string) => Buffer.from(text).toString('base64');
const entityAll = (text: string) => [...text].map((c) => `&#${c.charCodeAt(0)};`).join('');
const hexAll = (text: string) => [...text].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('');

export interface Vector {
  id: string;
  /** What the cheat sheets call it. */
  name: string;
  /** HTML carrying the vector, given the payload JS. */
  html(js: string): string;
}

/** Body vectors: markup that would run script if it survived sanitising and rendering. */
export const bodyVectors: Vector[] = [
  { id: 'script', name: 'plain script', html: (js) => `<script>${js}</script>` },
  { id: 'script-src-data', name: 'script src data:', html: (js) => `<script src="data:text/javascript;base64,${b64(js)}"></script>` },
  { id: 'script-case', name: 'mixed-case script', html: (js) => `<ScRiPt>${js}</sCrIpT>` },
  { id: 'script-split', name: 'script split by a null-ish tag', html: (js) => `<scr<script>ipt>${js}</scr</script>ipt>` },
  { id: 'img-onerror', name: 'img onerror', html: (js) => `<img src="x" onerror="${attr(js)}">` },
  { id: 'img-onerror-nq', name: 'img onerror without quotes', html: (js) => `<img src=x onerror=eval(atob('${b64(js)}'))>` },
  { id: 'img-onload', name: 'img onload of a data image', html: (js) => `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="${attr(js)}">` },
  { id: 'img-src-js', name: 'img src javascript:', html: (js) => `<img src="javascript:${attr(js)}">` },
  { id: 'img-grave', name: 'img with backtick / malformed quotes', html: (js) => `<img """><script>${js}</script>">` },
  { id: 'img-srcset', name: 'srcset onerror', html: (js) => `<img srcset="x 1x" onerror="${attr(js)}">` },
  { id: 'svg-onload', name: 'svg onload', html: (js) => `<svg onload="${attr(js)}"><circle r="4"/></svg>` },
  { id: 'svg-script', name: 'svg script', html: (js) => `<svg><script>${js}</script></svg>` },
  { id: 'svg-animate', name: 'svg animate href', html: (js) => `<svg><a><animate attributeName="href" values="javascript:${attr(js)}"/><text y="20">klik</text></a></svg>` },
  { id: 'svg-set', name: 'svg set onbegin', html: (js) => `<svg><set attributeName="x" to="1" onbegin="${attr(js)}"/></svg>` },
  { id: 'svg-foreign', name: 'svg foreignObject', html: (js) => `<svg><foreignObject><img src=x onerror="${attr(js)}"></foreignObject></svg>` },
  { id: 'math', name: 'MathML href', html: (js) => `<math><mtext><a href="javascript:${attr(js)}">wiskunde</a></mtext></math>` },
  { id: 'mxss-noscript', name: 'mutation XSS via noscript', html: (js) => `<noscript><p title="</noscript><img src=x onerror=${attr(js).replace(/ /g, '/')}>"></noscript>` },
  { id: 'mxss-style', name: 'mutation XSS via style', html: (js) => `<style><img src=x onerror="${attr(js)}"></style><p>stijl</p>` },
  { id: 'mxss-template', name: 'template content', html: (js) => `<template><img src=x onerror="${attr(js)}"></template>` },
  { id: 'a-js', name: 'link javascript:', html: (js) => `<a href="javascript:${attr(js)}">Lees het rapport</a>` },
  { id: 'a-js-entity', name: 'link javascript: as entities', html: (js) => `<a href="${entityAll(`javascript:${js}`)}">Bekijk de bron</a>` },
  { id: 'a-js-hex', name: 'link javascript: as hex entities', html: (js) => `<a href="${hexAll(`javascript:${js}`)}">Meer weten</a>` },
  { id: 'a-js-tab', name: 'link java&#9;script:', html: (js) => `<a href="jav&#x09;ascript:${attr(js)}">Tab-truc</a>` },
  { id: 'a-js-space', name: 'link with leading space and case', html: (js) => `<a href=" JaVaScRiPt:${attr(js)}">Hoofdletters</a>` },
  { id: 'a-data', name: 'link data:text/html', html: (js) => `<a href="data:text/html;base64,${b64(`<script>${js}</script>`)}">Data-link</a>` },
  { id: 'a-vbscript', name: 'link vbscript:', html: () => `<a href="vbscript:msgbox(1)">VB</a>` },
  { id: 'a-onclick', name: 'link onclick', html: (js) => `<a href="#" onclick="${attr(js)}">Klikken</a>` },
  { id: 'a-onmouseover', name: 'onmouseover on a paragraph', html: (js) => `<p onmouseover="${attr(js)}">Beweeg hierover.</p>` },
  { id: 'autofocus', name: 'autofocus onfocus', html: (js) => `<input autofocus onfocus="${attr(js)}" value="focus">` },
  { id: 'details', name: 'details ontoggle', html: (js) => `<details open ontoggle="${attr(js)}"><summary>Details</summary>inhoud</details>` },
  { id: 'body-onload', name: 'body onload (second body)', html: (js) => `<body onload="${attr(js)}">` },
  { id: 'iframe-srcdoc', name: 'iframe srcdoc', html: (js) => `<iframe srcdoc="<script>${attr(js)}</script>"></iframe>` },
  { id: 'iframe-js', name: 'iframe src javascript:', html: (js) => `<iframe src="javascript:${attr(js)}"></iframe>` },
  { id: 'iframe-data', name: 'iframe src data:', html: (js) => `<iframe src="data:text/html;base64,${b64(`<script>${js}</script>`)}"></iframe>` },
  { id: 'object', name: 'object data', html: (js) => `<object data="data:text/html;base64,${b64(`<script>${js}</script>`)}"></object>` },
  { id: 'embed', name: 'embed src', html: (js) => `<embed src="data:text/html;base64,${b64(`<script>${js}</script>`)}">` },
  { id: 'form-action', name: 'form action javascript:', html: (js) => `<form action="javascript:${attr(js)}"><button>Verstuur</button></form>` },
  { id: 'button-formaction', name: 'button formaction', html: (js) => `<form><button formaction="javascript:${attr(js)}">Knop</button></form>` },
  { id: 'meta-refresh', name: 'meta refresh to javascript:', html: (js) => `<meta http-equiv="refresh" content="0;url=javascript:${attr(js)}">` },
  { id: 'base', name: 'base href', html: () => `<base href="javascript:/a/">` },
  { id: 'link-import', name: 'link rel=import / stylesheet', html: (js) => `<link rel="stylesheet" href="javascript:${attr(js)}">` },
  { id: 'style-expr', name: 'style with url(javascript:)', html: (js) => `<div style="background:url('javascript:${attr(js)}')">Achtergrond</div>` },
  { id: 'video-onerror', name: 'video source onerror', html: (js) => `<video><source onerror="${attr(js)}"></video>` },
  { id: 'audio-onerror', name: 'audio onerror', html: (js) => `<audio src="x" onerror="${attr(js)}"></audio>` },
  { id: 'marquee', name: 'marquee onstart', html: (js) => `<marquee onstart="${attr(js)}">loopt</marquee>` },
  { id: 'table-bg', name: 'table background javascript:', html: (js) => `<table background="javascript:${attr(js)}"><tr><td>cel</td></tr></table>` },
  { id: 'xmp-breakout', name: 'xmp / textarea breakout', html: (js) => `<textarea></textarea><script>${js}</script></textarea>` },
  { id: 'comment-breakout', name: 'conditional comment breakout', html: (js) => `<!--[if gte IE 4]><script>${js}</script><![endif]-->` },
  { id: 'cdata', name: 'CDATA in HTML', html: (js) => `<![CDATA[><img src=x onerror="${attr(js)}">]]>` },
  { id: 'text-encoded', name: 'encoded markup as text (must stay text)', html: (js) => `<p>&lt;img src=x onerror="${attr(js)}"&gt;</p>` },
];

/** Metadata vectors: strings that must stay text wherever the clip shows them. */
export function textVector(js: string): string {
  return `"><img src=x onerror="${attr(js)}"><script>${js}</script><svg onload=${attr(js).replace(/ /g, '/')}>`;
}

const paragraphs = [
  'In de wijk Overvecht begon het met een bankje voor de deur van mevrouw Yilmaz. Buren bleven staan, raakten aan de praat en vertelden wat hen bezighield.',
  'De opbouwwerker sloot aan bij die gesprekken. Ze vroeg niet wat bewoners nodig hadden, maar wat ze zelf wilden doen. Zo ontstond een kookgroep.',
  'Wat werkte? Tijd nemen, aansluiten bij de leefwereld van bewoners en hun talenten met elkaar verbinden. De professional deed een stap terug.',
  'Volgens de gemeente is het aantal meldingen van eenzaamheid in de buurt gedaald. Bewoners noemen vooral het gevoel dat de straat weer van hen is.',
];

/**
 * One hostile page per body vector; every page also carries metadata vectors (title,
 * OpenGraph, description, author/byline, site name, JSON-LD that tries to break out of its
 * script element, a canonical link and an og:image with javascript:).
 */
export function hostilePage(vector: Vector, origin: string): string {
  const js = (where: string) => payload(origin, `${vector.id}.${where}`);
  const meta = (where: string) => attr(textVector(js(where)));
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: `Kop ${textVector(js('jsonld-headline'))}`,
    author: { '@type': 'Person', name: `Auteur </script><script>${js('jsonld-breakout')}</script>` },
    datePublished: '2024-03-12',
  }).replace(/<\/script>/g, '</scr" + "ipt>');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8">
<title>Buurtkracht ${vector.id} ${textVector(js('title')).replace(/</g, '&lt;')}</title>
<meta property="og:title" content="Buurtkracht ${meta('og-title')}">
<meta property="og:description" content="Beschrijving ${meta('og-description')}">
<meta property="og:site_name" content="Buurtplatform ${meta('og-site')}">
<meta property="og:image" content="javascript:${attr(js('og-image'))}">
<meta name="description" content="Omschrijving ${meta('description')}">
<meta name="author" content="Fatima ${meta('author')}">
<meta property="article:published_time" content="2024-03-12T09:00:00+01:00">
<link rel="canonical" href="javascript:${attr(js('canonical'))}">
<script type="application/ld+json">${jsonLd}</script>
<script type="application/ld+json">{"@type":"Article","headline":"</script><script>${js('jsonld-raw')}</script>"}</script>
</head><body>
<main><article>
<h1>Buurtkracht: ${vector.name} <img src=x onerror="${attr(js('h1'))}"></h1>
<p class="byline" data-x="${attr(js('data-attr'))}">Door <span class="author">Fatima el Amrani ${textVector(js('byline')).replace(/</g, '&lt;')}</span></p>
<p>${paragraphs[0]}</p>
${vector.html(js('body'))}
<p title="${meta('title-attr')}">${paragraphs[1]}</p>
<p>${paragraphs[2]} <a href="javascript:${attr(js('inline-link'))}">lees verder</a></p>
<figure><img src="/plaatje.png" alt="Bankje ${meta('alt')}" onerror="${attr(js('figure'))}"><figcaption>Het bankje</figcaption></figure>
<p>${paragraphs[3]}</p>
</article></main></body></html>`;
}

/** The places of one page that carry a vector (the body vector counts once). */
export function placesIn(page: string): number {
  const places = new Set([...page.matchAll(/v=[\w-]+\.([\w-]+)/g)].map((m) => m[1]));
  places.add('body');
  return places.size;
}
