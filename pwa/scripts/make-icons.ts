// Renders the app icons (192, 512, maskable 512) and favicon from one SVG with headless
// Chromium. Run once after changing the design: `npx tsx pwa/scripts/make-icons.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const out = fileURLToPath(new URL('../public/', import.meta.url));
const accent = '#1f5a85';

/** A clipping (a paper card with a dashed cut line and text lines) on the accent colour. */
function svg(size: number, options: { maskable: boolean }): string {
  const inset = options.maskable ? 0.2 : 0.12; // maskable: keep the mark inside the safe zone
  const radius = options.maskable ? 0 : size * 0.22;
  const s = size * (1 - 2 * inset);
  const x = size * inset;
  const y = size * inset;
  const u = s / 100;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="${radius}" fill="${accent}"/>
  <g transform="translate(${x} ${y}) rotate(-6 ${s / 2} ${s / 2})">
    <rect x="${12 * u}" y="${10 * u}" width="${76 * u}" height="${80 * u}" rx="${6 * u}" fill="#ffffff"/>
    <rect x="${12 * u}" y="${10 * u}" width="${76 * u}" height="${80 * u}" rx="${6 * u}" fill="none" stroke="#f3c65b" stroke-width="${3 * u}" stroke-dasharray="${7 * u} ${5 * u}"/>
    <rect x="${24 * u}" y="${26 * u}" width="${44 * u}" height="${8 * u}" rx="${4 * u}" fill="${accent}"/>
    <rect x="${24 * u}" y="${44 * u}" width="${52 * u}" height="${5 * u}" rx="${2.5 * u}" fill="#9bb3c6"/>
    <rect x="${24 * u}" y="${56 * u}" width="${46 * u}" height="${5 * u}" rx="${2.5 * u}" fill="#9bb3c6"/>
    <rect x="${24 * u}" y="${68 * u}" width="${30 * u}" height="${5 * u}" rx="${2.5 * u}" fill="#9bb3c6"/>
  </g>
</svg>`;
}

const browser = await chromium.launch({ executablePath: process.env.KNIPSEL_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [name, size, maskable] of [
  ['icons/icon-192.png', 192, false],
  ['icons/icon-512.png', 512, false],
  ['icons/maskable-512.png', 512, true],
] as const) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg(size, { maskable })}`);
  await page.screenshot({ path: `${out}${name}`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
writeFileSync(`${out}favicon.svg`, svg(64, { maskable: false }));
await browser.close();
