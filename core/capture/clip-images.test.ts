import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { makeCapture } from '../testing/captures.js';
import { hashOfImageRef, imageBudget, imageRef, imageSources, keepClipImages, replaceImageSources, sniffImageType } from './clip-images.js';
import { createRenderSanitizer } from './render-html.js';
import { createMemoryBlobStore, sha256Hex } from '../storage/blob-store.js';

const png = (extra = 0) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(16 + extra).fill(7)]);
const window = new JSDOM('').window as unknown as Window & typeof globalThis;

describe('image sources in sanitised HTML', () => {
  it('lists http(s) images once, decoding entities, and replaces them', () => {
    const html =
      '<p>a</p><img src="https://x.nl/a.png?b=1&amp;c=2" alt="a > b"><img alt=\'x\' src="data:image/png;base64,AAAA"><img src="https://x.nl/a.png?b=1&amp;c=2"><img src="http://y.nl/b.jpg">';
    expect(imageSources(html)).toEqual(['https://x.nl/a.png?b=1&c=2', 'http://y.nl/b.jpg']);
    const out = replaceImageSources(html, (src) => (src.startsWith('https://x.nl') ? imageRef('a'.repeat(64)) : null));
    expect(imageSources(out)).toEqual(['http://y.nl/b.jpg']);
    expect(out.match(/knipsel\.invalid\/beeld/g)).toHaveLength(2);
    expect(out).toContain('alt="a > b"');
  });
  it('knows raster types by their bytes, never SVG', () => {
    expect(sniffImageType(png())).toBe('image/png');
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(hashOfImageRef(imageRef('f'.repeat(64)))).toBe('f'.repeat(64));
    expect(hashOfImageRef('https://knipsel.invalid/beeld/../x')).toBeNull();
  });
});

describe('keepClipImages', () => {
  it('keeps images within the budget, by hash and deduplicated; the rest keep their address', async () => {
    const store = createMemoryBlobStore();
    const bodies: Record<string, { bytes: Uint8Array; type: string } | null> = {
      'https://x.nl/1.png': { bytes: png(), type: 'image/png' },
      'https://x.nl/1-copy.png': { bytes: png(), type: 'image/png' },
      'https://x.nl/big.png': { bytes: png(imageBudget.perImageBytes), type: 'image/png' },
      'https://x.nl/page.html': { bytes: new TextEncoder().encode('<html>'), type: 'text/html' },
      'https://x.nl/svg.png': { bytes: new TextEncoder().encode('<svg/>'), type: 'image/svg+xml' },
      'https://x.nl/gone.png': null,
    };
    const html = Object.keys(bodies)
      .map((url) => `<p><img src="${url}" alt="${url.slice(13)}"></p>`)
      .join('');
    const { capture, skipped } = await keepClipImages(makeCapture({ html }), { fetch: async (url) => bodies[url] ?? null, put: (bytes, type) => store.put(bytes, type) });
    const hash = await sha256Hex(png());
    expect(capture.images).toEqual([{ sha256: hash, size: png().byteLength, type: 'image/png', url: 'https://x.nl/1.png' }]);
    expect(capture.html.match(new RegExp(imageRef(hash), 'g'))).toHaveLength(2);
    expect(skipped.map((s) => s.reason).sort()).toEqual(['failed', 'not-image', 'not-image', 'too-large']);
    expect(await store.has(hash)).toBe(true);
  });
  it('stops at the clip budget and the pixel limit', async () => {
    const budget = { ...imageBudget, perClipBytes: 75 };
    const html = '<img src="https://x.nl/a.png"><img src="https://x.nl/b.png"><img src="https://x.nl/huge.png">';
    const bytes: Record<string, Uint8Array> = { 'https://x.nl/a.png': png(20), 'https://x.nl/b.png': png(21), 'https://x.nl/huge.png': png(1) };
    const { capture, skipped } = await keepClipImages(makeCapture({ html }), {
      fetch: async (url) => ({ bytes: bytes[url], type: 'image/png' }),
      put: (b) => sha256Hex(b),
      dimensions: async (b) => (b.byteLength === png(1).byteLength ? { width: 100_000, height: 100_000 } : { width: 10, height: 10 }),
      budget,
    });
    expect(capture.images?.map((i) => i.url)).toEqual(['https://x.nl/a.png']);
    expect(skipped).toEqual([
      { url: 'https://x.nl/b.png', reason: 'budget' },
      { url: 'https://x.nl/huge.png', reason: 'too-many-pixels' },
    ]);
  });
});

describe('rendering a clip for reading', () => {
  const render = createRenderSanitizer(window, 'https://app.example')!;
  const hash = 'a'.repeat(64);
  it('shows kept images from blob: URLs and loads no other image', () => {
    const html = `<p>Tekst</p><img src="${imageRef(hash)}" alt="Buurthuis"><img src="https://ads.example/pixel.gif"><img src="https://cdn.example/foto.jpg" alt="Foto van de wijk"><img src="data:image/png;base64,AAAA">`;
    const out = render.render(html, { image: (h) => (h === hash ? 'blob:https://app.example/1' : null), imageLabel: 'Afbeelding' });
    const doc = new JSDOM(out).window.document;
    expect([...doc.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual(['blob:https://app.example/1', 'data:image/png;base64,AAAA']);
    const holders = [...doc.querySelectorAll('[data-image-placeholder]')];
    expect(holders.map((h) => [h.textContent, h.getAttribute('href')])).toEqual([
      ['Afbeelding', 'https://ads.example/pixel.gif'],
      ['Foto van de wijk', 'https://cdn.example/foto.jpg'],
    ]);
  });
  it('a kept image this device lacks links to where it came from', () => {
    const out = render.render(`<img src="${imageRef(hash)}" alt="Buurthuis">`, { image: () => null, imageSource: () => 'https://site.example/b.jpg' });
    expect(out).toContain('href="https://site.example/b.jpg"');
    expect(out).not.toContain('<img');
  });
  it('a blob: URL never comes from the clip itself', () => {
    expect(render.render('<img src="blob:https://app.example/x">')).not.toContain('<img');
  });
  it('leaves out removed blocks and lists blocks for editing', () => {
    const html = '<p>Skip to content</p><div><h2>Kop</h2><p>Een</p></div><div>Advertentie</div><ul><li>a</li></ul>';
    expect(render.renderBlocks(html).map((b) => b.html)).toEqual(['<p>Skip to content</p>', '<h2>Kop</h2>', '<p>Een</p>', '<div>Advertentie</div>', '<ul><li>a</li></ul>']);
    expect(render.render(html, { removed: [0, 3] })).toBe('<div><h2>Kop</h2><p>Een</p></div><ul><li>a</li></ul>');
    expect(render.renderBlocks(html, { removed: [3] })[3].removed).toBe(true);
  });
});
