// Metadata of a PDF for its reference: the document info dictionary and XMP first, where they
// say something real, then the first page as a reader sees it — the title in the largest type,
// the authors below it, the year, the publisher — for a report reference (APA 7: Auteur. (Jaar).
// *Titel*. Uitgever. URL). Pure: pdf-extract.ts hands in what pdf.js read.
import { parseDate } from '../dutch-dates.js';
import type { PdfLine } from './pdf-text.js';

/** Document info (`/Info`) and XMP as pdf.js gives them (XMP names lower-case, e.g. `dc:title`). */
export interface PdfSources {
  info: Record<string, unknown>;
  xmp: Record<string, string | string[]>;
  /** Lines of the first page with text (running headers and page numbers already out). */
  firstPage: PdfLine[];
  /** The body font size of the document. */
  bodySize: number;
  /** The file's name, when it came as a file (a title that only repeats it is no title). */
  fileName?: string | null;
}

export interface PdfMetadata {
  title: string | null;
  byline: string | null;
  /** The publisher (for a report the organisation that issued it). */
  publisher: string | null;
  /** ISO date or year ("2016", "2016-12", "2016-12-16"). */
  published: string | null;
  lang: string | null;
  description: string | null;
  /** Where the title came from, for tests and the warning on a guessed title. */
  titleSource: 'info' | 'xmp' | 'first-page' | null;
}

const text = (value: unknown): string | null => {
  const raw = Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : null;
  const clean = raw
    ?.replace(/[\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean || null;
};

/** Titles programs write on their own: "about:blank", "Microsoft Word - x.docx", "Untitled", a file name. */
export function isJunkTitle(title: string, fileName?: string | null): boolean {
  const t = title.trim();
  if (t.length < 3 || !/\p{L}{2}/u.test(t)) return true;
  if (/^(about:blank|untitled|naamloos|titel|title|document\d*|presentatie\d*|presentation\d*|slide \d+|powerpoint[- ]presentatie|knipsel)$/i.test(t)) return true;
  if (/^(microsoft (word|powerpoint|excel)|adobe indesign|word)\s*-\s*/i.test(t)) return true;
  if (/\.(docx?|pdf|indd|pptx?|xlsx?|odt|rtf|txt|qxp|pages|tex)$/i.test(t)) return true;
  if (/^(https?:|file:|[a-z]:\\|\/)/i.test(t)) return true;
  if (fileName && t.toLowerCase() === fileName.replace(/\.pdf$/i, '').toLowerCase()) return true;
  return false;
}

/** Authors programs write on their own: account names, "Administrator", "Gebruiker". */
export function isJunkAuthor(author: string): boolean {
  const a = author.trim();
  if (a.length < 3 || !/\p{L}{2}/u.test(a)) return true;
  if (/^(admin(istrator)?|user|gebruiker|owner|eigenaar|windows[- ]gebruiker|windows user|microsoft office user|auteur|author|unknown|onbekend|[a-z]+\d*|[a-z]+\.[a-z]+)$/i.test(a))
    return true;
  return /[@\\/]|\d{3,}/.test(a);
}

const MONTHS = '(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|may|june|july|august|october)';
const monthYear = new RegExp(`\\b(${MONTHS})\\s+((?:19|20)\\d{2})\\b`, 'i');
const yearOnly = /(?:©|\(c\)|copyright|uitgave|jaar|editie)?\s*\b((?:19[5-9]|20[0-4])\d)\b/i;
const monthNumber: Record<string, number> = {
  januari: 1,
  january: 1,
  februari: 2,
  february: 2,
  maart: 3,
  march: 3,
  april: 4,
  mei: 5,
  may: 5,
  juni: 6,
  june: 6,
  juli: 7,
  july: 7,
  augustus: 8,
  august: 8,
  september: 9,
  oktober: 10,
  october: 10,
  november: 11,
  december: 12,
};

/** A date on the first page: a full date, "december 2016", or a year (© 2016 first). */
export function firstPageDate(lines: PdfLine[]): string | null {
  for (const line of lines) {
    const full = line.text.length < 80 ? parseDate(line.text) : null;
    if (full && /^\d{4}-\d{2}-\d{2}/.test(full)) return full.slice(0, 10);
  }
  for (const line of lines) {
    const m = line.text.match(monthYear);
    if (m) return `${m[2]}-${String(monthNumber[m[1].toLowerCase()]).padStart(2, '0')}`;
  }
  const copyright = lines.find((l) => /©|\(c\)|copyright/i.test(l.text) && yearOnly.test(l.text));
  const line = copyright ?? lines.find((l) => l.text.length < 60 && yearOnly.test(l.text));
  return line?.text.match(yearOnly)?.[1] ?? null;
}

const ORGANISATION =
  /\b(instituut|institute|kenniscentrum|kennisinstituut|movisie|verwey-jonker|vilans|nji|platform|werkplaats|gemeente|hogeschool|universiteit|university|stichting|vereniging|ministerie|raad|centrum|bureau|academie|uitgeverij|press|publishers?|netwerk|federatie|alliantie|partners)\b/i;

const NAME = String.raw`\p{Lu}[\p{L}'’.-]*`;
const PARTICLE = String.raw`(?:van|de|der|den|het|ter|ten|te|in|op|von|la|le|du|da|di)`;
const PERSON = String.raw`${NAME}(?:\s+(?:${PARTICLE}\s+)*${NAME}){1,4}`;
const personList = new RegExp(String.raw`^(${PERSON}(?:\s*(?:,|&|\ben\b|\band\b)\s*${PERSON})*)$`, 'u');

/** Whether a line names people ("Jaap Ikink en Ben Koenen", "door Miriam Stolten"); returns the names. */
export function authorLine(line: string): string | null {
  const clean = line
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:door|auteurs?|tekst|geschreven door|by|authors?)\s*:?\s+/i, '');
  if (clean.length > 160 || /\d/.test(clean) || ORGANISATION.test(clean)) return null;
  const m = clean.match(personList);
  if (!m) return null;
  const names = m[1];
  // A sentence in title case is not a list of names: every part must be short.
  if (names.split(/\s*(?:,|&|\ben\b|\band\b)\s*/).some((part) => part.split(' ').length > 5)) return null;
  return names;
}

interface FirstPage {
  title: string | null;
  authors: string | null;
  publisher: string | null;
}

/** Read the first page as a cover or title page: the largest type is the title. */
export function readFirstPage(lines: PdfLine[], bodySize: number): FirstPage {
  if (lines.length === 0) return { title: null, authors: null, publisher: null };
  const largest = Math.max(...lines.map((l) => l.size));
  let title: string | null = null;
  let titleEnd = -1;
  let titleStart = -1;
  if (largest >= bodySize * 1.25) {
    titleStart = lines.findIndex((l) => l.size >= largest - 0.5);
    const parts: string[] = [];
    let i = titleStart;
    // A title set over several lines: consecutive lines in the same type.
    while (i < lines.length && lines[i].size >= largest - 0.5 && parts.join(' ').length < 250) parts.push(lines[i++].text);
    titleEnd = i - 1;
    title = parts.join(' ').replace(/\s+/g, ' ').trim() || null;
  }
  let authors: string | null = null;
  let authorsText: string | null = null;
  const after = titleEnd >= 0 ? lines.slice(titleEnd + 1) : lines;
  for (const line of after.slice(0, 8)) {
    authors = authorLine(line.text);
    if (authors) {
      authorsText = line.text;
      break;
    }
  }
  const isDate = (t: string) => monthYear.test(t) || /^\D{0,20}(19|20)\d{2}\D{0,3}$/.test(t) || !!(t.length < 40 && parseDate(t));
  const candidates = lines.filter(
    (line, i) =>
      (i < titleStart || i > titleEnd) &&
      line.text.length <= 70 &&
      line.text.split(' ').length <= 8 &&
      !/[.?!;]$|[.?!;:]\s/.test(line.text) &&
      !isDate(line.text) &&
      line.text !== authorsText &&
      !/^(rapport|report|verslag|handreiking|notitie|publicatie|onderzoek|inhoud|inhoudsopgave)$/i.test(line.text),
  );
  const publisher =
    candidates.find((line) => ORGANISATION.test(line.text))?.text ??
    // On a cover, the line above the title in smaller type is the series or the publisher.
    (titleStart > 0 ? candidates.find((line) => lines.indexOf(line) < titleStart && lines.indexOf(line) >= titleStart - 3)?.text : undefined) ??
    null;
  return { title, authors, publisher: publisher?.replace(/^(uitgave|uitgever|publisher|©)\s*:?\s*/i, '').replace(/^(©|\(c\))\s*((19|20)\d{2})?\s*/i, '') || null };
}

/** Dutch or English from the most frequent function words; null when neither is clear. */
export function guessLang(sample: string): string | null {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 30) return null;
  const nl = new Set(['de', 'het', 'een', 'en', 'van', 'dat', 'niet', 'zijn', 'voor', 'met', 'ook', 'wordt', 'bij', 'naar', 'om']);
  const en = new Set(['the', 'and', 'of', 'to', 'is', 'that', 'for', 'with', 'are', 'this', 'be', 'not', 'from']);
  let dutch = 0;
  let english = 0;
  for (const w of words) {
    if (nl.has(w)) dutch++;
    if (en.has(w)) english++;
  }
  if (dutch > english * 2 && dutch / words.length > 0.08) return 'nl';
  if (english > dutch * 2 && english / words.length > 0.08) return 'en';
  return null;
}

/** PDF dates ("D:20161216093000+01'00'") and XMP dates to ISO. */
export function pdfDate(value: unknown): string | null {
  const raw = text(value);
  if (!raw) return null;
  const pdf = raw.match(/^D:(\d{4})(\d{2})?(\d{2})?/);
  if (pdf) return [pdf[1], pdf[2], pdf[3]].filter(Boolean).join('-');
  const iso = raw.match(/^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/);
  return iso ? [iso[1], iso[2], iso[3]].filter(Boolean).join('-') : null;
}

/** A PDF printed by a browser or a print driver: its dates say when it was printed. */
function isPrintout(info: Record<string, unknown>, xmp: Record<string, string | string[]>): boolean {
  const tools = [info.Creator, info.Producer, xmp['xmp:creatortool'], xmp['pdf:producer']].map(text).join(' ');
  return /mozilla\/|skia\/pdf|chrom(e|ium)|firefox|safari|print to pdf|quartz pdfcontext|cairo|wkhtmltopdf|pdf24|cutepdf|microsoft: print/i.test(tools);
}

/** The metadata of a PDF from its info, XMP and first page, each field from the best source. */
export function pdfMetadata(sources: PdfSources, sample: string): PdfMetadata {
  const { info, xmp } = sources;
  const page = readFirstPage(sources.firstPage, sources.bodySize);
  const infoTitle = text(info.Title);
  const xmpTitle = text(xmp['dc:title']);
  let title: string | null = null;
  let titleSource: PdfMetadata['titleSource'] = null;
  if (infoTitle && !isJunkTitle(infoTitle, sources.fileName)) [title, titleSource] = [infoTitle, 'info'];
  else if (xmpTitle && !isJunkTitle(xmpTitle, sources.fileName)) [title, titleSource] = [xmpTitle, 'xmp'];
  else if (page.title) [title, titleSource] = [page.title, 'first-page'];

  const infoAuthor = text(info.Author) ?? text(xmp['dc:creator']);
  const byline = infoAuthor && !isJunkAuthor(infoAuthor) ? infoAuthor : page.authors;

  const printout = isPrintout(info, xmp);
  // A web page printed to PDF keeps the page's title, "Kop | Site" or "Kop - Site": the site
  // is the publisher (the first lines of such a page are banners and menus, not a cover).
  let titleSite: string | null = null;
  const split = printout && titleSource === 'info' && title ? title.match(/^(.{8,}?)\s+[|–—-]\s+([^|–—]{2,40})$/) : null;
  if (split) [title, titleSite] = [split[1].trim(), split[2].trim()];
  const published = firstPageDate(sources.firstPage) ?? (printout ? null : (pdfDate(xmp['dc:date']) ?? pdfDate(xmp['xmp:createdate']) ?? pdfDate(info.CreationDate)));

  const publisher = text(xmp['dc:publisher']) ?? titleSite ?? page.publisher;
  const declared = text(info.Language) ?? text(xmp['dc:language']);
  const lang = declared && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(declared) ? declared.toLowerCase() : guessLang(sample);
  const description = text(info.Subject) ?? text(xmp['dc:description']);
  return { title, byline, publisher, published, lang, description, titleSource };
}
