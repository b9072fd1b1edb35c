// Lines at the head or tail of an article that only repeat what the clip already holds as
// metadata ("Geplaatst op 14 juli 2009", "door Miriam Stolten") or are page utilities
// ("Print deze pagina | Terug naar overzicht"). Readability keeps them when they carry no
// tell-tale class; in a clip they stand between the reader and the text, and the date and
// author are shown from the metadata anyway. Removed only when they say exactly what the
// metadata says, so nothing is lost.
import { findDate } from './dutch-dates.js';
import { cleanByline } from './metadata.js';

/** How many text blocks at each end of the article are looked at. */
const edgeBlocks = 4;
/** Longer blocks are prose, never a metadata line. */
const maxLineChars = 120;

// Only lines that announce the publication: "Last updated …" and bare dates say more, or
// may be part of the text, and stay.
const DATE_PREFIX = /^(?:geplaatst|gepubliceerd|gepost|published|posted)(?:\s+(?:op|on))?\s*:?\s*/i;

const UTILITY_PHRASES = new Set([
  'print',
  'printen',
  'print deze pagina',
  'print dit artikel',
  'print deze tekst',
  'afdrukken',
  'druk af',
  'terug',
  'terug naar overzicht',
  'terug naar het overzicht',
  'naar boven',
  'terug naar boven',
  'naar overzicht',
  'deel',
  'delen',
  'deel dit artikel',
  'deel deze pagina',
  'stuur door',
  'doorsturen',
  'mail',
  'e-mail',
  'mail deze pagina',
  'share',
  'share this',
  'email this',
  'back',
  'back to top',
  'back to overview',
  'tweet',
]);

const INLINE_TAGS = new Set(['A', 'B', 'I', 'EM', 'STRONG', 'SPAN', 'TIME', 'SMALL', 'BR', 'ABBR', 'SUB', 'SUP', 'U']);

const normalise = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * The first (or last) `count` elements holding only inline content and some text: the
 * "lines" at that end of the article. Walks in from the end without reading the text of
 * the containers it passes (textContent of a large container is costly in a DOM like jsdom).
 */
function edgeLines(root: Element, count: number, fromEnd: boolean): Element[] {
  const found: Element[] = [];
  const walk = (el: Element): void => {
    for (
      let child = fromEnd ? el.lastElementChild : el.firstElementChild;
      child && found.length < count;
      child = fromEnd ? child.previousElementSibling : child.nextElementSibling
    ) {
      let inlineOnly = true;
      for (let c = child.firstElementChild; c && inlineOnly; c = c.nextElementSibling) inlineOnly = INLINE_TAGS.has(c.tagName);
      if (!inlineOnly) walk(child);
      else if (normalise(child.textContent)) found.push(child);
    }
  };
  walk(root);
  return found;
}

const DATE_WORDS =
  /^(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|january|february|march|may|june|july|august|october|mar|oct|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|om|at|uur|am|pm|h|\d+(?:st|nd|rd|th|e)?)$/i;

/** "Geplaatst op 14 juli 2009": the captured publication date announced, nothing else. */
function isDateLine(text: string, published: string | null): boolean {
  if (!published) return false;
  const rest = text.replace(DATE_PREFIX, '');
  if (rest === text) return false;
  const date = findDate(rest);
  if (!date || date.slice(0, 10) !== published.slice(0, 10)) return false;
  return rest
    .split(/[\s.,:/-]+/)
    .filter(Boolean)
    .every((word) => DATE_WORDS.test(word));
}

function isBylineLine(text: string, byline: string | null): boolean {
  if (!byline || text === byline) return false; // a bare name may be a signature of the text
  const cleaned = cleanByline(text);
  return !!cleaned && cleaned !== text && cleaned.toLocaleLowerCase('nl') === byline.toLocaleLowerCase('nl');
}

function isUtilityLine(block: Element, text: string): boolean {
  // Links or buttons, not a sentence that happens to read "Terug" (asked first: it is cheaper).
  if (block.tagName !== 'A' && block.querySelector('a, button') === null) return false;
  // Dutch has no casing of its own: the plain lower case is the Dutch one.
  const parts = text
    .split(/\s*[|·•]\s*/)
    .map((p) => p.toLowerCase().replace(/[.!:]+$/, ''))
    .filter(Boolean);
  return parts.length > 0 && parts.every((p) => UTILITY_PHRASES.has(p));
}

/** Remove metadata and utility lines at the head and tail of an article root. */
export function removeMetaLines(root: Element, meta: { byline: string | null; published: string | null }): void {
  const edges = new Set([...edgeLines(root, edgeBlocks, false), ...edgeLines(root, edgeBlocks, true)]);
  for (const block of edges) {
    const text = normalise(block.textContent);
    if (text.length > maxLineChars) continue;
    if (isDateLine(text, meta.published) || isBylineLine(text, meta.byline) || isUtilityLine(block, text)) block.remove();
  }
}
