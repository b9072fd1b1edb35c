// APA 7 references for a capture, in Dutch conventions by default (Dutch month names, "z.d.",
// "Geraadpleegd op …, van URL") or English ("n.d.", "Retrieved …, from URL").
//
// Author names: "Achternaam, V." with initials. Dutch particles follow the convention of the
// APA guides of Dutch universities and universities of applied sciences (e.g. the
// "APA-richtlijnen" used across Dutch HBO): in a Dutch reference list the particle goes after
// the initials and the name sorts on the main surname — "Jaap van der Ikink" → "Ikink, J. van der".
// The English locale keeps the particle in front, as APA's own manual shows: "van der Ikink, J.".
// A byline that is not a person's name (an organisation, an editorial desk) is used as written,
// and the site name is left out when it repeats the author (APA 7, §9.7).
import type { Capture, SourceKind } from '../dossier/types.js';
import { dutchMonths, englishMonths } from './dutch-dates.js';
import { escapeHtml } from './plain-html.js';

export interface CitationOptions {
  locale?: 'nl' | 'en';
}

/** A capture as a reference describes it, with the kind of source the user chose (export/reference.ts `citedSource`). */
export type CitedCapture = Capture & { citeAs?: SourceKind };

const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'het',
  "'t",
  '’t',
  'ter',
  'ten',
  'te',
  'in',
  'op',
  'uit',
  'aan',
  'bij',
  'onder',
  'voor',
  'over',
  'la',
  'le',
  'du',
  'des',
  'da',
  'di',
  'del',
  'della',
  'dos',
  'das',
  'zu',
  'zum',
  'zur',
  'vande',
  'vanden',
  'vander',
]);
const ORGANISATION_WORDS =
  /\b(?:redactie|gemeente|stichting|vereniging|instituut|institute|universiteit|university|hogeschool|ministerie|ministry|rijksoverheid|movisie|platform|centrum|center|centre|bureau|team|desk|staff|editors?|editorial|foundation|association|council|raad|bv|b\.v\.|nv|inc|ltd|llc|group|groep|news|nieuws|werkplaats|kenniscentrum|netwerk|network|wiki\w*|online)\b/i;

interface PersonName {
  kind: 'person';
  initials: string;
  particles: string;
  surname: string;
}
interface OrgName {
  kind: 'organisation';
  name: string;
}
type Author = PersonName | OrgName;

function initialsOf(given: string[]): string {
  return given
    .map((name) =>
      name
        .split('-')
        .filter(Boolean)
        .map((part) => (/^[\p{Lu}]\.?$/u.test(part) ? `${part[0]}.` : `${Array.from(part)[0].toUpperCase()}.`))
        .join('-'),
    )
    .join(' ');
}

/** Arabic articles that belong to the surname and lead it capitalised: "Fatima el Amrani" → "El Amrani, F.". */
const ARTICLES = new Set(['el', 'al']);
const isNameToken = (t: string): boolean => /^[\p{Lu}][\p{L}'’.-]*$/u.test(t) || PARTICLES.has(t.toLowerCase()) || ARTICLES.has(t.toLowerCase());

/** Read one author as a person ("Jaap van der Ikink", "Ikink, J. van der") or an organisation. */
export function parseAuthor(raw: string): Author {
  const name = raw.replace(/\s+/g, ' ').trim();
  // Already "Surname, Given [particles]".
  const comma = name.match(/^([^,]+),\s*([^,]+)$/);
  if (comma && !ORGANISATION_WORDS.test(name)) {
    const surnameTokens = comma[1].trim().split(' ');
    const rest = comma[2].trim().split(' ');
    const given = rest.filter((t) => !PARTICLES.has(t.toLowerCase()));
    const trailing = rest.filter((t) => PARTICLES.has(t.toLowerCase()));
    const leading: string[] = [];
    while (surnameTokens.length > 1 && PARTICLES.has(surnameTokens[0].toLowerCase())) leading.push(surnameTokens.shift()!);
    if (given.length > 0 && surnameTokens.every(isNameToken)) {
      return { kind: 'person', initials: initialsOf(given), particles: [...leading, ...trailing].join(' ').toLowerCase(), surname: surnameTokens.join(' ') };
    }
  }
  const tokens = name.split(' ');
  const looksPersonal = tokens.length >= 2 && tokens.length <= 6 && tokens.every(isNameToken) && !ORGANISATION_WORDS.test(name) && !/\d/.test(name);
  if (!looksPersonal) return { kind: 'organisation', name };
  let firstParticle = tokens.findIndex((t, i) => i > 0 && (PARTICLES.has(t.toLowerCase()) || ARTICLES.has(t.toLowerCase())));
  if (firstParticle === -1 || firstParticle === tokens.length - 1) firstParticle = tokens.length - 1;
  const given = tokens.slice(0, firstParticle);
  const particles: string[] = [];
  let i = firstParticle;
  while (i < tokens.length - 1 && PARTICLES.has(tokens[i].toLowerCase())) particles.push(tokens[i++].toLowerCase());
  const surname = tokens
    .slice(i)
    .map((t, j) => (j === 0 && ARTICLES.has(t.toLowerCase()) ? `${t[0]!.toUpperCase()}${t.slice(1)}` : t))
    .join(' ');
  if (given.length === 0) return { kind: 'organisation', name };
  return { kind: 'person', initials: initialsOf(given), particles: particles.join(' '), surname };
}

/** Split a byline into author names: "A, B en C", "A & B", "A and B", "A; B". */
export function splitByline(byline: string): string[] {
  const text = byline.replace(/\s+/g, ' ').trim();
  // A single "Surname, I." form is one author, not two.
  if (/^[^,]+,\s*(?:\p{Lu}\.\s*)+(?:(?:van|de|der|den|ter|ten)\s*)*$/u.test(text)) return [text];
  return text
    .split(/\s*(?:;|&|\band\b|\ben\b|\bund\b|\bet\b|,)\s*/i)
    .map((part) => part.trim())
    .filter(Boolean);
}

function formatAuthor(author: Author, locale: 'nl' | 'en'): string {
  if (author.kind === 'organisation') return author.name;
  if (!author.particles) return `${author.surname}, ${author.initials}`;
  return locale === 'nl' ? `${author.surname}, ${author.initials} ${author.particles}` : `${author.particles} ${author.surname}, ${author.initials}`;
}

/** APA 7 author list: "A", "A, & B", "A, B, & C"; 21+ authors: first 19, "…", last. */
function formatAuthors(authors: Author[], locale: 'nl' | 'en'): string {
  const names = authors.map((a) => formatAuthor(a, locale));
  if (names.length === 1) return names[0];
  if (names.length > 20) return `${names.slice(0, 19).join(', ')}, … ${names[names.length - 1]}`;
  return `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
}

function dateParts(published: string | null): { year: number; month: number | null; day: number | null } | null {
  if (!published) return null;
  const m = published.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/);
  if (!m) return null;
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null };
}

function formatDate(published: string | null, locale: 'nl' | 'en'): string {
  const parts = dateParts(published);
  if (!parts) return locale === 'nl' ? 'z.d.' : 'n.d.';
  if (!parts.month) return String(parts.year);
  const month = (locale === 'nl' ? dutchMonths : englishMonths)[parts.month - 1];
  if (!parts.day) return `${parts.year}, ${month}`;
  return locale === 'nl' ? `${parts.year}, ${parts.day} ${month}` : `${parts.year}, ${month} ${parts.day}`;
}

function retrieval(capturedAt: number, locale: 'nl' | 'en'): string {
  const d = new Date(capturedAt);
  const [y, m, day] = [d.getFullYear(), d.getMonth(), d.getDate()];
  return locale === 'nl' ? `Geraadpleegd op ${day} ${dutchMonths[m]} ${y}, van` : `Retrieved ${englishMonths[m]} ${day}, ${y}, from`;
}

const endsWithPunctuation = (text: string): boolean => /[.?!…]$/.test(text);
const sentence = (text: string): string => (endsWithPunctuation(text) ? text : `${text}.`);

interface Parts {
  /** The author element, already ending the way APA wants before " (date)." */
  author: string | null;
  /**
   * A dated item on a named site (a blog post, a news item): APA 7 treats the site as a
   * periodical and italicises it, not the title. A web page without a date italicises its title.
   */
  periodical: boolean;
  date: string;
  title: string;
  site: string | null;
  retrieved: string | null;
  url: string;
}

function parts(capture: CitedCapture, locale: 'nl' | 'en'): Parts {
  const byline = capture.byline?.trim() || null;
  const site = capture.siteName?.trim() || null;
  const authors = byline ? splitByline(byline).map(parseAuthor) : [];
  // No person named: the organisation (site) is the author.
  const listed = authors.length ? formatAuthors(authors, locale) : site;
  const sameAsSite = !!site && !!listed && listed.toLowerCase() === site.toLowerCase();
  // A person's element ends with an initial or a particle ("Ikink, J. van der (2016)."); an
  // organisation's gets a full stop ("Movisie. (2020).").
  const last = authors[authors.length - 1];
  const author = listed && (!last || last.kind === 'organisation') ? sentence(listed) : listed;
  const url = capture.canonicalUrl || capture.url;
  // A PDF is cited as a report: the year only, the publisher after the title, no retrieval
  // date (a published document does not change); a file without an address has no URL.
  // The user may say what the source is: a report, a blog post or news item (the site is a
  // periodical, dated or not), a web page (its title in italics).
  const kind = capture.citeAs;
  const report = kind ? kind === 'report' : capture.mode === 'pdf';
  const year = dateParts(capture.published)?.year;
  const onSite = !!site && !sameAsSite;
  return {
    author,
    // A report's publisher is no periodical: the title is what APA sets in italics.
    periodical: kind === 'blog' || kind === 'news' ? onSite : kind === 'webpage' ? false : !report && onSite && dateParts(capture.published) !== null,
    date: report ? (year ? String(year) : formatDate(null, locale)) : formatDate(capture.published, locale),
    title: capture.title?.trim() || url,
    site: sameAsSite ? null : site,
    // APA asks for a retrieval date when the page may change and has no date of its own.
    retrieved: report || dateParts(capture.published) ? null : retrieval(capture.capturedAt, locale),
    url: isLocalFileUrl(url) ? '' : url,
  };
}

/** The address a file clip gets when it came without one (a dropped PDF): never cited. */
export const localFileUrlPrefix = 'https://knipsel.invalid/bestand/';
export const isLocalFileUrl = (url: string): boolean => url.startsWith(localFileUrlPrefix);

/** Plain-text APA 7 reference, e.g. "Koenen, B., & Ikink, J. (2016, 16 december). Titel. Movisie. https://…". */
export function apaReference(capture: CitedCapture, options: CitationOptions = {}): string {
  const locale = options.locale ?? 'nl';
  const p = parts(capture, locale);
  const out: string[] = [];
  if (p.author) out.push(`${p.author} (${p.date}).`, sentence(p.title));
  else out.push(sentence(p.title), `(${p.date}).`);
  if (p.site) out.push(sentence(p.site));
  if (p.url) out.push(p.retrieved ? `${p.retrieved} ${p.url}` : p.url);
  return out.join(' ');
}

/** The same reference as HTML: the site of a blog post or news item in <em>, else the title; everything escaped. */
export function apaReferenceHtml(capture: CitedCapture, options: CitationOptions = {}): string {
  const locale = options.locale ?? 'nl';
  const p = parts(capture, locale);
  const em = (text: string) => (endsWithPunctuation(text) ? `<em>${escapeHtml(text)}</em>` : `<em>${escapeHtml(text)}</em>.`);
  const title = p.periodical ? escapeHtml(sentence(p.title)) : em(p.title);
  const out: string[] = [];
  if (p.author) out.push(`${escapeHtml(p.author)} (${escapeHtml(p.date)}).`, title);
  else out.push(title, `(${escapeHtml(p.date)}).`);
  if (p.site) out.push(p.periodical ? em(p.site) : escapeHtml(sentence(p.site)));
  if (p.url) out.push(escapeHtml(p.retrieved ? `${p.retrieved} ${p.url}` : p.url));
  return out.join(' ');
}

function capitalise(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/** The name an in-text citation uses: surname with its particles, capitalised when it leads (Dutch). */
function citedName(author: Author, locale: 'nl' | 'en'): string {
  if (author.kind === 'organisation') return author.name;
  if (!author.particles) return author.surname;
  // Dutch usage (APA-richtlijnen of Dutch higher education): "Van der Ikink" when the name
  // opens the citation. APA's own manual keeps the particle as the person writes it ("van der Ikink").
  return locale === 'nl' ? `${capitalise(author.particles)} ${author.surname}` : `${author.particles} ${author.surname}`;
}

/**
 * APA 7 in-text citation for a quote from the capture: "(Koenen, 2016)", "(Ikink & Koenen,
 * 2016)", "(Ikink et al., 2016)", "(Van Regenmortel, z.d.)"; an organisation by its name; no
 * author: the title in quotes. English: "n.d.".
 */
export function apaInTextCitation(capture: Capture, options: CitationOptions = {}): string {
  const locale = options.locale ?? 'nl';
  const byline = capture.byline?.trim() || null;
  const authors = byline ? splitByline(byline).map(parseAuthor) : [];
  const year = dateParts(capture.published)?.year;
  const date = year ? String(year) : locale === 'nl' ? 'z.d.' : 'n.d.';
  let who: string;
  if (authors.length === 1) who = citedName(authors[0]!, locale);
  else if (authors.length === 2) who = `${citedName(authors[0]!, locale)} & ${citedName(authors[1]!, locale)}`;
  else if (authors.length > 2) who = `${citedName(authors[0]!, locale)} et al.`;
  else if (capture.siteName?.trim()) who = capture.siteName.trim();
  else {
    const title = capture.title?.trim() || capture.url;
    const short = title.split(/\s+/).slice(0, 4).join(' ');
    who = `“${short}${short.length < title.length ? '…' : ''}”`;
  }
  return `(${who}, ${date})`;
}
