// Captured HTML right before an extension page renders it: core's one sanitiser policy plus
// its display rules (core/capture/render-html.ts) — kept images from blob: URLs, no other
// image loaded, removed blocks left out. Clipped content never runs script here.
import { createRenderSanitizer, type RenderOptions, type RenderSanitizer } from '@knipsel/core/capture';

let renderer: RenderSanitizer | null | undefined;

export function safeHtml(html: string, options?: RenderOptions): string {
  renderer ??= createRenderSanitizer(window as Window & typeof globalThis, location.origin);
  return renderer ? renderer.render(html, options) : '';
}
