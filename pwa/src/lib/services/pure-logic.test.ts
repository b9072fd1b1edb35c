// Unit tests of the small pure helpers behind the screens.
import { describe, expect, test } from 'vitest';
import type { ClipRow, Framework, Theme } from '@knipsel/core';
import { boardColumns } from './board.js';
import { moved } from './framework-service.js';
import { emptyListFilter, isFiltered, toClipFilter } from './list-filter.js';
import { transformIndex } from './note-binding.js';
import { portfolioSummary } from './portfolio.js';
import { clipHref, dossierHref, parseRoute } from './routes.js';
import { snippetSegments } from './snippet.js';

const theme = (id: string, extra: Partial<Theme> = {}): Theme => ({
  id,
  frameworkId: 'fw',
  name: id.toUpperCase(),
  description: null,
  color: null,
  hidden: false,
  order: 0,
  preset: false,
  ...extra,
});
const framework: Framework = {
  id: 'fw',
  name: 'FW',
  description: null,
  source: null,
  color: '#123456',
  hidden: false,
  order: 0,
  preset: false,
  enabled: true,
  themes: [theme('a'), theme('b'), theme('c', { hidden: true })],
};
const row = (id: string, themes: string[], extra: Partial<ClipRow> = {}): ClipRow => ({
  id,
  title: id,
  url: 'https://x.nl',
  canonicalUrl: 'https://x.nl',
  siteName: 'x.nl',
  mode: 'article',
  published: null,
  capturedAt: 0,
  createdAt: 0,
  updatedAt: 0,
  themes,
  hasNote: false,
  kind: 'praktijkvoorbeeld',
  reflections: 0,
  attachments: 0,
  trashed: false,
  wordCount: 0,
  excerpt: '',
  ...extra,
});

describe('board columns', () => {
  test('a clip in two themes shows in both; unsorted holds clips without a theme of this framework', () => {
    const rows = [row('1', ['a', 'b']), row('2', ['other']), row('3', ['c']), row('4', [], { trashed: true })];
    const columns = boardColumns(rows, framework);
    expect(columns.map((c) => [c.themeId, c.rows.map((r) => r.id)])).toEqual([
      [null, ['2']],
      ['a', ['1']],
      ['b', ['1']],
    ]);
  });
});

describe('portfolio summary', () => {
  test('counts evidence by kind and answered reflections per visible theme, and names the gaps', () => {
    const rows = [
      row('1', ['a'], { hasNote: true, reflections: 2, kind: 'eigen-praktijk' }),
      row('2', ['a']),
      // A note of inserted headings only: not empty, but no answered reflection.
      row('3', ['b'], { hasNote: true, reflections: 0 }),
      row('4', ['a'], { reflections: 1, trashed: true }),
    ];
    const summary = portfolioSummary(rows, { ...framework, themes: [theme('a'), theme('b'), theme('d')] });
    expect(summary.themes.map((t) => [t.theme.id, t.clips, t.reflected, t.gap])).toEqual([
      ['a', 2, 2, null],
      ['b', 1, 0, 'no-reflection'],
      ['d', 0, 0, 'none'],
    ]);
    expect(summary.themes[0]!.kinds).toEqual({ praktijkvoorbeeld: 1, 'eigen-praktijk': 1, feedback: 0 });
    expect(summary.covered).toBe(1);
  });
});

describe('routes', () => {
  test('parse and build round-trip, unknown addresses go to the dossiers', () => {
    expect(parseRoute('')).toEqual({ name: 'dossiers' });
    expect(parseRoute('#/onzin')).toEqual({ name: 'dossiers' });
    expect(parseRoute(dossierHref('abc', 'board'))).toEqual({ name: 'dossier', dossierId: 'abc', view: 'board', query: '' });
    expect(parseRoute(dossierHref('abc', 'search', 'ideeën & meer'))).toMatchObject({ view: 'search', query: 'ideeën & meer' });
    expect(parseRoute(clipHref('abc', 'c/1'))).toEqual({ name: 'clip', dossierId: 'abc', clipId: 'c/1' });
    expect(parseRoute('#/d/abc/weird')).toMatchObject({ view: 'list' });
  });
});

describe('snippet segments', () => {
  test('marks the ranges and keeps the rest as text', () => {
    expect(snippetSegments({ text: 'met ideeën voor', ranges: [[4, 10]] })).toEqual([
      { text: 'met ', mark: false },
      { text: 'ideeën', mark: true },
      { text: ' voor', mark: false },
    ]);
    expect(
      snippetSegments({
        text: 'abc',
        ranges: [
          [0, 2],
          [1, 3],
        ],
      }).map((s) => s.text),
    ).toEqual(['ab', 'c']);
  });
});

describe('caret through a remote change', () => {
  test('inserts before the caret push it on, deletes pull it back, later changes leave it', () => {
    expect(transformIndex([{ insert: 'abc' }], 0)).toBe(0); // an insert at the caret stays after it
    expect(transformIndex([{ insert: 'abc' }], 1)).toBe(4);
    expect(transformIndex([{ retain: 5 }, { insert: 'xy' }], 3)).toBe(3);
    expect(transformIndex([{ retain: 1 }, { delete: 2 }], 5)).toBe(3);
    expect(transformIndex([{ retain: 1 }, { delete: 4 }], 3)).toBe(1);
  });
});

describe('list filter', () => {
  test('turns the form into a core filter with whole local days', () => {
    const form = { ...emptyListFilter(), theme: 'a', reflection: 'without' as const, from: '2025-03-01', to: '2025-03-01' };
    const filter = toClipFilter(form);
    expect(filter.themes).toEqual(['a']);
    expect(filter.reflected).toBe(false);
    expect(toClipFilter({ ...emptyListFilter(), kind: 'feedback' }).kind).toBe('feedback');
    expect(filter.to! - filter.from!).toBe(24 * 3600 * 1000 - 1);
    expect(toClipFilter({ ...emptyListFilter(), theme: 'none' }, ['a', 'b']).withoutThemes).toEqual(['a', 'b']);
    expect(isFiltered(emptyListFilter())).toBe(false);
  });
});

describe('reorder', () => {
  test('moves one place and stays put at the ends', () => {
    expect(moved(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
  });
});
