// Deterministic, realistic clips for the benchmarks, made from fixture texts. Browser-safe
// (no Node imports): the same code builds the clips in Node (search) and in the bench page
// in Chromium (open/add/memory), so both measure the same data.
//
// Every other clip is Dutch (a window of paragraphs from tests/fixtures/domain-texts, so the Dutch
// search queries find something); the rest are the article bodies of Mozilla Readability's
// test pages (expected.html, already sanitised article HTML). Sizes: html from about 1 kB to
// 60 kB (median around 8 kB), plus markdown and text of the same content.
import type { Capture, CaptureMode } from '@knipsel/core';

export interface CorpusBlock {
  tag: 'p' | 'h2' | 'h3' | 'li' | 'blockquote';
  text: string;
}

/** One fixture text, reduced to blocks (and its original article HTML where there is one). */
export interface CorpusSource {
  name: string;
  lang: 'nl' | 'en';
  title: string;
  byline: string | null;
  siteName: string | null;
  blocks: CorpusBlock[];
  /** The article HTML as Readability extracted it (English pages); null for plain texts. */
  html: string | null;
}

export interface CorpusClip {
  capture: Capture;
  /** A reflection for about a third of the clips. */
  note: string;
  /** Preset theme ids (0–3). */
  themes: string[];
}

const dutchSites = ['Movisie', 'Sociaal Werk Nederland', 'Wmo-werkplaatsen', 'Kennisplein Sociaal Werk', 'Buurtwerk Utrecht', 'Platform31'];
const dutchAuthors = ['Ben Koenen', 'Wietske Gercama', 'Marcel Spierts', 'Joeri van de Riet', 'Fatima el Amrani', null];
const reflections = [
  'Dit voorbeeld laat zien hoe de opbouwwerker aansluit bij de leefwereld van bewoners. Bruikbaar voor mijn eigen wijk: eerst luisteren, dan pas verbinden.',
  'Mooi hoe hier eigen kracht en wederkerigheid samenkomen. Ik wil dit bespreken in het wijkteam en kijken wat we kunnen overnemen.',
  'Reflectie: ik herken de valkuil om het probleem over te nemen. De buurtbewoners hadden zelf al een plan; mijn rol was ruimte maken.',
  'Bewijs voor competentie 3 (verbinden van talenten). In het gesprek met de vrijwilligers heb ik dezelfde aanpak geprobeerd.',
  'Vraag voor de intervisie: hoe houd je vol als bewonersinitiatieven na een jaar stilvallen? Het artikel geeft daar een paar ideeën over.',
];

/** The preset theme ids the clips are tagged with (pass a subset of real preset ids). */
export function makeCorpus(sources: CorpusSource[], themeIds: readonly string[]) {
  const dutch = sources.filter((s) => s.lang === 'nl');
  const english = sources.filter((s) => s.lang === 'en');
  const dutchBlocks = dutch.flatMap((source) => source.blocks.map((block) => ({ source, block })));
  if (dutchBlocks.length === 0 || english.length === 0) throw new Error('The bench corpus needs Dutch and English sources.');

  /** Clip number `i` (0-based); the same `i` always gives the same clip. */
  function clip(i: number): CorpusClip {
    const random = mulberry32(i * 2654435761 + 17);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    let source: CorpusSource;
    let blocks: CorpusBlock[];
    let html: string;
    if (i % 2 === 0) {
      // Dutch: a window of 6–42 paragraphs from the domain texts, starting anywhere.
      const start = Math.floor(random() * dutchBlocks.length);
      const length = 6 + Math.floor(random() * random() * 36);
      const window = Array.from({ length }, (_, k) => dutchBlocks[(start + k) % dutchBlocks.length]);
      source = window[0].source;
      blocks = window.map((w) => w.block);
      html = blocks.map(blockHtml).join('\n');
    } else {
      source = english[Math.floor(i / 2) % english.length];
      blocks = source.blocks;
      html = source.html ?? blocks.map(blockHtml).join('\n');
    }
    const text = blocks.map((b) => b.text).join('\n\n');
    const markdown = blocks.map(blockMarkdown).join('\n\n');
    const words = text.split(/\s+/).filter(Boolean);
    const headline = (blocks.find((b) => b.text.length > 20)?.text ?? source.title).slice(0, 90);
    const nl = source.lang === 'nl';
    const site = nl ? pick(dutchSites) : source.siteName;
    const url = nl ? `https://www.${slug(site ?? 'wijkplatform')}.nl/praktijk/${i}-${slug(headline).slice(0, 40)}` : `https://example.org/${source.name}/${i}`;
    const mode: CaptureMode = random() < 0.85 ? 'article' : random() < 0.7 ? 'selection' : 'page';
    const capturedAt = 1_600_000_000_000 + Math.floor(random() * 250_000_000_000);
    const capture: Capture = {
      url,
      canonicalUrl: url,
      title: nl ? `${headline} — praktijkvoorbeeld ${i}` : `${source.title} (${i})`,
      byline: nl ? pick(dutchAuthors) : source.byline,
      siteName: site,
      published: random() < 0.7 ? new Date(capturedAt - Math.floor(random() * 3e10)).toISOString().slice(0, 10) : null,
      lang: source.lang,
      description: random() < 0.6 ? text.slice(0, 160) : null,
      image: random() < 0.4 ? `${url.replace(/\/[^/]*$/, '')}/beeld-${i}.jpg` : null,
      html,
      markdown,
      text,
      wordCount: words.length,
      capturedAt,
      mode,
    };
    const themeCount = Math.floor(random() * 4);
    const themes = [...new Set(Array.from({ length: themeCount }, () => pick(themeIds)))];
    const note = random() < 0.35 ? pick(reflections) : '';
    return { capture, note, themes };
  }

  return { clip, sources: sources.length, dutchBlocks: dutchBlocks.length };
}

function blockHtml(block: CorpusBlock): string {
  return `<${block.tag}>${escapeHtml(block.text)}</${block.tag}>`;
}

function blockMarkdown(block: CorpusBlock): string {
  switch (block.tag) {
    case 'h2':
      return `## ${block.text}`;
    case 'h3':
      return `### ${block.text}`;
    case 'li':
      return `- ${block.text}`;
    case 'blockquote':
      return `> ${block.text}`;
    default:
      return block.text;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Search-as-you-type: every prefix of each query, as a user types it (no trailing spaces). */
export function keystrokes(queries: readonly string[]): string[] {
  const out: string[] = [];
  for (const query of queries) {
    for (let n = 1; n <= query.length; n++) {
      const prefix = query.slice(0, n);
      if (!prefix.endsWith(' ')) out.push(prefix);
    }
  }
  return out;
}

/** Realistic Dutch queries of a community worker looking through their dossier. */
export const dutchQueries = [
  'buurt bewoners',
  'eigen kracht',
  'opbouwwerker',
  'wijkteam samenwerking',
  'ideeën',
  'talenten verbinden',
  'vrijwilligers',
  'transformatie sociaal domein',
];
