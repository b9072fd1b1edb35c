// The portfolio model: what an assessor reads. A cover, the leervragen for the whole dossier,
// then per theme of the assessed framework: its leervragen → the evidence (each piece
// described once, under the first theme it carries; elsewhere a reference to it) with its
// answered reflections → "Wat ik nu anders doe" (the growth answer, the answers that say what
// changes, the self-ratings). One alphabetical APA 7 reference list at the end. Renderers
// (HTML, .docx, Markdown zip) only lay this out.
import type { Dossier } from '../dossier/dossier.js';
import { KnipselError } from '../errors.js';
import { numberLabel } from '../frameworks/theme-wording.js';
import { answeredReflectionCount } from '../learning/answered.js';
import { formatPublished, portfolioItem } from './portfolio-item.js';
import { portfolioLabels, type PortfolioLocale } from './portfolio-labels.js';
import type { PortfolioClip, PortfolioEntry, PortfolioLeervraag, PortfolioModel, PortfolioReference, PortfolioTheme } from './portfolio-model.js';
import { referenceRuns } from './reference.js';

export { portfolioLabels, type PortfolioLabels, type PortfolioLocale } from './portfolio-labels.js';
export type {
  PortfolioAttachment,
  PortfolioClip,
  PortfolioEntry,
  PortfolioHighlight,
  PortfolioLeervraag,
  PortfolioModel,
  PortfolioReference,
  PortfolioReflection,
  PortfolioTheme,
} from './portfolio-model.js';
export { formatPublished };

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
  const context = { locale, labels, dateFormat };

  const leervragen = dossier.leervragen.list();
  const included = framework.themes.filter((theme) =>
    chosenThemes ? chosenThemes.has(theme.id) : !theme.hidden && (clips.some((c) => c.themes.includes(theme.id)) || leervragen.some((l) => l.themeId === theme.id)),
  );
  // Number the evidence in the order it is described: under the first included theme it carries.
  const described = new Map<string, { item: PortfolioClip; themeIndex: number; themeName: string }>();
  included.forEach((theme, themeIndex) => {
    for (const clip of clips) {
      if (clip.themes.includes(theme.id) && !described.has(clip.id)) {
        described.set(clip.id, { item: portfolioItem(clip, described.size + 1, context), themeIndex, themeName: theme.name });
      }
    }
  });

  const toLeervraag = (l: (typeof leervragen)[number]): PortfolioLeervraag => ({
    id: l.id,
    text: l.text,
    status: l.status,
    statusLabel: labels.status[l.status],
    actions: l.actions.map((a) => ({ text: a.text, done: a.done })),
    evidence: l.evidence
      .map((id) => {
        const found = described.get(id);
        const clip = found ? null : dossier.clips.get(id);
        if (found) return { id, number: found.item.number, title: found.item.title, kindLabel: found.item.kindLabel };
        return clip && !clip.trashed ? { id, number: null, title: clip.title, kindLabel: labels.kinds[clip.kind] } : null;
      })
      .filter((e) => e !== null)
      .sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity)),
  });

  const periods = dossier.growth.periods();
  const themes: PortfolioTheme[] = included.map((theme, themeIndex) => {
    const inTheme = clips.filter((c) => c.themes.includes(theme.id));
    const entries: PortfolioEntry[] = inTheme.map((clip) => {
      const found = described.get(clip.id)!;
      if (found.themeIndex === themeIndex) return { type: 'item', item: found.item };
      const { item } = found;
      return {
        type: 'ref',
        id: item.id,
        number: item.number,
        title: item.title,
        kind: item.kind,
        kindLabel: item.kindLabel,
        themeName: found.themeName,
        themeIndex: found.themeIndex,
      };
    });
    const changes = inTheme.flatMap((clip) => {
      const { item } = described.get(clip.id)!;
      return item.reflections.flatMap((r) => r.answers.filter((a) => a.change).map((a) => ({ number: item.number, title: item.title, answer: a.answer })));
    });
    return {
      id: theme.id,
      name: theme.name,
      numberLabel: numberLabel(framework, theme, locale),
      group: framework.groups?.find((g) => g.id === theme.group)?.name ?? null,
      description: theme.description,
      answered: inTheme.reduce((n, clip) => n + answeredReflectionCount(clip), 0),
      leervragen: leervragen.filter((l) => l.themeId === theme.id).map(toLeervraag),
      entries,
      changed: dossier.growth.changed(theme.id).trim(),
      changes,
      ratings: periods.flatMap((period) => {
        const rating = dossier.growth.rating(period.id, theme.id);
        return rating === null ? [] : [{ period: period.name, rating, label: labels.scale[rating - 1] ?? String(rating) }];
      }),
    };
  });

  const referenced = new Map<string, PortfolioReference>();
  for (const { item } of described.values()) {
    if (item.url === null || referenced.has(item.reference)) continue;
    referenced.set(item.reference, { text: item.reference, runs: referenceRuns(dossier.clips.get(item.id)!, locale) });
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
    // The dossier's own leervragen, and those of themes outside this framework.
    leervragen: leervragen.filter((l) => l.themeId === null || !framework.themes.some((t) => t.id === l.themeId)).map(toLeervraag),
    themes,
    references,
  };
}

/** Every attachment hash the portfolio shows (to load their bytes before rendering). */
export function portfolioAttachmentHashes(model: PortfolioModel): string[] {
  const hashes = new Set<string>();
  for (const theme of model.themes) for (const entry of theme.entries) if (entry.type === 'item') for (const a of entry.item.attachments) hashes.add(a.hash);
  return [...hashes];
}
