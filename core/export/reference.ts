// The APA 7 reference of a clip for exports: capture/citation.ts does the work; this applies
// the user's corrections to the source (authors, date, site, the source's title) and a plain
// fallback so one odd capture never breaks a whole export. The clip's own title — what the
// user renamed it to in the dossier — never enters a reference.
import { apaInTextCitation, apaReference, apaReferenceHtml, type CitedCapture } from '../capture/citation.js';
import type { Capture, Clip } from '../dossier/types.js';

/** The capture as the reference describes it: captured values, corrected where the user did. */
export function citedSource(clip: Pick<Clip, 'capture' | 'source'>): CitedCapture {
  const c = clip.capture;
  const edits = clip.source ?? {};
  const orNull = (value: string | undefined, captured: string | null) => (value === undefined ? captured : value.trim() || null);
  return {
    ...c,
    title: edits.title?.trim() || c.title,
    byline: orNull(edits.authors, c.byline),
    siteName: orNull(edits.siteName, c.siteName),
    published: orNull(edits.published, c.published),
    ...(edits.kind ? { citeAs: edits.kind } : {}),
  };
}

const forExport = citedSource;

/** "(Koenen, 2016)" for a quote from the clip, with the user's corrections. */
export function inTextCitation(clip: Pick<Clip, 'capture' | 'source'>, locale: 'nl' | 'en' = 'nl'): string {
  try {
    return apaInTextCitation(citedSource(clip), { locale });
  } catch {
    return '';
  }
}

/** An in-text citation with the page of a quote from a PDF: "(Koenen, 2016)" → "(Koenen, 2016, p. 12)". */
export function withPage(citation: string, page: string | null): string {
  return page && citation.endsWith(')') ? `${citation.slice(0, -1)}, p. ${page})` : citation;
}

/** Plain-text APA reference. */
export function referenceText(clip: Clip, locale: 'nl' | 'en' = 'nl'): string {
  try {
    const text = apaReference(forExport(clip), { locale }).trim();
    if (text) return text;
  } catch {
    // fall through to the plain fallback
  }
  return fallbackReference(clip, locale);
}

/**
 * The reference as runs of text, with the parts APA sets in italics marked, taken from
 * `apaReferenceHtml` (only <i>/<em> are honoured; everything else is read as text).
 */
export function referenceRuns(clip: Clip, locale: 'nl' | 'en' = 'nl'): { text: string; italic: boolean }[] {
  let html: string;
  try {
    html = apaReferenceHtml(forExport(clip), { locale });
  } catch {
    return [{ text: fallbackReference(clip, locale), italic: false }];
  }
  const runs: { text: string; italic: boolean }[] = [];
  let italic = false;
  for (const part of html.split(/(<\/?(?:i|em)(?:\s[^>]*)?>)/i)) {
    if (/^<(i|em)[\s>]/i.test(part)) italic = true;
    else if (/^<\/(i|em)>/i.test(part)) italic = false;
    else {
      const text = decodeEntities(part.replace(/<[^>]*>/g, ''));
      if (text) runs.push({ text, italic });
    }
  }
  const joined = runs
    .map((r) => r.text)
    .join('')
    .trim();
  return joined ? runs : [{ text: referenceText(clip, locale), italic: false }];
}

function fallbackReference(clip: Clip, locale: 'nl' | 'en' = 'nl'): string {
  const c = citedSource(clip);
  const who = c.byline || c.siteName || '';
  const year = c.published?.match(/^\d{4}/)?.[0] ?? (locale === 'nl' ? 'z.d.' : 'n.d.');
  const site = c.siteName && c.siteName !== who ? ` ${c.siteName}.` : '';
  return `${who ? `${who} ` : ''}(${year}). ${c.title}.${site} ${c.url}`.trim();
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}
