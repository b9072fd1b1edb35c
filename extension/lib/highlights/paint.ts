// Painting highlights without touching the page's DOM: the CSS Custom Highlight API, one
// named highlight per meaning colour, styled by a constructed stylesheet.
import type { HighlightColour } from '@knipsel/core';

export const colourStyles: Record<HighlightColour, string> = {
  inspiratie: 'rgba(255, 213, 79, 0.55)',
  methode: 'rgba(129, 199, 132, 0.55)',
  onderbouwing: 'rgba(100, 181, 246, 0.5)',
  vraag: 'rgba(240, 128, 170, 0.5)',
};

type HighlightRegistry = Map<string, unknown>;
type HighlightCtor = new (...ranges: Range[]) => unknown;

export function canPaint(win: Window): boolean {
  const css = (win as unknown as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  return !!css?.highlights && typeof (win as unknown as { Highlight?: HighlightCtor }).Highlight === 'function';
}

let styled = false;
function ensureStyles(doc: Document): void {
  if (styled) return;
  styled = true;
  const rules = Object.entries(colourStyles)
    .map(([colour, bg]) => `::highlight(knipsel-${colour}) { background-color: ${bg}; color: inherit; }`)
    .join('\n');
  try {
    const sheet = new (doc.defaultView as Window & typeof globalThis).CSSStyleSheet();
    sheet.replaceSync(rules);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  } catch {
    const style = doc.createElement('style');
    style.dataset.knipsel = 'highlights';
    style.textContent = rules;
    (doc.head ?? doc.documentElement).appendChild(style);
  }
}

/** Show these ranges, grouped by colour (replaces what was painted before). */
export function paint(doc: Document, items: { colour: HighlightColour; range: Range }[]): boolean {
  const win = doc.defaultView;
  if (!win || !canPaint(win)) return false;
  ensureStyles(doc);
  const registry = (win as unknown as { CSS: { highlights: HighlightRegistry } }).CSS.highlights;
  const Ctor = (win as unknown as { Highlight: HighlightCtor }).Highlight;
  for (const colour of Object.keys(colourStyles) as HighlightColour[]) {
    const ranges = items.filter((i) => i.colour === colour).map((i) => i.range);
    if (ranges.length) registry.set(`knipsel-${colour}`, new Ctor(...ranges));
    else registry.delete(`knipsel-${colour}`);
  }
  return true;
}
