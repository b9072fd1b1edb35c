// Test and benchmark support (Node only): trafilatura's evaluation set, 949 real pages with
// snippets a good extraction holds (`with`) and leaves out (`without`), in
// tests/fixtures/corpora/trafilatura-eval (html/<file>.gz and evaldata.json, Apache-2.0).
// Pages are split for good: a development part to tune on and a held-out part that only
// checks the tuning, chosen by a hash of the file name so the split never moves.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as v from 'valibot';
import { repoRoot } from './corpus.js';

export const snippetCorpusDir = join(repoRoot, 'tests/fixtures/corpora/trafilatura-eval');

export type SnippetSplit = 'dev' | 'heldout';

export interface SnippetCase {
  /** The page's file name without `.html`: stable, unique. */
  id: string;
  url: string;
  /** Path of the gzipped page. */
  path: string;
  with: string[];
  without: string[];
  split: SnippetSplit;
}

const Snippets = v.pipe(v.array(v.pipe(v.string(), v.nonEmpty())), v.minLength(1));
const EvalData = v.record(v.string(), v.looseObject({ file: v.pipe(v.string(), v.nonEmpty()), with: Snippets, without: Snippets }));

/** FNV-1a, 32 bits: a stable hash of a string. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Three pages in ten are held out: they are measured, never tuned on. */
export function splitOf(id: string): SnippetSplit {
  return stableHash(`split:${id}`) % 10 < 3 ? 'heldout' : 'dev';
}

/** All cases of the corpus, in a fixed order that mixes sites (by hash), each with its split. */
export function loadSnippetCases(dir = snippetCorpusDir): SnippetCase[] {
  const file = join(dir, 'evaldata.json');
  if (!existsSync(file)) throw new Error(`The trafilatura evaluation set is missing at ${dir}.`);
  const data = v.parse(EvalData, JSON.parse(readFileSync(file, 'utf8')));
  return Object.entries(data)
    .map(([url, item]) => {
      const id = item.file.replace(/\.html?$/i, '');
      return { id, url, path: join(dir, 'html', `${item.file}.gz`), with: item.with, without: item.without, split: splitOf(id) };
    })
    .sort((a, b) => stableHash(a.id) - stableHash(b.id) || (a.id < b.id ? -1 : 1));
}

/**
 * Cases of one split (or all), the first `limit` of the fixed order: any prefix is a fixed
 * subset spread over the whole corpus.
 */
export function selectCases(cases: SnippetCase[], split: SnippetSplit | 'all', limit = Infinity): SnippetCase[] {
  return cases.filter((c) => split === 'all' || c.split === split).slice(0, limit);
}

const declaredCharset = (head: string): string | null => /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;

/**
 * The page as text: UTF-8 when the bytes are valid UTF-8 (whatever the page declares; a few
 * declare Latin-1 and are UTF-8), else the declared charset, else windows-1252.
 */
export function decodePage(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const declared = declaredCharset(new TextDecoder('latin1').decode(bytes.subarray(0, 4096)));
    try {
      if (declared && declared !== 'utf-8' && declared !== 'utf8') return new TextDecoder(declared).decode(bytes);
    } catch {
      // an unknown label: fall through
    }
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The HTML of a case. */
export function readCaseHtml(c: SnippetCase): string {
  return decodePage(gunzipSync(readFileSync(c.path)));
}
