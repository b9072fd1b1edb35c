// Evidence per theme of the assessed framework: pieces of evidence (by kind) and answered
// reflections — a reflection counts only when its guide's questions are answered. Pure.
import { evidenceKinds, type ClipRow, type EvidenceKind, type Framework, type Theme } from '@knipsel/core';

export interface ThemeEvidence {
  theme: Theme;
  clips: number;
  /** Pieces of evidence per kind. */
  kinds: Record<EvidenceKind, number>;
  /** Answered reflections on the theme's evidence. */
  reflected: number;
  /** No evidence at all, or evidence but no answered reflection. */
  gap: 'none' | 'no-reflection' | null;
}

export interface PortfolioSummary {
  themes: ThemeEvidence[];
  /** Themes with at least one answered reflection. */
  covered: number;
  total: number;
}

export function portfolioSummary(rows: readonly ClipRow[], framework: Framework): PortfolioSummary {
  const themes = framework.themes
    .filter((t) => !t.hidden)
    .map((theme) => {
      let clips = 0;
      let reflected = 0;
      const kinds = Object.fromEntries(evidenceKinds.map((kind) => [kind, 0])) as Record<EvidenceKind, number>;
      for (const row of rows) {
        if (row.trashed || !row.themes.includes(theme.id)) continue;
        clips++;
        kinds[row.kind]++;
        reflected += row.reflections;
      }
      const gap: ThemeEvidence['gap'] = clips === 0 ? 'none' : reflected === 0 ? 'no-reflection' : null;
      return { theme, clips, kinds, reflected, gap };
    });
  return { themes, covered: themes.filter((t) => t.reflected > 0).length, total: themes.length };
}
