// Frameworks, themes and dossier settings of one open dossier: presets on/off, custom
// frameworks and themes (add, rename, colour, hide, reorder), the assessed framework.
import type { DossierMeta, Framework, FrameworkInput, MetaPatch, OpenDossier, ThemeInput, ThemePatch } from '@knipsel/core';
import { persisting, type Persist } from './persist.js';

/** The order of `ids` with `id` moved one place up (-1) or down (+1). Pure. */
export function moved(ids: readonly string[], id: string, direction: -1 | 1): string[] {
  const order = [...ids];
  const from = order.indexOf(id);
  const to = from + direction;
  if (from === -1 || to < 0 || to >= order.length) return order;
  [order[from], order[to]] = [order[to], order[from]];
  return order;
}

export function createFrameworkService(open: OpenDossier, persist: Persist) {
  const { dossier } = open;
  const write = persisting(persist);
  const ops = dossier.frameworks;
  return {
    /** All frameworks, switched-off presets included, in order. */
    list: (): Framework[] => ops.list({ includeDisabled: true }),
    meta: (): DossierMeta => dossier.meta(),
    updateMeta: (patch: MetaPatch) => write(() => dossier.updateMeta(patch)),
    setPresetEnabled: (id: string, enabled: boolean) => write(() => ops.setPresetEnabled(id, enabled)),
    addFramework: (input: FrameworkInput) => write(() => ops.addFramework(input)),
    updateFramework: (id: string, patch: ThemePatch) => write(() => ops.updateFramework(id, patch)),
    addTheme: (frameworkId: string, input: ThemeInput) => write(() => ops.addTheme(frameworkId, input)),
    updateTheme: (id: string, patch: ThemePatch) => write(() => ops.updateTheme(id, patch)),
    moveFramework(id: string, direction: -1 | 1) {
      const ids = ops.list({ includeDisabled: true }).map((f) => f.id);
      write(() => ops.reorderFrameworks(moved(ids, id, direction)));
    },
    moveTheme(frameworkId: string, themeId: string, direction: -1 | 1) {
      const framework = ops.get(frameworkId);
      if (!framework) return;
      write(() =>
        ops.reorderThemes(
          frameworkId,
          moved(
            framework.themes.map((t) => t.id),
            themeId,
            direction,
          ),
        ),
      );
    },
  };
}

export type FrameworkService = ReturnType<typeof createFrameworkService>;
