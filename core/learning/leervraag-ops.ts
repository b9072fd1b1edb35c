// Leervragen ("Wat wil ik leren?") for the whole dossier or one theme: the evidence that
// answers each, the actions planned and a status. Each leervraag is a Y.Map under its own id
// with its containers made together with it, so nothing races on creating them.
import * as v from 'valibot';
import * as Y from 'yjs';
import { isClipMap, roots } from '../dossier/doc-layout.js';
import { localEdit } from '../dossier/write-guard.js';
import { idSchema, parse } from '../dossier/schema.js';
import { KnipselError } from '../errors.js';
import { createId } from '../ids.js';
import { actionTextSchema, leervraagInputSchema, leervraagPatchSchema, leervraagStatusSchema, storedActionSchema } from './learning-schema.js';
import type { Leervraag, LeervraagAction, LeervraagStatus } from './types.js';

export type LeervraagInput = v.InferInput<typeof leervraagInputSchema>;
export type LeervraagPatch = v.InferInput<typeof leervraagPatchSchema>;

function isLeervraagMap(value: unknown): value is Y.Map<unknown> {
  return value instanceof Y.Map && typeof value.get('text') === 'string' && value.get('evidence') instanceof Y.Map && value.get('actions') instanceof Y.Map;
}

function readLeervraag(id: string, map: Y.Map<unknown>): Leervraag {
  const status = map.get('status');
  const themeId = map.get('themeId');
  const actions: LeervraagAction[] = [];
  for (const [actionId, value] of (map.get('actions') as Y.Map<unknown>).entries()) {
    if (v.is(storedActionSchema, value)) actions.push({ id: actionId, ...(value as Omit<LeervraagAction, 'id'>) });
  }
  const createdAt = typeof map.get('createdAt') === 'number' ? (map.get('createdAt') as number) : 0;
  return {
    id,
    text: map.get('text') as string,
    themeId: typeof themeId === 'string' ? themeId : null,
    status: v.is(leervraagStatusSchema, status) ? status : 'open',
    evidence: [...(map.get('evidence') as Y.Map<unknown>).keys()].sort(),
    actions: actions.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
    createdAt,
    updatedAt: typeof map.get('updatedAt') === 'number' ? (map.get('updatedAt') as number) : createdAt,
  };
}

export function createLeervraagOps(doc: Y.Doc, isKnownTheme: (id: string) => boolean, now: () => number = Date.now) {
  const { leervragen, clips } = roots(doc);

  function leervraagMap(id: string): Y.Map<unknown> {
    const map = leervragen.get(id);
    if (!isLeervraagMap(map)) throw new KnipselError('not-found', `No leervraag ${id}.`, { id });
    return map;
  }
  function checkTheme(themeId: string | null | undefined): void {
    if (themeId && !isKnownTheme(themeId)) throw new KnipselError('invalid-input', `Unknown theme: ${themeId}`, { unknown: [themeId] });
  }
  const touch = (map: Y.Map<unknown>) => map.set('updatedAt', now());

  return {
    /** Every leervraag, oldest first; `themeId` narrows to one theme (null: the dossier's own). */
    list(filter: { themeId?: string | null } = {}): Leervraag[] {
      const out: Leervraag[] = [];
      for (const [id, map] of leervragen.entries()) {
        if (!isLeervraagMap(map)) continue;
        const item = readLeervraag(id, map);
        if (filter.themeId !== undefined && item.themeId !== filter.themeId) continue;
        out.push(item);
      }
      return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },

    get(id: string): Leervraag | undefined {
      const map = leervragen.get(id);
      return isLeervraagMap(map) ? readLeervraag(id, map) : undefined;
    },

    add(input: LeervraagInput): string {
      const parsed = parse(leervraagInputSchema, input, 'leervraag');
      checkTheme(parsed.themeId);
      const id = createId();
      const at = now();
      localEdit(doc, () => {
        const map = new Y.Map<unknown>();
        leervragen.set(id, map);
        map.set('text', parsed.text);
        map.set('themeId', parsed.themeId ?? null);
        map.set('status', 'open' satisfies LeervraagStatus);
        map.set('evidence', new Y.Map());
        map.set('actions', new Y.Map());
        map.set('createdAt', at);
        map.set('updatedAt', at);
      });
      return id;
    },

    update(id: string, patch: LeervraagPatch): void {
      const parsed = parse(leervraagPatchSchema, patch, 'leervraag change');
      checkTheme(parsed.themeId);
      const map = leervraagMap(id);
      localEdit(doc, () => {
        for (const [key, value] of Object.entries(parsed)) if (value !== undefined) map.set(key, value);
        touch(map);
      });
    },

    remove(id: string): void {
      leervraagMap(id);
      localEdit(doc, () => leervragen.delete(id));
    },

    /** Link clips that answer the leervraag (a set: linking twice keeps one). */
    link(id: string, clipIds: string[]): void {
      const ids = parse(v.pipe(v.array(idSchema), v.maxLength(10_000)), clipIds, 'clip ids');
      const unknown = ids.filter((clipId) => !isClipMap(clips.get(clipId)));
      if (unknown.length > 0) throw new KnipselError('not-found', `No clip(s) ${unknown.join(', ')}.`, { unknown });
      const map = leervraagMap(id);
      const evidence = map.get('evidence') as Y.Map<true>;
      localEdit(doc, () => {
        for (const clipId of ids) if (!evidence.has(clipId)) evidence.set(clipId, true);
        touch(map);
      });
    },

    unlink(id: string, clipIds: string[]): void {
      const ids = parse(v.pipe(v.array(idSchema), v.maxLength(10_000)), clipIds, 'clip ids');
      const map = leervraagMap(id);
      const evidence = map.get('evidence') as Y.Map<true>;
      localEdit(doc, () => {
        for (const clipId of ids) evidence.delete(clipId);
        touch(map);
      });
    },

    addAction(id: string, text: string): string {
      const parsed = parse(actionTextSchema, text, 'action');
      const map = leervraagMap(id);
      const actionId = createId();
      localEdit(doc, () => {
        (map.get('actions') as Y.Map<unknown>).set(actionId, { text: parsed, done: false, createdAt: now() });
        touch(map);
      });
      return actionId;
    },

    updateAction(id: string, actionId: string, patch: { text?: string; done?: boolean }): void {
      const parsed = parse(v.object({ text: v.optional(actionTextSchema), done: v.optional(v.boolean()) }), patch, 'action change');
      const map = leervraagMap(id);
      const actions = map.get('actions') as Y.Map<unknown>;
      const current = actions.get(actionId);
      if (!v.is(storedActionSchema, current)) throw new KnipselError('not-found', `No action ${actionId}.`, { actionId });
      localEdit(doc, () => {
        actions.set(actionId, { ...current, ...Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined)) });
        touch(map);
      });
    },

    removeAction(id: string, actionId: string): void {
      const map = leervraagMap(id);
      const actions = map.get('actions') as Y.Map<unknown>;
      if (!actions.has(actionId)) throw new KnipselError('not-found', `No action ${actionId}.`, { actionId });
      localEdit(doc, () => {
        actions.delete(actionId);
        touch(map);
      });
    },
  };
}

export type LeervraagOps = ReturnType<typeof createLeervraagOps>;
