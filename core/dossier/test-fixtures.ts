// Realistic captures for core tests and benchmarks (Dutch practice examples).
import type { Capture } from './types.js';

let counter = 0;

export function makeCapture(overrides: Partial<Capture> = {}): Capture {
  counter++;
  const url = overrides.url ?? `https://www.voorbeeld-wijkplatform.nl/praktijk/${counter}`;
  const text =
    overrides.text ??
    'Bewoners van de wijk Kattenbroek organiseren samen een buurtmaaltijd. De opbouwwerker sluit aan bij hun ideeën en coacht de ambities van bewoners vanuit hun eigen kracht.';
  return {
    url,
    canonicalUrl: overrides.canonicalUrl ?? url,
    title: `Praktijkvoorbeeld ${counter}`,
    byline: 'Ben Koenen',
    siteName: 'Wijkplatform',
    published: '2016-12-16',
    lang: 'nl',
    description: null,
    image: null,
    html: `<p>${text}</p>`,
    markdown: text,
    text,
    wordCount: text.split(/\s+/).length,
    capturedAt: 1_700_000_000_000,
    mode: 'article',
    ...overrides,
  };
}
