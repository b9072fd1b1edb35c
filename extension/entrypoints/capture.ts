// Injected on demand by the background (scripting.executeScript): returns the page capture.
// The mode is set just before by a one-line injection (see lib/background/capture-tab.ts).
import { defineUnlistedScript } from '#imports';
import type { ExtractMode } from '@knipsel/core/capture';
import { capturePage } from '../lib/capture/page-capture';

export default defineUnlistedScript(() => {
  const mode = ((globalThis as { __knipselCaptureMode?: string }).__knipselCaptureMode ?? 'article') as ExtractMode;
  return capturePage(document, location.href, mode);
});
