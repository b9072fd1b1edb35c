// Every message that counts says "1 knipsel" and "2 knipsels" (and "1 clip", "2 clips"): each
// message function is called with 1 and with 2 for its arguments. Where a message says another
// word after 2 than after 1 ("1 knipsel", "2 knipsels"), that word is a plural; no message may
// put a plural after 1 (nouns are found, not listed).
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { nl } from './nl.js';
import { welcomeEn } from './welcome-en.js';
import { welcomeNl } from './welcome-nl.js';

type Fn = (...args: unknown[]) => unknown;

function functions(value: unknown, path = ''): [string, Fn][] {
  if (typeof value === 'function') return [[path, value as Fn]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => functions(inner, path ? `${path}.${key}` : key));
  return [];
}

/** Every way to fill the arguments with `n` or a word (numbers and names may be mixed); index = mask. */
function calls(fn: Fn, n: number): (string | null)[] {
  const out: (string | null)[] = [];
  const arity = Math.min(fn.length, 4);
  for (let mask = 0; mask < 1 << arity; mask++) {
    const args = Array.from({ length: arity }, (_, i) => (mask & (1 << i) ? 'Noord' : n));
    try {
      const text = fn(...args);
      out.push(typeof text === 'string' ? text : null);
    } catch {
      out.push(null); // a combination the message cannot take (a number where it expects text)
    }
  }
  return out;
}

const after = (text: string, n: number) => [...text.matchAll(new RegExp(`(?<![\\d.,])${n} (\\p{L}[\\p{L}’']*)`, 'gu'))].map((m) => m[1]);

/** Words said after 2 where the same message says another word after 1. */
function pluralsOf(fn: Fn): string[] {
  const ones = calls(fn, 1);
  return calls(fn, 2).flatMap((two, mask) => {
    const one = ones[mask];
    if (two === null || one === null) return [];
    const a = after(one, 1);
    return after(two, 2).filter((word, i) => a[i] !== undefined && a[i] !== word);
  });
}

describe.each([
  ['nl', { ...nl, ...welcomeNl }],
  ['en', { ...en, ...welcomeEn }],
])('plurals in %s', (_, catalogue) => {
  const all = functions(catalogue);
  const plurals = new Set(all.flatMap(([, fn]) => pluralsOf(fn)));

  it('finds the counted nouns', () => {
    expect(plurals.size).toBeGreaterThan(5);
  });

  it.each(all.map(([path, fn]) => [path, fn] as const))('%s says one of a thing in the singular', (_path, fn) => {
    for (const text of calls(fn, 1)) {
      for (const word of text === null ? [] : after(text, 1)) expect(plurals.has(word) ? text : '').toBe('');
    }
  });
});
