// Clip HTML right before the app renders it ({@html} only ever gets this output): core's one
// sanitiser policy plus its display rules (core/capture/render-html.ts).
import { createRenderSanitizer, type RenderSanitizer } from '@knipsel/core/capture';

let renderer: RenderSanitizer | null | undefined;

export function sanitizeClipHtml(html: string): string {
  renderer ??= createRenderSanitizer(window, location.origin);
  return renderer ? renderer.render(html) : '';
}
