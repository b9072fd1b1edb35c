// Dates as pages write them — "16 december 2016", "ma 3 feb. 2020", "2016-12-16",
// "December 16, 2016", "16-12-2016" — parsed to ISO 8601, for metadata extraction.

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  january: 1,
  februari: 2,
  feb: 2,
  febr: 2,
  february: 2,
  maart: 3,
  mrt: 3,
  mar: 3,
  march: 3,
  mars: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  augustus: 8,
  aug: 8,
  august: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** Dutch month names, for formatting ("16 december 2016"). */
export const dutchMonths = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
/** English month names, for formatting ("December 16, 2016"). */
export const englishMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const WEEKDAY =
  '(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\\.?,?\\s+)?';
const TIME = '(?:,?\\s*(?:om|at|,|-|–)?\\s*(\\d{1,2})[:.](\\d{2})(?:\\s*uur)?)?';

const pad = (n: number): string => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function build(y: number, m: number, d: number, hh?: string, mm?: string): string | null {
  if (!validDate(y, m, d)) return null;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  if (hh !== undefined && mm !== undefined) {
    const h = Number(hh);
    const mi = Number(mm);
    if (h < 24 && mi < 60) return `${date}T${pad(h)}:${pad(mi)}`;
  }
  return date;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const PATTERNS: Array<{ re: RegExp; parts: (m: RegExpMatchArray) => string | null }> = [
  // 16 december 2016, ma 3 feb. 2020, 2 juli 2009 om 14:30, 16th December 2016
  {
    re: new RegExp(`${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th|e|ste|de)?\\.?\\s+(${MONTH_ALT})\\.?,?\\s+(\\d{4})${TIME}`, 'i'),
    parts: (m) => build(Number(m[3]), MONTHS[m[2].toLowerCase()], Number(m[1]), m[4], m[5]),
  },
  // December 16, 2016 / Dec. 16 2016
  {
    re: new RegExp(`${WEEKDAY}(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}`, 'i'),
    parts: (m) => build(Number(m[3]), MONTHS[m[1].toLowerCase()], Number(m[2]), m[4], m[5]),
  },
  // 2016-12-16 or 2016/12/16 inside text
  { re: /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/, parts: (m) => build(Number(m[1]), Number(m[2]), Number(m[3])) },
  // 16-12-2016, 16/12/2016, 16.12.2016 (day first, as in Dutch)
  {
    re: new RegExp(`\\b(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})\\b${TIME}`),
    parts: (m) => build(Number(m[3]), Number(m[2]), Number(m[1]), m[4], m[5]),
  },
];

/**
 * Parse one date string to ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS][zone]` when the
 * input carries a time. Returns null when no date can be read. Day-first for numeric dates.
 */
export function parseDate(input: string | null | undefined): string | null {
  if (!input) return null;
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const iso = text.match(ISO);
  if (iso) {
    const [, y, m, d, hh, mm, ss, frac, zone] = iso;
    if (!validDate(Number(y), Number(m), Number(d))) return null;
    if (hh === undefined) return `${y}-${m}-${d}`;
    let out = `${y}-${m}-${d}T${hh}:${mm}${ss ? `:${ss}` : ''}${frac ?? ''}`;
    if (zone) out += zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    return out;
  }
  // RFC 2822 and similar ("Thu, 05 Apr 2018 06:00:00 GMT") via the platform parser.
  if (/^(?:[a-z]{3},? )?\d{1,2} [a-z]{3} \d{4} \d{1,2}:\d{2}/i.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  const found = findDate(text);
  if (found) return found;
  return null;
}

/** The first date written anywhere in a piece of text, as ISO 8601, or null. */
export function findDate(text: string | null | undefined): string | null {
  if (!text) return null;
  let best: { index: number; value: string } | null = null;
  for (const { re, parts } of PATTERNS) {
    const m = text.match(re);
    if (!m || m.index === undefined) continue;
    const value = parts(m);
    if (value && (!best || m.index < best.index)) best = { index: m.index, value };
  }
  return best?.value ?? null;
}

/** "16 december 2016" (nl) or "December 16, 2016" (en) for an ISO date; null if unreadable. */
export function formatLongDate(iso: string, locale: 'nl' | 'en' = 'nl'): string | null {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return locale === 'nl' ? `${d} ${dutchMonths[mo - 1]} ${y}` : `${englishMonths[mo - 1]} ${d}, ${y}`;
}
