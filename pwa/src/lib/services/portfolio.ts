// Evidence per theme of the assessed framework: clips and clips with a reflection. Pure.
import type { ClipRow, Framework, Theme } from '@knipsel/core';

export interface ThemeEvidence {
  theme: Theme;
  clips: number;
  reflected: number;
  /** No clip at all, or clips but none reflected on. */
  gap: 'none' | 'no-reflection' | null;
}

export interface PortfolioSummary {
  themes: ThemeEvidence[];
  /** Themes with at least one reflected clip. */
  covered: number;
  total: number;
}

export function portfolioSummary(rows: readonly ClipRow[], framework: Framework): PortfolioSummary {
  const themes = framework.themes
    .filter((t) => !t.hidden)
    .map((theme) => {
      let clips = 0;
      let reflected = 0;
      for (const row of rows) {
        if (row.trashed || !row.themes.includes(theme.id)) continue;
        clips++;
        if (row.hasNote) reflected++;
      }
      const gap: ThemeEvidence['gap'] = clips === 0 ? 'none' : reflected === 0 ? 'no-reflection' : null;
      return { theme, clips, reflected, gap };
    });
  return { themes, covered: themes.filter((t) => t.reflected > 0).length, total: themes.length };
}
