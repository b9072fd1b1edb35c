// Frameworks and themes of a dossier: the shipped presets (switchable per dossier, their
// wording overridable) merged with the user's own frameworks and themes from the doc.
import * as Y from 'yjs';
import * as v from 'valibot';
import { KnipselError } from '../errors.js';
import { createId } from '../ids.js';
import { roots } from '../dossier/doc-layout.js';
import { localEdit } from '../dossier/write-guard.js';
import { frameworkInputSchema, idSchema, parse, themeInputSchema, themePatchSchema } from '../dossier/schema.js';
import type { Framework, Theme } from '../dossier/types.js';
import { findPresetFramework, findPresetTheme, presetFrameworks } from './presets.js';
import type { PresetFramework } from './preset-types.js';
import type { ThemeGroup } from '../dossier/types.js';

export type FrameworkInput = v.InferInput<typeof frameworkInputSchema>;
export type ThemeInput = v.InferInput<typeof themeInputSchema>;
export type ThemePatch = v.InferInput<typeof themePatchSchema>;
export type FrameworkPatch = ThemePatch;

const idList = v.pipe(v.array(idSchema), v.maxLength(10_000));

function str(map: Y.Map<unknown> | undefined, key: string): string | undefined {
  const value = map?.get(key);
  return typeof value === 'string' ? value : undefined;
}
function field<T>(map: Y.Map<unknown> | undefined, key: string, fallback: T): T {
  return map?.has(key) ? (map.get(key) as T) : fallback;
}

export function createFrameworkOps(doc: Y.Doc) {
  const { presets, frameworks, themes } = roots(doc);

  function readTheme(id: string, frameworkId: string, map: Y.Map<unknown> | undefined, order: number): Theme {
    const preset = findPresetTheme(id)?.theme;
    return {
      id,
      frameworkId,
      name: str(map, 'name') ?? preset?.name ?? id,
      description: field<string | null>(map, 'description', preset?.description ?? null),
      color: field<string | null>(map, 'color', null),
      hidden: field(map, 'hidden', false),
      order: field(map, 'order', order),
      preset: preset !== undefined,
      number: preset?.number ?? null,
      group: preset?.group ?? null,
    };
  }

  function groupsOf(preset: PresetFramework | undefined): ThemeGroup[] {
    return (preset?.groups ?? []).map((g) => ({
      id: g.id,
      name: g.name,
      description: g.description,
      aliases: [...(g.aliases ?? [])],
      itemLabel: g.itemLabel ?? null,
    }));
  }

  function readFramework(id: string): Framework | undefined {
    const preset = findPresetFramework(id);
    const map = frameworks.get(id);
    if (!preset && !map) return undefined;
    const presetIndex = preset ? presetFrameworks.indexOf(preset) : 0;
    const own: Theme[] = [];
    preset?.themes.forEach((theme, index) => own.push(readTheme(theme.id, id, themes.get(theme.id), index)));
    for (const [themeId, themeMap] of themes.entries()) {
      if (!findPresetTheme(themeId) && themeMap.get('frameworkId') === id) {
        own.push(readTheme(themeId, id, themeMap, 1000));
      }
    }
    own.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    return {
      id,
      name: str(map, 'name') ?? preset?.name ?? id,
      description: field<string | null>(map, 'description', preset?.description ?? null),
      source: preset?.source ?? null,
      color: field<string | null>(map, 'color', preset?.color ?? null),
      hidden: field(map, 'hidden', false),
      order: field(map, 'order', presetIndex),
      preset: preset !== undefined,
      enabled: preset ? presets.get(id) !== false : true,
      itemLabel: preset?.itemLabel ?? null,
      groups: groupsOf(preset),
      themes: own,
    };
  }

  function overrideMap(parent: Y.Map<Y.Map<unknown>>, id: string): Y.Map<unknown> {
    let map = parent.get(id);
    if (!map) {
      map = new Y.Map<unknown>();
      parent.set(id, map);
    }
    return map;
  }

  /** A new custom framework or theme: its map with the given fields, visible, at `order`. */
  function addEntry(
    parent: Y.Map<Y.Map<unknown>>,
    id: string,
    link: Record<string, string>,
    fields: { name: string; description?: string | null; color?: string | null },
    order: number,
  ) {
    localEdit(doc, () => {
      const map = new Y.Map<unknown>();
      parent.set(id, map);
      for (const [key, value] of Object.entries(link)) map.set(key, value);
      map.set('name', fields.name);
      map.set('description', fields.description ?? null);
      map.set('color', fields.color ?? null);
      map.set('hidden', false);
      map.set('order', order);
    });
  }

  function requireFramework(id: string): Framework {
    const framework = readFramework(parse(idSchema, id, 'framework id'));
    if (!framework) throw new KnipselError('not-found', `No framework with id ${id}.`, { id });
    return framework;
  }

  function themeFrameworkId(themeId: string): string | undefined {
    const preset = findPresetTheme(themeId);
    if (preset) return preset.framework.id;
    const frameworkId = themes.get(themeId)?.get('frameworkId');
    return typeof frameworkId === 'string' ? frameworkId : undefined;
  }

  const ops = {
    /** Frameworks in order. By default only enabled ones; hidden ones are included and flagged. */
    list(options: { includeDisabled?: boolean } = {}): Framework[] {
      const ids = new Set<string>([...presetFrameworks.map((p) => p.id), ...frameworks.keys()]);
      const all: Framework[] = [];
      for (const id of ids) {
        const framework = readFramework(id);
        if (framework && (options.includeDisabled || framework.enabled)) all.push(framework);
      }
      return all.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    },

    get(id: string): Framework | undefined {
      return readFramework(id);
    },

    /** Every theme id that exists (enabled or not), with its framework. */
    isKnownTheme(id: string): boolean {
      return themeFrameworkId(id) !== undefined;
    },

    theme(id: string): Theme | undefined {
      const frameworkId = themeFrameworkId(id);
      return frameworkId ? readFramework(frameworkId)?.themes.find((t) => t.id === id) : undefined;
    },

    setPresetEnabled(presetId: string, enabled: boolean): void {
      if (!findPresetFramework(presetId)) throw new KnipselError('not-found', `No preset framework ${presetId}.`);
      localEdit(doc, () => presets.set(presetId, enabled));
    },

    addFramework(input: FrameworkInput): string {
      const parsed = parse(frameworkInputSchema, input, 'framework');
      const id = `custom.${createId(10)}`;
      const order = Math.max(presetFrameworks.length, ...ops.list({ includeDisabled: true }).map((f) => f.order + 1));
      addEntry(frameworks, id, {}, parsed, order);
      return id;
    },

    /** Rename, describe, colour or hide a framework (for a preset: stored as an override). */
    updateFramework(id: string, patch: FrameworkPatch): void {
      const parsed = parse(themePatchSchema, patch, 'framework change');
      requireFramework(id);
      localEdit(doc, () => {
        const map = overrideMap(frameworks, id);
        for (const [key, value] of Object.entries(parsed)) if (value !== undefined) map.set(key, value);
      });
    },

    addTheme(frameworkId: string, input: ThemeInput): string {
      const parsed = parse(themeInputSchema, input, 'theme');
      const framework = requireFramework(frameworkId);
      const id = `custom.${createId(10)}`;
      const order = Math.max(0, ...framework.themes.map((t) => t.order + 1));
      addEntry(themes, id, { frameworkId }, parsed, order);
      return id;
    },

    /** Rename, describe, colour or hide a theme (for a preset theme: stored as an override). */
    updateTheme(id: string, patch: ThemePatch): void {
      const parsed = parse(themePatchSchema, patch, 'theme change');
      if (!themeFrameworkId(parse(idSchema, id, 'theme id'))) throw new KnipselError('not-found', `No theme with id ${id}.`);
      localEdit(doc, () => {
        const map = overrideMap(themes, id);
        for (const [key, value] of Object.entries(parsed)) if (value !== undefined) map.set(key, value);
      });
    },

    reorderFrameworks(ids: string[]): void {
      const order = parse(idList, ids, 'framework order');
      order.forEach(requireFramework);
      localEdit(doc, () => order.forEach((id, index) => overrideMap(frameworks, id).set('order', index)));
    },

    reorderThemes(frameworkId: string, ids: string[]): void {
      const order = parse(idList, ids, 'theme order');
      const framework = requireFramework(frameworkId);
      const own = new Set(framework.themes.map((t) => t.id));
      const stranger = order.find((id) => !own.has(id));
      if (stranger) throw new KnipselError('invalid-input', `Theme ${stranger} is not in framework ${frameworkId}.`);
      localEdit(doc, () => order.forEach((id, index) => overrideMap(themes, id).set('order', index)));
    },
  };
  return ops;
}

export type FrameworkOps = ReturnType<typeof createFrameworkOps>;
