import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createSanitizer, embedsToLinks } from './sanitize.js';
import { inertnessProblems } from './testing/inert.js';

const window = new JSDOM('').window as unknown as Window & typeof globalThis;
const sanitizer = createSanitizer(window)!;
const C = 'window.__knipselCanary=(window.__knipselCanary||0)+1';

// Vectors from the usual XSS cheat sheets (OWASP, PortSwigger, DOMPurify's own tests).
const vectors: Record<string, string> = {
  'img onerror': `<img src=x onerror="${C}">`,
  'svg onload': `<svg onload="${C}"><circle r="4"/></svg>`,
  'svg script': `<svg><script>${C}</script></svg>`,
  'svg animate href': `<svg><a><animate attributeName="href" values="javascript:${C}"/><text x="20" y="20">x</text></a></svg>`,
  'javascript link': `<a href="javascript:${C}">x</a>`,
  'javascript link, mixed case and entities': `<a href="JaVa&#x09;ScRiPt:${C}">x</a><a href="&#106;avascript:${C}">y</a>`,
  'vbscript link': `<a href="vbscript:msgbox(1)">x</a>`,
  'data: link': `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
  'iframe srcdoc': `<iframe srcdoc="<script>${C}</script>"></iframe>`,
  'iframe javascript': `<iframe src="javascript:${C}"></iframe>`,
  'math mglyph style': `<math><mtext><table><mglyph><style><img src=x onerror="${C}"></style></mglyph></table></mtext></math>`,
  'math maction': `<math><maction actiontype="statusline" xlink:href="javascript:${C}">x</maction></math>`,
  'math href': `<math href="javascript:${C}"><mi>x</mi></math>`,
  form: `<form action="javascript:${C}"><input autofocus onfocus="${C}"><button formaction="javascript:${C}">go</button></form>`,
  'style overlay': `<div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999">overlay</div><style>body{display:none}</style>`,
  'meta refresh': `<meta http-equiv="refresh" content="0;url=javascript:${C}">`,
  'base href': `<base href="javascript:${C}//"><a href="/x">x</a>`,
  object: `<object data="javascript:${C}"></object><embed src="javascript:${C}">`,
  'noscript mutation': `<noscript><p title="</noscript><img src=x onerror=${C}>"></noscript>`,
  'comment mutation': `<!--<img src="--><img src=x onerror=${C}//">`,
  template: `<template><img src=x onerror="${C}"></template>`,
  'details ontoggle': `<details open ontoggle="${C}"><summary>x</summary></details>`,
  'video poster': `<video poster="javascript:${C}" onerror="${C}"><source onerror="${C}"></video>`,
  'img srcset': `<img srcset="javascript:${C} 1x" src="https://example.org/a.png">`,
  'table background': `<table background="javascript:${C}"><tr><td>x</td></tr></table>`,
  'link import': `<link rel="import" href="data:text/html,<script>${C}</script>">`,
  'svg data image': `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
  'namespace confusion': `<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=${C} src=x>">`,
  'select/option style': `<select><option><style></option></select><img src=x onerror=${C}></style>`,
  marquee: `<marquee onstart="${C}">x</marquee>`,
  'data attributes': `<div data-bind="click:${C}" x-on:click="${C}">x</div>`,
};

describe('sanitize', () => {
  for (const [name, html] of Object.entries(vectors)) {
    it(`neutralises ${name}`, () => {
      const out = sanitizer.sanitize(html);
      expect(inertnessProblems(out)).toEqual([]);
      expect(out).not.toMatch(/onerror|onload|javascript:|vbscript:/i);
    });
  }

  it('keeps ordinary content, figures and tables', () => {
    const html =
      '<h2>Kop</h2><p>Tekst met <strong>nadruk</strong> en <a href="https://example.org/">link</a>.</p><figure><img src="https://example.org/a.jpg" alt="a"><figcaption>Bijschrift</figcaption></figure><table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>';
    const out = sanitizer.sanitize(html);
    expect(out).toContain('<figcaption>Bijschrift</figcaption>');
    expect(out).toContain('<th>a</th>');
    expect(out).toContain('href="https://example.org/"');
    expect(out).toContain('src="https://example.org/a.jpg"');
  });

  it('keeps data: images in img src only', () => {
    const out = sanitizer.sanitize('<img src="data:image/png;base64,iVBORw0KGgo=" alt="p"><a href="data:image/png;base64,iVBORw0KGgo=">x</a>');
    expect(out).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(out).not.toContain('href="data:');
  });

  it('gives target=_blank links rel=noopener noreferrer', () => {
    const out = sanitizer.sanitize('<a href="https://example.org/" target="_blank">x</a>');
    expect(out).toContain('rel="noopener noreferrer"');
  });

  it('turns embeds into links to their source', () => {
    const doc = new JSDOM(
      '<div><iframe src="https://www.youtube.com/embed/abc" title="Uitleg"></iframe><iframe src="javascript:alert(1)"></iframe><video src="/film.mp4"></video></div>',
    ).window.document;
    const root = doc.querySelector('div')!;
    embedsToLinks(root, 'https://example.org/page');
    const out = sanitizer.sanitize(root.innerHTML);
    expect(out).toContain('<a href="https://www.youtube.com/embed/abc">Video (Uitleg)</a>');
    expect(out).toContain('<a href="https://example.org/film.mp4">');
    expect(out).not.toContain('javascript');
    expect(inertnessProblems(out)).toEqual([]);
  });
});
