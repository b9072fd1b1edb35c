// @vitest-environment jsdom
// The app renders clip HTML with core's allow-list (not a looser policy of its own): what a
// hostile peer, backup or relay editor stored cannot add markup capture would not keep,
// and no link in a clip can steer the app.
import { expect, test } from 'vitest';
import { sanitizeClipHtml } from './sanitize.js';

test('clip HTML loses script, handlers and unsafe links; links open safely in a new tab', () => {
  const html = sanitizeClipHtml(
    '<p onclick="x()">Hoi<script>alert(1)</script></p><a href="javascript:alert(1)">js</a><a href="https://movisie.nl">m</a><img src="https://x.nl/a.png" onerror="x()"><iframe src="https://x.nl"></iframe><form><input></form>',
  );
  expect(html).not.toMatch(/script|onclick|onerror|javascript:|iframe|<form|<input/);
  expect(html).toContain('<a href="https://movisie.nl" target="_blank" rel="noopener noreferrer">m</a>');
  expect(html).toContain('<a>js</a>');
  // A remote image is never loaded: a placeholder links to it.
  expect(html).not.toContain('<img');
  expect(html).toMatch(/<a class="clip-image-placeholder" data-image-placeholder="" href="https:\/\/x.nl\/a.png" target="_blank" rel="noopener noreferrer">/);
});

test('markup outside the capture allow-list is gone: svg, MathML, area, dialog, video', () => {
  const html = sanitizeClipHtml(
    '<svg><a href="#/relay/eyJ4Ijoi"><text>svg-link</text></a></svg>' +
      '<math><mi xlink:href="https://x.nl">m</mi></math>' +
      '<map name="m"><area href="#/join/abc" shape="rect"></map>' +
      '<dialog open>dialoog</dialog><video src="https://ads.example/v.mp4" autoplay></video>' +
      '<p style="position:fixed" class="x" id="y">tekst</p>',
  );
  expect(html).not.toMatch(/<svg|<math|<area|<map|<dialog|<video|style=|class=|id=|#\/relay|#\/join|xlink/);
  expect(html).toContain('dialoog');
  expect(html).toContain('<p>tekst</p>');
});

test('links into the app itself are neutralised, in any case and on any element', () => {
  const own = location.origin;
  const html = sanitizeClipHtml(
    `<a href="#/relay/eyJ4Ijoi">fragment</a><A HREF="#/join/x">upper</A><a href="${own}/#/relay/x">absolute</a>` +
      '<a href="/#/d/abc/export">relative</a><blockquote cite="javascript:alert(1)">c</blockquote><q cite="https://bron.nl">q</q>',
  );
  expect(html).not.toMatch(/href="#|href="\/|#\/relay|#\/join|javascript:/);
  expect(html).not.toContain(own);
  expect(html).toContain('<q cite="https://bron.nl">q</q>');
});
