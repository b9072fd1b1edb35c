// Reads the fixture texts for the bench corpus (Node): the Dutch domain texts and the
// article bodies of Readability's test pages, reduced to blocks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusBlock, CorpusSource } from './clip-corpus.js';

const fixturesDir = fileURLToPath(new URL('../../tests/fixtures/', import.meta.url));
const maxHtml = 60_000;

export function loadSources(): CorpusSource[] {
  return [...dutchSources(), ...readabilitySources()];
}

function dutchSources(): CorpusSource[] {
  const dir = join(fixturesDir, 'domain-texts');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const paragraphs = readFileSync(join(dir, name), 'utf8')
        .split(/\n\s*\n/)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter(Boolean);
      const blocks: CorpusBlock[] = paragraphs.map((text) => ({
        tag: text.length < 70 && !/[.!?]$/.test(text) ? 'h2' : 'p',
        text,
      }));
      return { name, lang: 'nl' as const, title: paragraphs[0] ?? name, byline: null, siteName: null, blocks, html: null };
    });
}

function readabilitySources(): CorpusSource[] {
  const dir = join(fixturesDir, 'corpora/readability-test-pages');
  const out: CorpusSource[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'expected.html');
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    let blocks = htmlBlocks(html);
    const textLength = blocks.reduce((n, b) => n + b.text.length, 0);
    if (textLength < 800) continue;
    let keptHtml: string | null = html;
    if (html.length > maxHtml) {
      // Keep clips in the "a few kB to tens of kB" range: cut long pages at a block boundary.
      let total = 0;
      blocks = blocks.filter((b) => (total += b.text.length) < maxHtml / 2);
      keptHtml = null;
    }
    const metaFile = join(dir, name, 'expected-metadata.json');
    const meta = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as Record<string, unknown>) : {};
    const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
    out.push({
      name,
      lang: 'en',
      title: str(meta.title) ?? name,
      byline: str(meta.byline),
      siteName: str(meta.siteName) ?? name,
      blocks,
      html: keptHtml,
    });
  }
  return out;
}

const blockPattern = /<(p|h[1-6]|li|blockquote|pre|td)\b[^>]*>([\s\S]*?)<\/\1>/gi;

/** Text blocks of an article body (a regex pass is enough for sanitised article HTML). */
export function htmlBlocks(html: string): CorpusBlock[] {
  const blocks: CorpusBlock[] = [];
  for (const match of html.matchAll(blockPattern)) {
    const text = decode(match[2].replace(/<[^>]+>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
    if (!text) continue;
    const tag = match[1].toLowerCase();
    blocks.push({ tag: /^h[1-2]$/.test(tag) ? 'h2' : /^h/.test(tag) ? 'h3' : tag === 'li' ? 'li' : tag === 'blockquote' ? 'blockquote' : 'p', text });
  }
  if (blocks.length === 0) {
    const text = decode(html.replace(/<[^>]+>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
    if (text) blocks.push({ tag: 'p', text });
  }
  return blocks;
}

function decode(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}
