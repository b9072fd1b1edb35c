// Page metadata — title, byline, site, published date, language, canonical URL, description,
// image — from JSON-LD, OpenGraph, citation_*, Dublin Core, microdata, <time> and visible text.
import { findDate, parseDate } from './dutch-dates.js';
import { clean, jsonLdFacts } from './json-ld.js';
import { absoluteUrl } from './urls.js';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  published: string | null;
  lang: string | null;
  canonicalUrl: string | null;
  description: string | null;
  image: string | null;
}

function decodeEntities(doc: Document, value: string | null): string | null {
  if (!value || !/&[#a-z0-9]+;/i.test(value)) return value;
  const t = doc.createElement('textarea');
  t.innerHTML = value;
  return t.value;
}

/** Meta tag content by name/property (case-insensitive), first non-empty. */
function metaIndex(doc: Document): (...keys: string[]) => string | null {
  const index = new Map<string, string[]>();
  for (const meta of Array.from(doc.querySelectorAll('meta[content]'))) {
    const content = clean(meta.getAttribute('content'));
    if (!content) continue;
    const keys = [meta.getAttribute('name'), meta.getAttribute('property'), meta.getAttribute('itemprop')]
      .filter((k): k is string => !!k)
      .flatMap((k) => k.toLowerCase().split(/\s+/));
    for (const key of keys) {
      const list = index.get(key) ?? [];
      list.push(decodeEntities(doc, content) ?? content);
      index.set(key, list);
    }
  }
  const get = (...keys: string[]): string | null => {
    for (const key of keys) {
      const found = index.get(key.toLowerCase());
      if (found?.length) return found[0];
    }
    return null;
  };
  (get as unknown as { all: (k: string) => string[] }).all = (k: string) => index.get(k.toLowerCase()) ?? [];
  return get;
}

const BYLINE_PREFIX = /^(?:(?:geschreven|written|posted|geplaatst|gepubliceerd|published)\s+)?(?:door|by|von|par|por|van|auteur:?|author:?|tekst:?)\s+/i;

/** "Door Ben Koenen · 16 december 2016" → "Ben Koenen". */
export function cleanByline(value: string | null | undefined): string | null {
  let text = clean(value ?? null);
  if (!text) return null;
  text = text.replace(BYLINE_PREFIX, '');
  // Cut a trailing date, separator or "op <datum>".
  text = text.replace(/\s*(?:[|·•—–]|\bop\b|\bon\b|,)\s*(?:\w+\s+)?\d{1,2}[\s./-].*$/i, '');
  text = text.replace(/\s*[|·•—–]\s*$/, '').replace(/^[|·•—–:,]\s*/, '');
  text = text.trim();
  if (!text || text.length > 120 || /^https?:\/\//.test(text)) return null;
  return text;
}

/** Join several author names the way a page would: "A, B en C" (nl) or "A, B and C". */
export function joinNames(list: string[], lang: string | null): string | null {
  const unique = [...new Set(list.map((n) => n.trim()).filter(Boolean))];
  if (unique.length === 0) return null;
  if (unique.length === 1) return unique[0];
  const and = lang?.toLowerCase().startsWith('nl') ? ' en ' : ' and ';
  return `${unique.slice(0, -1).join(', ')}${and}${unique[unique.length - 1]}`;
}

const AUTHOR_MARK = /(?:^|[\s_-])(?:byline|author|auteur|writer|p-author)(?:$|[\s_-])/i;
const DATE_MARK = /(?:^|[\s_-])(?:date|datum|published|pubdate|post-date|entry-date|posted-on|meta|post-meta|entry-meta|dateline)(?:$|[\s_-])/i;
const BYLINE_TEXT =
  /^(?:(?:[Gg]eschreven|[Gg]epubliceerd|[Gg]eplaatst|[Ww]ritten)\s+)?(?:[Dd]oor|[Bb]y)\s+([\p{Lu}][\p{L}.'’-]+(?:\s+(?:(?:van|de|der|den|het|ter|ten|te|von|du|la|le)\s+)*[\p{Lu}][\p{L}.'’-]+){0,3}(?:\s*(?:,|en|and|&)\s+[\p{Lu}][\p{L}.'’-]+(?:\s+(?:(?:van|de|der|den|ter|ten)\s+)*[\p{Lu}][\p{L}.'’-]+){0,3})*)/u;
const MAX_SCAN = 4000;

/** The <article>/<main> holding the most text (comments are often <article>s too), else the body. */
function mainScope(doc: Document, bodyText: () => string): Element | null {
  let best: Element | null = null;
  let bestLength = 0;
  for (const el of Array.from(doc.querySelectorAll('article, main, [role="main"], [itemprop~="articleBody"]'))) {
    const length = (el.textContent ?? '').length;
    if (length > bestLength) {
      best = el;
      bestLength = length;
    }
  }
  const bodyLength = bodyText().length;
  return best && bestLength > bodyLength * 0.3 ? best : doc.body;
}

/**
 * The page's one <h1>, when the document title is that heading plus two or more site parts
 * ("Site - Nieuws - Heading"): Readability strips one site part well, but not a chain of them.
 */
export function headingTitle(doc: Document): string | null {
  const h1s = doc.getElementsByTagName('h1');
  if (h1s.length !== 1) return null;
  const heading = clean(h1s[0].textContent)?.replace(/^[‘'"“]|[’'"”]$/g, '');
  const title = clean(doc.title);
  if (!heading || !title || heading === title) return null;
  const segments = title.split(/\s+[|\-–—:»·/]\s+/).map((x) => x.trim());
  return segments.length > 2 && segments.includes(heading) ? heading : null;
}

/** Whether the text under `el` (as `textContent` has it) is at most `max` characters: stops reading past that. */
function textAtMost(el: Element, max: number): boolean {
  let n = 0;
  const walk = (node: Node): boolean => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      const type = child.nodeType;
      if (type === 3 || type === 4) n += (child as CharacterData).length;
      else if (type === 1 && !walk(child)) return false;
      if (n > max) return false;
    }
    return true;
  };
  return walk(el);
}

/** Byline and date from markup and visible text: rel/itemprop/class markers, <time>, "door …". */
export function textBylineAndDate(doc: Document, bodyText: () => string): { byline: string | null; published: string | null } {
  let byline: string | null = null;
  let published: string | null = null;
  const scope = mainScope(doc, bodyText);
  if (!scope) return { byline, published };
  const all = scope.getElementsByTagName('*');
  const n = Math.min(all.length, MAX_SCAN);
  let markedAuthor: Element | null = null;
  let timeEl: Element | null = null;
  let markedDate: Element | null = null;
  const shortTexts: Element[] = [];
  for (let i = 0; i < n; i++) {
    const el = all[i];
    const tag = el.tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE') continue;
    const itemprop = el.getAttribute('itemprop') ?? '';
    const cls = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (!markedAuthor && ((el.getAttribute('rel') ?? '').includes('author') || /\bauthor\b/.test(itemprop) || (AUTHOR_MARK.test(cls) && !/comment|reactie/i.test(cls))))
      markedAuthor = el;
    if (/\bdatePublished\b/.test(itemprop) || (tag === 'TIME' && el.hasAttribute('pubdate'))) {
      if (!timeEl || timeEl.tagName === 'TIME') timeEl = el;
    } else if (!timeEl && tag === 'TIME' && el.hasAttribute('datetime')) timeEl = el;
    if (!markedDate && (tag === 'TIME' || (DATE_MARK.test(cls) && !/update/i.test(cls)))) markedDate = el;
    if (shortTexts.length < 300 && (tag === 'P' || tag === 'SPAN' || tag === 'DIV' || tag === 'LI' || tag === 'SMALL' || tag === 'ADDRESS') && textAtMost(el, 160))
      shortTexts.push(el);
  }
  if (markedAuthor) {
    const nameEl = markedAuthor.querySelector('[itemprop~="name"]') ?? markedAuthor;
    const text = cleanByline(nameEl.getAttribute('content') ?? nameEl.textContent);
    if (text && text.split(/\s+/).length <= 12) byline = text;
  }
  if (timeEl) published = parseDate(timeEl.getAttribute('datetime') ?? timeEl.getAttribute('content')) ?? findDate(timeEl.textContent);
  if (!published) {
    const anyTime = doc.querySelector('time[datetime]');
    if (anyTime) published = parseDate(anyTime.getAttribute('datetime'));
  }
  if (!published && markedDate) published = findDate(markedDate.textContent);
  if (!byline || !published) {
    // "door Ben Koenen" / "By Jane Doe" in a short line of the content.
    for (const el of shortTexts) {
      const text = clean(el.textContent);
      if (!text) continue;
      if (!byline) {
        const m = text.match(BYLINE_TEXT);
        if (m) byline = m[1];
      }
      if (!published && text.length < 80) published = findDate(text);
      if (byline && published) break;
    }
  }
  return { byline, published };
}

function normaliseLang(value: string | null | undefined): string | null {
  const text = clean(value ?? null);
  if (!text) return null;
  const tag = text.replace(/_/g, '-').split(/[,;\s]/)[0];
  return /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(tag) ? tag : null;
}

/**
 * Metadata of a page from every source it offers, best source first per field. `bodyText`:
 * the text of `doc.body`, when the caller shares one reading of it. `scanText: false` leaves
 * out the last, costly source (byline and date from the visible text, `textBylineAndDate`):
 * a byline or date still null then is filled from it by the caller when it needs one.
 */
export function collectMetadata(doc: Document, url: string, bodyText: () => string = () => doc.body?.textContent ?? '', scanText = true): PageMetadata {
  const meta = metaIndex(doc);
  const ld = jsonLdFacts(doc);
  // Scanning the visible text is the costly source: only when the markup leaves a gap.
  let scanned: { byline: string | null; published: string | null } | null = null;
  const none = { byline: null, published: null };
  const text = (): { byline: string | null; published: string | null } => (scanned ??= scanText ? textBylineAndDate(doc, bodyText) : none);
  const citationAuthors = (meta as unknown as { all: (k: string) => string[] }).all('citation_author');

  const title =
    clean(ld.title) ??
    meta('citation_title', 'og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'parsely-title', 'sailthru.title') ??
    clean(doc.querySelector('h1')?.textContent) ??
    clean(doc.title);

  const rawBylines = ld.authors.length ? ld.authors : citationAuthors.length ? citationAuthors : [];
  const metaAuthor = meta('author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'byl', 'article:author', 'twitter:creator');
  const lang =
    normaliseLang(doc.documentElement?.getAttribute('lang')) ??
    normaliseLang(doc.documentElement?.getAttribute('xml:lang')) ??
    normaliseLang(ld.lang) ??
    normaliseLang(meta('og:locale', 'dc.language', 'dcterms.language', 'content-language', 'language')) ??
    normaliseLang(doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content'));
  let byline = joinNames(
    rawBylines.map((n) => cleanByline(n) ?? n),
    lang,
  );
  if (!byline && metaAuthor && !/^https?:\/\/|^@/.test(metaAuthor)) byline = cleanByline(metaAuthor);
  if (!byline) byline = text().byline;

  const published =
    parseDate(ld.published) ??
    parseDate(
      meta(
        'article:published_time',
        'citation_publication_date',
        'citation_date',
        'citation_online_date',
        'dc.date',
        'dc.date.issued',
        'dcterms.date',
        'dcterms.issued',
        'dcterms.created',
        'parsely-pub-date',
        'sailthru.date',
        'pubdate',
        'publish-date',
        'date',
        'og:published_time',
        'datepublished',
      ),
    ) ??
    text().published;

  const canonical = absoluteUrl(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), url) ?? absoluteUrl(meta('og:url'), url);

  return {
    title,
    byline,
    siteName:
      clean(ld.siteName) ?? meta('og:site_name', 'citation_journal_title', 'application-name', 'dc.publisher', 'citation_publisher', 'twitter:site')?.replace(/^@/, '') ?? null,
    published,
    lang,
    canonicalUrl: canonical && /^https?:/i.test(canonical) ? canonical : null,
    description: meta('description', 'og:description', 'twitter:description', 'dc.description', 'dcterms.abstract') ?? clean(ld.description),
    image: absoluteUrl(meta('og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src') ?? ld.image, url),
  };
}
