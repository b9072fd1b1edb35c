// Captures for tests and benchmarks: `makeCapture` a realistic Dutch practice example (its
// html, markdown and word count follow `text`), `bareCapture` a page with no metadata and no
// content; `noEvidence` the evidence fields of a clip with none filled in, `makeClip` a whole
// clip built by hand (as a peer could write it) around a capture.
import { emptyCard } from '../dossier/evidence-layout.js';
import type { Capture, Clip } from '../dossier/types.js';

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

/** The evidence fields of a clip that has none filled in (for clips built by hand in tests). */
export function noEvidence(): Pick<Clip, 'kind' | 'card' | 'attachments' | 'reflections'> {
  return { kind: 'praktijkvoorbeeld', card: emptyCard(), attachments: [], reflections: [] };
}

/** A capture with no metadata, and no content unless `text` is given (override what a test is about). */
export function bareCapture(overrides: Partial<Capture> & { url: string; title: string }): Capture {
  const empty = overrides.text ? {} : { text: '', html: '', markdown: '', wordCount: 0 };
  return makeCapture({ byline: null, siteName: null, published: null, ...empty, ...overrides });
}

/** A clip built by hand, not through a dossier: a fresh capture, no note, themes or highlights (override what a test is about). */
export function makeClip(overrides: Partial<Clip> = {}): Clip {
  const capture = overrides.capture ?? makeCapture();
  return {
    id: 'hand-made-clip',
    ...noEvidence(),
    capture,
    title: capture.title,
    note: '',
    themes: [],
    highlights: [],
    trashed: false,
    trashedAt: null,
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}
