// The portfolio model: what an assessor reads, ordered by the assessed framework's themes —
// a cover, per theme the chosen clips with source, date, reflection and highlights, and one
// alphabetical APA 7 reference list. Renderers (HTML, .docx) only lay this out.
import type { Dossier } from '../dossier/dossier.js';
import type { Clip, HighlightColour } from '../dossier/types.js';
import { pageOfQuote } from '../capture/pdf/pdf-pages.js';
import { isLocalFileUrl } from '../capture/citation.js';
import { KnipselError } from '../errors.js';
import { colourLabels } from './markdown-export.js';
import { numberLabel } from '../frameworks/theme-wording.js';
import { citedSource, inTextCitation, referenceRuns, referenceText, withPage } from './reference.js';

export type PortfolioLocale = 'nl' | 'en';

export interface PortfolioOptions {
  /** The framework whose themes order the portfolio. */
  frameworkId: string;
  /** The themes to include, in any order (the framework's order is used). Default: every visible theme that has clips. */
  themeIds?: string[];
  /** The clips to include (default: every clip not in the trash that carries one of the themes). */
  clipIds?: string[];
  /** Default: the dossier's course. */
  course?: string;
  /** Free text, e.g. "september 2025 – januari 2026". */
  period?: string;
  author?: string;
  locale: PortfolioLocale;
  /** Date on the cover (default now). */
  now?: number;
}

export interface PortfolioHighlight {
  text: string;
  /** The PDF page the quote is on ("12"), null for web pages. */
  page: string | null;
  /** APA in-text citation for the quote, e.g. "(Koenen, 2016)", with the page of a PDF ("(Koenen, 2016, p. 12)"); empty for a note without a source. */
  citation: string;
  note: string;
  colour: HighlightColour;
  colourLabel: string;
}

export interface PortfolioClip {
  id: string;
  title: string;
  /** http(s) source address, or null for a note without a source. */
  url: string | null;
  site: string | null;
  author: string | null;
  /** Publication date as the page gave it, formatted for the locale when it is a full date. */
  published: string | null;
  /** Capture date formatted for the locale. */
  captured: string;
  /** The user's reflection, plain text (paragraphs separated by blank lines). */
  reflection: string;
  highlights: PortfolioHighlight[];
  reference: string;
}

export interface PortfolioTheme {
  id: string;
  name: string;
  /** The theme's number as its text says it ("regel 7"), or null. */
  numberLabel: string | null;
  /** Its group in the framework ("Houdingsprincipes"), or null. */
  group: string | null;
  description: string | null;
  clips: PortfolioClip[];
}

export interface PortfolioReference {
  text: string;
  /** The same text in runs, with the parts APA sets in italics marked. */
  runs: { text: string; italic: boolean }[];
}

export interface PortfolioModel {
  locale: PortfolioLocale;
  labels: PortfolioLabels;
  cover: {
    title: string;
    course: string;
    period: string;
    author: string;
    framework: string;
    /** Formatted date of making. */
    date: string;
  };
  themes: PortfolioTheme[];
  /** Alphabetical, deduplicated. */
  references: PortfolioReference[];
}

export interface PortfolioLabels {
  portfolio: string;
  course: string;
  period: string;
  author: string;
  framework: string;
  date: string;
  contents: string;
  source: string;
  published: string;
  captured: string;
  reflection: string;
  highlights: string;
  references: string;
  noReflection: string;
  clips: (n: number) => string;
}

export const portfolioLabels: Record<PortfolioLocale, PortfolioLabels> = {
  nl: {
    portfolio: 'Portfolio',
    course: 'Opleiding',
    period: 'Periode',
    author: 'Auteur',
    framework: 'Kader',
    date: 'Datum',
    contents: 'Inhoud',
    source: 'Bron',
    published: 'Gepubliceerd',
    captured: 'Geraadpleegd op',
    reflection: 'Reflectie',
    highlights: 'Markeringen',
    references: 'Literatuurlijst',
    noReflection: 'Nog geen reflectie.',
    clips: (n) => (n === 1 ? '1 bron' : `${n} bronnen`),
  },
  en: {
    portfolio: 'Portfolio',
    course: 'Course',
    period: 'Period',
    author: 'Author',
    framework: 'Framework',
    date: 'Date',
    contents: 'Contents',
    source: 'Source',
    published: 'Published',
    captured: 'Retrieved on',
    reflection: 'Reflection',
    highlights: 'Highlights',
    references: 'References',
    noReflection: 'No reflection yet.',
    clips: (n) => (n === 1 ? '1 source' : `${n} sources`),
  },
};

export function buildPortfolio(dossier: Dossier, options: PortfolioOptions): PortfolioModel {
  const framework = dossier.frameworks.get(options.frameworkId);
  if (!framework) {
    throw new KnipselError('not-found', `No framework with id ${options.frameworkId}.`, {
      id: options.frameworkId,
      nl: 'Het gekozen kader bestaat niet (meer) in dit dossier.',
    });
  }
  const locale = options.locale;
  const labels = portfolioLabels[locale];
  const meta = dossier.meta();
  const chosenThemes = options.themeIds ? new Set(options.themeIds) : null;
  const chosenClips = options.clipIds ? new Set(options.clipIds) : null;
  const clips = dossier.clips.list({}, 'oldest').filter((c) => !chosenClips || chosenClips.has(c.id));
  const dateFormat = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

  const themes: PortfolioTheme[] = [];
  const referenced = new Map<string, PortfolioReference>();
  for (const theme of framework.themes) {
    if (chosenThemes ? !chosenThemes.has(theme.id) : theme.hidden) continue;
    const inTheme = clips.filter((c) => c.themes.includes(theme.id));
    if (!chosenThemes && inTheme.length === 0) continue;
    themes.push({
      id: theme.id,
      name: theme.name,
      numberLabel: numberLabel(framework, theme, locale),
      group: framework.groups?.find((g) => g.id === theme.group)?.name ?? null,
      description: theme.description,
      clips: inTheme.map((clip) => {
        const item = portfolioClip(clip, locale, dateFormat);
        if (item.url !== null && !referenced.has(item.reference)) referenced.set(item.reference, { text: item.reference, runs: referenceRuns(clip, locale) });
        return item;
      }),
    });
  }

  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const sortKey = (text: string) => text.replace(/^[^\p{L}\p{N}]+/u, '');
  const references = [...referenced.values()].sort((a, b) => collator.compare(sortKey(a.text), sortKey(b.text)));

  return {
    locale,
    labels,
    cover: {
      title: meta.name,
      course: options.course ?? meta.course,
      period: options.period ?? '',
      author: options.author ?? '',
      framework: framework.name,
      date: dateFormat.format(new Date(options.now ?? Date.now())),
    },
    themes,
    references,
  };
}

function portfolioClip(clip: Clip, locale: PortfolioLocale, dateFormat: Intl.DateTimeFormat): PortfolioClip {
  const c = citedSource(clip);
  const isNote = c.mode === 'note';
  const citation = isNote ? '' : inTextCitation(clip, locale);
  return {
    id: clip.id,
    title: clip.title,
    url: isNote || isLocalFileUrl(c.url) ? null : c.url,
    site: c.siteName,
    author: c.byline,
    published: formatPublished(c.published, dateFormat),
    captured: dateFormat.format(new Date(c.capturedAt)),
    reflection: clip.note.trim(),
    highlights: clip.highlights.map((h) => ({
      text: h.quote.exact.trim(),
      page: pageOfQuote(c, h.quote, h.position),
      citation: withPage(citation, pageOfQuote(c, h.quote, h.position)),
      note: h.note.trim(),
      colour: h.colour,
      colourLabel: colourLabels[h.colour]?.[locale] ?? h.colour,
    })),
    reference: isNote ? '' : referenceText(clip, locale),
  };
}

function formatPublished(published: string | null, format: Intl.DateTimeFormat): string | null {
  if (!published) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(published)) {
    const date = new Date(published.slice(0, 10) + 'T00:00:00Z');
    if (!Number.isNaN(date.getTime())) return format.format(date);
  }
  return published;
}
