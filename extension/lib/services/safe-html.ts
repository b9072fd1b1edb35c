// Captured HTML right before an extension page renders it: core's one sanitiser policy plus
// its display rules (core/capture/render-html.ts). Clipped content never runs script here.
import { createRenderSanitizer, type RenderSanitizer } from '@knipsel/core/capture';

let renderer: RenderSanitizer | null | undefined;

export function safeHtml(html: string): string {
  renderer ??= createRenderSanitizer(window as Window & typeof globalThis, location.origin);
  return renderer ? renderer.render(html) : '';
}
