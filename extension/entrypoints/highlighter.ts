// The in-page highlighter: registered on granted origins or injected after a clip is
// saved. Injected twice, it refreshes instead of starting again. See lib/highlights.
import { defineUnlistedScript } from '#imports';
import { startHighlighter, type Highlighter } from '../lib/highlights/highlighter';

export default defineUnlistedScript(() => {
  const holder = globalThis as { __knipselHighlighter?: Highlighter };
  if (holder.__knipselHighlighter) void holder.__knipselHighlighter.refresh();
  else holder.__knipselHighlighter = startHighlighter(document, window);
});
