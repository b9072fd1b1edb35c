// From the positioned text runs pdf.js gives per page to readable text: lines, paragraphs,
// headings, words split over lines joined again, and running headers, footers and page
// numbers left out. Pure: no pdf.js here (pdf-extract.ts feeds it), so it is tested on its own.

/** One run of text as pdf.js reports it, reduced to what layout needs. */
export interface PdfTextItem {
  str: string;
  /** Baseline start, PDF units from the bottom left. */
  x: number;
  y: number;
  width: number;
  /** Font size (vertical scale of the text matrix). */
  size: number;
  /** pdf.js: a line ends after this run. */
  eol: boolean;
}

export interface PdfPageInput {
  items: PdfTextItem[];
  width: number;
  height: number;
  /** The printed page label ("12", "iv") or the page's number. */
  label: string;
}

export interface PdfLine {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

export interface PdfParagraph {
  text: string;
  heading: boolean;
}

export interface PdfPageText {
  label: string;
  paragraphs: PdfParagraph[];
}

/** Lines of one page in content order (which is reading order for nearly every PDF). */
export function pageLines(page: PdfPageInput): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: PdfLine | null = null;
  const flush = () => {
    if (current && current.text.trim()) lines.push({ ...current, text: current.text.replace(/\s+/g, ' ').trim() });
    current = null;
  };
  for (const item of page.items) {
    const str = item.str.replace(/[\u0000-\u0008\u000b-\u001f]/g, '');
    if (str) {
      const line = current as PdfLine | null;
      if (line && Math.abs(item.y - line.y) > 0.5 * Math.max(item.size, line.size, 1)) flush();
      if (!current) {
        current = { text: str, x0: item.x, x1: item.x + item.width, y: item.y, size: item.size };
      } else {
        const open: PdfLine = current;
        const gap = item.x - open.x1;
        if (gap > 0.2 * Math.max(item.size, 1) && !/\s$/.test(open.text) && !/^\s/.test(str)) open.text += ' ';
        open.text += str;
        open.x1 = Math.max(open.x1, item.x + item.width);
        if (str.trim()) open.size = Math.max(open.size, item.size);
      }
    }
    if (item.eol) flush();
  }
  flush();
  return lines;
}

const pageNumberLine = /^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?(?:\s*(?:van|of|\/)\s*\d{1,4})?$/i;
const normaliseRepeat = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/**
 * Lines in the top or bottom band of a page that repeat on many pages (running headers and
 * footers, digits ignored) or are only a page number. Returns a predicate per page.
 */
function marginalLines(pages: PdfPageInput[], lines: PdfLine[][]): Array<(line: PdfLine) => boolean> {
  const band = (page: PdfPageInput, line: PdfLine) => line.y > page.height * 0.93 || line.y < page.height * 0.07;
  const counts = new Map<string, number>();
  pages.forEach((page, i) => {
    const seen = new Set<string>();
    for (const line of lines[i]) if (band(page, line)) seen.add(normaliseRepeat(line.text));
    for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const needed = Math.max(2, Math.ceil(pages.length * 0.5));
  return pages.map((page) => (line: PdfLine) => {
    if (!band(page, line)) return false;
    if (pageNumberLine.test(line.text)) return true;
    return pages.length >= 3 && (counts.get(normaliseRepeat(line.text)) ?? 0) >= needed;
  });
}

/** The font size most of the text is set in (weighted by characters). */
export function bodySize(lines: PdfLine[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let most = -1;
  for (const [size, chars] of weight) if (chars > most) [best, most] = [size, chars];
  return best || 10;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const WORDS = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’]*/gu;

/**
 * Join two lines of one paragraph. A word split at the line end ("herin-" + "richting") is
 * joined without the hyphen when the document uses the joined word elsewhere; otherwise the
 * hyphen is a real one ("programma-" + "secretaris") and stays. Soft hyphens always go.
 */
function joinLines(left: string, right: string, vocabulary: Set<string>): string {
  if (left.endsWith('\u00ad')) return left.slice(0, -1) + right;
  const split = left.match(/([\p{L}]+)-$/u);
  if (split && /^\p{Ll}/u.test(right)) {
    const next = right.match(/^[\p{L}]+/u)?.[0] ?? '';
    if (vocabulary.has((split[1] + next).toLowerCase())) return left.slice(0, -1) + right;
    return left + right;
  }
  return `${left} ${right}`;
}

/** Group a page's lines into paragraphs (vertical gaps, size changes, short last lines). */
function paragraphsOf(lines: PdfLine[], body: number, vocabulary: Set<string>): PdfParagraph[] {
  const steps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const step = lines[i - 1].y - lines[i].y;
    if (step > 0 && Math.abs(lines[i].size - lines[i - 1].size) < 0.5) steps.push(step);
  }
  const lineStep = median(steps) || body * 1.2;
  const right = Math.max(0, ...lines.map((l) => l.x1));
  const paragraphs: PdfParagraph[] = [];
  let text = '';
  let size = 0;
  const flush = () => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean) paragraphs.push({ text: clean, heading: size >= body * 1.15 && clean.length < 200 });
    text = '';
  };
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (prev) {
      const step = prev.y - line.y;
      const sizeChange = Math.abs(line.size - prev.size) > Math.max(0.6, prev.size * 0.12);
      const gap = step > lineStep * 1.3 || step < -lineStep * 0.5;
      // A line ending a sentence well before the right edge closes its paragraph.
      const shortEnd = /[.?!:”"']$/.test(prev.text) && prev.x1 < right - body * 4;
      if (gap || sizeChange || shortEnd) flush();
    }
    text = text ? joinLines(text, line.text, vocabulary) : line.text;
    size = line.size;
  });
  flush();
  return paragraphs;
}

export interface PdfLayout {
  pages: PdfPageText[];
  /** Each page's lines without running headers, footers and page numbers. */
  lines: PdfLine[][];
  /** The font size of the body text. */
  bodySize: number;
}

/** Readable paragraphs per page, running headers/footers and page numbers left out. */
export function layoutPages(pages: PdfPageInput[]): PdfLayout {
  const lines = pages.map(pageLines);
  const marginal = marginalLines(pages, lines);
  const kept = lines.map((pageLines, i) => pageLines.filter((line) => !marginal[i](line)));
  const body = bodySize(kept.flat());
  const vocabulary = new Set<string>();
  for (const line of kept.flat()) for (const word of line.text.toLowerCase().match(WORDS) ?? []) vocabulary.add(word);
  return { pages: kept.map((pageLines, i) => ({ label: pages[i].label, paragraphs: paragraphsOf(pageLines, body, vocabulary) })), lines: kept, bodySize: body };
}
