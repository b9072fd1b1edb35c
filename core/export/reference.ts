// The APA 7 reference of a clip for exports: capture/citation.ts does the work; this adds the
// editable clip title and a plain fallback so one odd capture never breaks a whole export.
import { apaReference, apaReferenceHtml } from '../capture/citation.js';
import type { Capture, Clip } from '../dossier/types.js';

function forExport(clip: Clip): Capture {
  // The user's title wins over the page title (they often fix page titles like "Home | Site").
  return { ...clip.capture, title: clip.title || clip.capture.title };
}

/** Plain-text APA reference. */
export function referenceText(clip: Clip, locale: 'nl' | 'en' = 'nl'): string {
  try {
    const text = apaReference(forExport(clip), { locale }).trim();
    if (text) return text;
  } catch {
    // fall through to the plain fallback
  }
  return fallbackReference(clip);
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
    return [{ text: fallbackReference(clip), italic: false }];
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
  const joined = runs.map((r) => r.text).join('').trim();
  return joined ? runs : [{ text: referenceText(clip, locale), italic: false }];
}

function fallbackReference(clip: Clip): string {
  const c = clip.capture;
  const who = c.byline || c.siteName || '';
  const year = c.published?.match(/^\d{4}/)?.[0] ?? 'z.d.';
  const site = c.siteName && c.siteName !== who ? ` ${c.siteName}.` : '';
  return `${who ? `${who} ` : ''}(${year}). ${clip.title || c.title}.${site} ${c.url}`.trim();
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
