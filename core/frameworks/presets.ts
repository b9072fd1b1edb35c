// The six preset frameworks of craft themes that Knipsel ships, with their item wording
// quoted (in Dutch) from the domain texts in tests/fixtures/domain-texts/. Data lives in
// presets-koenen.ts and presets-gercama.ts (one file per author); here the order and lookups.
import type { PresetFramework, PresetGroup, PresetTheme } from './preset-types.js';
import { bouwstenen, dichterbij, goudenRegels, interventierichtingen } from './presets-gercama.js';
import { communityWerker, hulpZorgWelzijn } from './presets-koenen.js';

export type { ItemLabel, PresetFramework, PresetGroup, PresetTheme } from './preset-types.js';

export const presetFrameworks: readonly PresetFramework[] = [communityWerker, goudenRegels, dichterbij, bouwstenen, interventierichtingen, hulpZorgWelzijn];

export function findPresetFramework(id: string): PresetFramework | undefined {
  return presetFrameworks.find((framework) => framework.id === id);
}

export function findPresetTheme(id: string): { framework: PresetFramework; theme: PresetTheme } | undefined {
  const dot = id.indexOf('.');
  if (dot < 1) return undefined;
  const framework = findPresetFramework(id.slice(0, dot));
  const theme = framework?.themes.find((t) => t.id === id);
  return framework && theme ? { framework, theme } : undefined;
}

/** The group a preset theme belongs to, if its framework has groups. */
export function presetGroupOf(framework: PresetFramework, theme: PresetTheme): PresetGroup | undefined {
  return theme.group ? framework.groups?.find((g) => g.id === theme.group) : undefined;
}
