// @vitest-environment jsdom
import { expect, test } from 'vitest';
import { sanitizeClipHtml } from './sanitize.js';

test('clip HTML loses script, handlers and unsafe links; links open safely in a new tab', () => {
  const html = sanitizeClipHtml(
    '<p onclick="x()">Hoi<script>alert(1)</script></p><a href="javascript:alert(1)">js</a><a href="https://movisie.nl">m</a><img src="https://x.nl/a.png" onerror="x()"><iframe src="https://x.nl"></iframe><form><input></form>',
  );
  expect(html).not.toMatch(/script|onclick|onerror|javascript:|iframe|<form|<input/);
  expect(html).toContain('<a href="https://movisie.nl" target="_blank" rel="noopener noreferrer">m</a>');
  expect(html).toContain('<a>js</a>');
  expect(html).toContain('loading="lazy"');
});
