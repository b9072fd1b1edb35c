// The shapes of the shipped preset frameworks (data in presets-*.ts, lookups in presets.ts).
import type { ItemLabel } from '../dossier/types.js';

export type { ItemLabel };

/** A group inside a framework as its text names it (DichtErBij: houdingsprincipes, werkprincipes). */
export interface PresetGroup {
  /** Stable id inside the framework, e.g. "houding". */
  id: string;
  name: string;
  /** What the text says about the group. */
  description: string;
  /** Other names the texts use for the same group ("Houdingsaspecten"). */
  aliases?: readonly string[];
  /** Items of this group are numbered from 1 and called this ("houdingsprincipe 3"). */
  itemLabel?: ItemLabel;
}

export interface PresetTheme {
  /** Stable id, never changes once shipped: `${frameworkId}.${slug}` e.g. "community-werker.eigenaarschap". */
  id: string;
  name: string;
  /**
   * The full wording, quoted from the text where the text has it. Lines break between parts
   * (e.g. the two questions of gepast reageren and gepast mobiliseren). A description that
   * reads a name the text only mentions says so in its first sentence.
   */
  description: string;
  /** Id of the theme's group in its framework (`PresetFramework.groups`). */
  group?: string;
  /** The item's number in the text's own numbered list (per group where there are groups). */
  number?: number;
}

export interface PresetFramework {
  /** Stable id, kebab-case: "community-werker", "gouden-regels", "dichterbij", "bouwstenen", "interventierichtingen", "hulp-zorg-welzijn". */
  id: string;
  name: string;
  description: string;
  source: string;
  /** #rrggbb, a calm distinct colour per framework (readable as a chip background with dark text at ~15% tint, and as a border). */
  color: string;
  /** Numbered items without groups are called this ("regel 7"). */
  itemLabel?: ItemLabel;
  groups?: readonly PresetGroup[];
  themes: readonly PresetTheme[];
}
