// What an exported Markdown file can do in the least careful reader: clips a peer wrote (every
// user field hostile) export to Markdown elements with web links only, and `inertMarkdown`
// keeps any mix of link targets and Markdown pieces so.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCapture, makeClip, noEvidence } from '../testing/captures.js';
import type { Clip } from '../dossier/types.js';
import { clipMarkdown } from './markdown-export.js';
import { inertMarkdown } from './markdown-safety.js';
import { hostileMarkdown } from '../testing/hostile-markdown.js';
import { render, unsafeParts } from '../testing/markdown-reader.js';

function peerClip(markdown: string, url = 'https://www.movisie.nl/artikel', kind: Clip['kind'] = 'praktijkvoorbeeld'): Clip {
  // A peer can write any of the user's fields: the card, a reflection's questions and answers, an attachment's name.
  const card = Object.fromEntries(Object.keys(noEvidence().card).map((field) => [field, markdown])) as unknown as Clip['card'];
  return makeClip({
    id: 'peer-clip',
    kind,
    card,
    attachments: [{ id: 'a', hash: 'a'.repeat(64), name: markdown, type: 'image/png', size: 1, addedAt: 1 }],
    reflections: [
      {
        id: 'r',
        guideId: 'eigen-x',
        guideName: markdown,
        prompts: [{ id: 'p', heading: markdown, question: markdown }],
        answers: { p: `${markdown} en een antwoord` },
        createdAt: 1,
        updatedAt: 1,
      },
    ],
    capture: makeCapture({ url, markdown, title: 'Van een peer' }),
    title: 'Van een peer',
    note: markdown,
    highlights: [{ id: 'h', quote: { exact: 'buurt', prefix: '', suffix: '' }, position: null, note: markdown, colour: 'vraag', createdAt: 1 }],
  });
}

describe('markdown export of clips from peers', () => {
  it.each(hostileMarkdown('alert(1)'))(
    '$id in the body, the note, the card, a reflection, an attachment and a highlight note renders to Markdown elements with web links only',
    ({ markdown }) => {
      for (const kind of ['praktijkvoorbeeld', 'eigen-praktijk', 'feedback'] as const) {
        const file = clipMarkdown(peerClip(markdown, undefined, kind), () => []);
        expect(unsafeParts(render(file)), kind).toEqual([]);
      }
    },
  );

  it('the hostile Markdown is live: unchanged, a reader makes HTML or script links of every case', () => {
    const live = hostileMarkdown('alert(1)').filter((v) => v.liveInCommonMark !== false);
    expect(live.length).toBeGreaterThan(20);
    for (const { id, markdown } of live) expect(unsafeParts(render(markdown)), id).not.toEqual([]);
  });

  it('ordinary Markdown and text read the same after the export', () => {
    const clip = {
      ...peerClip('**Vet** en [Movisie](https://www.movisie.nl/) en [mail](mailto:info@movisie.nl), a < b & c, [anker](#kop)\n\n![foto](https://www.movisie.nl/foto.jpg)'),
      ...noEvidence(),
    };
    const doc = render(clipMarkdown(clip, () => []));
    // The source line, the kind, then the body.
    expect(doc.body.querySelectorAll('p')[1]!.textContent).toBe('Praktijkvoorbeeld');
    const body = doc.body.querySelectorAll('p')[2]!;
    expect(body.querySelector('strong')?.textContent).toBe('Vet');
    expect([...body.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://www.movisie.nl/', 'mailto:info@movisie.nl', '#kop']);
    expect(body.textContent).toContain('a < b & c');
    expect(doc.querySelector('img')?.getAttribute('src')).toBe('https://www.movisie.nl/foto.jpg');
  });

  it('writes a source link and url only for an http(s) address', () => {
    const web = clipMarkdown(peerClip('Tekst'), () => []);
    expect(web).toContain('url: "https://www.movisie.nl/artikel"');
    expect(web).toContain('Bron: [Wijkplatform](<https://www.movisie.nl/artikel>)');
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      const file = clipMarkdown(peerClip('Tekst', url), () => []);
      expect(file).not.toMatch(/^url:/m);
      expect(file).toContain('Bron: Wijkplatform\n');
      expect(unsafeParts(render(file))).toEqual([]);
    }
  });
});

describe('inert Markdown', () => {
  // A link target with a scheme, spelled every way Markdown and HTML allow.
  const letter = (c: string) => fc.constantFrom(c, c.toUpperCase(), `&#${c.charCodeAt(0)};`, `&#x${c.charCodeAt(0).toString(16)};`);
  const spelled = (word: string) => fc.tuple(...[...word].map(letter)).map((chars) => chars.join(''));
  const target = fc
    .tuple(
      fc.constantFrom('](', '](  ', '](\n', '](<', ']: ', ']:\n   ', '<', '[a]: '),
      fc.constantFrom('javascript', 'vbscript', 'data', 'file', 'http', 'mailto').chain(spelled),
      fc.constantFrom(':', '&colon;', '&#58;', '&#x3a;', '\\:', '&Tab;:'),
      fc.constantFrom('alert(1))', 'alert%281%29)', 'x>)', 'text/html,<script>alert(1)</script>)'),
    )
    .map((parts) => parts.join(''));
  const filler = fc.constantFrom(
    '[',
    ']',
    '(',
    ')',
    '!',
    '\\',
    '\n',
    ' ',
    '\t',
    '```',
    '~~~',
    '`',
    '- ',
    '> ',
    '    ',
    '<img src=x onerror=alert(1)>',
    '<!--',
    '-->',
    '&amp;',
    'a',
    '1.',
  );

  it('property: any mix of link targets and Markdown pieces renders to Markdown elements with web links only', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(target, filler), { maxLength: 30 }), (parts) => {
        expect(unsafeParts(render(inertMarkdown(parts.join(''))))).toEqual([]);
      }),
      { numRuns: 2_000, seed: 20251214 },
    );
  });
});
