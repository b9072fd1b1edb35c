import { describe, expect, it } from 'vitest';
import { filterThemes, pushRecent, themeOptions } from './theme-filter';
import type { Framework, Theme } from '@knipsel/core';

function theme(id: string, name: string, frameworkId: string, order: number, hidden = false, number: number | null = null, description: string | null = null): Theme {
  return { id, frameworkId, name, description, color: null, hidden, order, preset: true, number, group: null };
}
const frameworks: Framework[] = [
  {
    id: 'bouwstenen',
    name: 'Bouwstenen van sociaal werk',
    description: null,
    source: null,
    color: '#336699',
    hidden: false,
    order: 1,
    preset: true,
    enabled: true,
    itemLabel: { nl: 'bouwsteen', en: 'block' },
    groups: [],
    themes: [
      theme('b.empowerment', 'Empowerment', 'bouwstenen', 0, false, 1, 'Kaders stellen en opvoeden.'),
      theme('b.wederkerigheid', 'Wederkerigheid', 'bouwstenen', 1, false, 2),
      theme('b.moreel', 'Moreel handelen', 'bouwstenen', 2, false, 3),
    ],
  },
  {
    id: 'interventie',
    name: 'Interventierichtingen',
    description: null,
    source: null,
    color: null,
    hidden: false,
    order: 0,
    preset: true,
    enabled: true,
    itemLabel: null,
    groups: [],
    themes: [
      theme('i.activeren', 'Activeren', 'interventie', 0),
      theme('i.mobiliseren', 'Gepast reageren en mobiliseren', 'interventie', 1),
      theme('i.verborgen', 'Verborgen', 'interventie', 2, true),
    ],
  },
  {
    id: 'uit',
    name: 'Uitgeschakeld',
    description: null,
    source: null,
    color: null,
    hidden: false,
    order: 2,
    preset: true,
    enabled: false,
    itemLabel: null,
    groups: [],
    themes: [theme('u.x', 'Eigenaarschap', 'uit', 0)],
  },
];
const options = themeOptions(frameworks);

describe('themeOptions', () => {
  it('keeps framework order and leaves out hidden themes and disabled frameworks', () => {
    expect(options.map((o) => o.id)).toEqual(['i.activeren', 'i.mobiliseren', 'b.empowerment', 'b.wederkerigheid', 'b.moreel']);
    expect(options[2].color).toBe('#336699');
    expect(options[2].frameworkName).toBe('Bouwstenen van sociaal werk');
  });
});

describe('filterThemes', () => {
  it('shows everything, recently used first, for an empty query', () => {
    expect(filterThemes(options, '', ['b.moreel', 'i.mobiliseren']).map((o) => o.id)).toEqual(['b.moreel', 'i.mobiliseren', 'i.activeren', 'b.empowerment', 'b.wederkerigheid']);
  });
  it('matches word prefixes in theme names, case- and diacritic-insensitive', () => {
    expect(filterThemes(options, 'MOB').map((o) => o.id)).toEqual(['i.mobiliseren']);
    expect(filterThemes(options, 'gepast mob').map((o) => o.id)).toEqual(['i.mobiliseren']);
    expect(filterThemes(options, 'wéder').map((o) => o.id)).toEqual(['b.wederkerigheid']);
  });
  it('matches framework names too, ranking theme-name hits first', () => {
    const ids = filterThemes(options, 'bouw').map((o) => o.id);
    expect(ids).toEqual(['b.empowerment', 'b.wederkerigheid', 'b.moreel']);
    const mixed = filterThemes(options, 'a', ['b.moreel']).map((o) => o.id);
    expect(mixed[0]).toBe('i.activeren');
  });
  it('orders matches by recency among equals', () => {
    expect(filterThemes(options, 'bouwstenen', ['b.wederkerigheid']).map((o) => o.id)[0]).toBe('b.wederkerigheid');
  });
  it('finds a theme by its number and by words of its wording, showing number and wording', () => {
    expect(filterThemes(options, 'bouwsteen 2').map((o) => o.id)).toEqual(['b.wederkerigheid']);
    expect(filterThemes(options, 'block 2').map((o) => o.id)).toEqual(['b.wederkerigheid']);
    expect(filterThemes(options, 'opvoeden').map((o) => o.id)).toEqual(['b.empowerment']);
    expect(options.find((o) => o.id === 'b.empowerment')).toMatchObject({ numberLabel: { nl: 'bouwsteen 1', en: 'block 1' }, description: 'Kaders stellen en opvoeden.' });
  });
  it('returns nothing for a query without matches', () => {
    expect(filterThemes(options, 'zzz')).toEqual([]);
  });
});

describe('pushRecent', () => {
  it('moves used themes to the front without duplicates and caps the list', () => {
    expect(pushRecent(['a', 'b', 'c'], ['c', 'd'])).toEqual(['c', 'd', 'a', 'b']);
    expect(pushRecent(['a', 'b', 'c'], ['x'], 2)).toEqual(['x', 'a']);
  });
});
