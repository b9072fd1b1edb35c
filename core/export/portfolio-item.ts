// One piece of evidence as a portfolio describes it: source and dates, the card of its kind,
// attachments, the answered questions of its reflections (never an unanswered prompt), the
// free note without inserted prompts, and highlights.
import type { Clip, Reflection } from '../dossier/types.js';
import { answeredPrompts, cleanNote, reflectionStatus } from '../learning/answered.js';
import { reflectionWording } from '../learning/guides.js';
import { colourLabels } from './markdown-export.js';
import { cardFieldsOf, type PortfolioLabels, type PortfolioLocale } from './portfolio-labels.js';
import { citedSource, inTextCitation, referenceText, withPage } from './reference.js';
import { pageOfQuote } from '../capture/pdf/pdf-pages.js';
import { isLocalFileUrl } from '../capture/citation.js';
import type { PortfolioClip, PortfolioReflection } from './portfolio-model.js';

export function portfolioItem(clip: Clip, number: number, context: { locale: PortfolioLocale; labels: PortfolioLabels; dateFormat: Intl.DateTimeFormat }): PortfolioClip {
  const { locale, labels, dateFormat } = context;
  const c = citedSource(clip);
  const isNote = c.mode === 'note';
  const citation = isNote ? '' : inTextCitation(clip, locale);
  const card = cardFieldsOf[clip.kind]
    .map((field) => {
      const raw = clip.card[field].trim();
      if (!raw) return null;
      const value = field === 'fromRole' ? (labels.feedbackSources[raw as keyof PortfolioLabels['feedbackSources']] ?? raw) : field === 'date' ? formatDay(raw, dateFormat) : raw;
      return { field, label: labels.card[field], value };
    })
    .filter((entry) => entry !== null);
  return {
    id: clip.id,
    number,
    title: clip.title,
    kind: clip.kind,
    kindLabel: labels.kinds[clip.kind],
    url: isNote || isLocalFileUrl(c.url) ? null : c.url,
    site: c.siteName,
    author: c.byline,
    published: formatPublished(c.published, dateFormat),
    captured: dateFormat.format(new Date(c.capturedAt)),
    card,
    attachments: clip.attachments.map((a) => ({ id: a.id, hash: a.hash, name: a.name, type: a.type, size: a.size })),
    reflections: clip.reflections.map((r) => portfolioReflection(r, locale, dateFormat)).filter((r) => r.answers.length > 0),
    reflection: cleanNote(clip.note),
    highlights: clip.highlights.map((h) => {
      const page = pageOfQuote(c, h.quote, h.position);
      return {
        text: h.quote.exact.trim(),
        page,
        citation: withPage(citation, page),
        note: h.note.trim(),
        colour: h.colour,
        colourLabel: colourLabels[h.colour]?.[locale] ?? h.colour,
      };
    }),
    reference: isNote ? '' : referenceText(clip, locale),
  };
}

function portfolioReflection(reflection: Reflection, locale: PortfolioLocale, dateFormat: Intl.DateTimeFormat): PortfolioReflection {
  // A preset guide speaks the portfolio's language; an own guide keeps its own words.
  const wording = reflectionWording(reflection, locale);
  const answers = answeredPrompts(reflection).map(({ prompt, answer }) => {
    const localized = wording.prompts.find((p) => p.id === prompt.id) ?? prompt;
    return { heading: localized.heading, question: localized.question, answer, change: prompt.change === true };
  });
  return {
    id: reflection.id,
    guide: wording.guideName,
    date: dateFormat.format(new Date(reflection.createdAt)),
    complete: reflectionStatus(reflection).complete,
    answers,
  };
}

function formatDay(day: string, format: Intl.DateTimeFormat): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : format.format(date);
}

export function formatPublished(published: string | null, format: Intl.DateTimeFormat): string | null {
  if (!published) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(published)) {
    const date = new Date(published.slice(0, 10) + 'T00:00:00Z');
    if (!Number.isNaN(date.getTime())) return format.format(date);
  }
  return published;
}
