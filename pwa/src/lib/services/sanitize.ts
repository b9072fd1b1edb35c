// Clip HTML right before the app renders it ({@html} only ever gets this output): core's one
// sanitiser policy plus its display rules (core/capture/render-html.ts) — kept images as
// blob: URLs, every other image a placeholder, removed blocks left out.
import { createRenderSanitizer, type RenderOptions, type RenderSanitizer } from '@knipsel/core/capture';

let renderer: RenderSanitizer | null | undefined;
const current = () => (renderer ??= createRenderSanitizer(window, location.origin));

export function sanitizeClipHtml(html: string, options?: RenderOptions): string {
  return current()?.render(html, options) ?? '';
}

/** The content block by block, for removing noise. */
export function sanitizeClipBlocks(html: string, options?: RenderOptions): { index: number; html: string; removed: boolean }[] {
  return current()?.renderBlocks(html, options) ?? [];
}
