// Seeded property tests: replicas applying random concurrent operations and exchanging
// updates in random order converge. Replay a failure with KNIPSEL_SEED=<seed>.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc, type Dossier } from './dossier.js';
import { makeCapture } from '../testing/captures.js';

const seed = process.env.KNIPSEL_SEED ? Number(process.env.KNIPSEL_SEED) : undefined;
const runs = Number(process.env.KNIPSEL_RUNS ?? 60);

type Op =
  | { kind: 'add'; replica: number; title: string }
  | { kind: 'note'; replica: number; clip: number; at: number; text: string }
  | { kind: 'tag'; replica: number; clip: number; theme: number }
  | { kind: 'untag'; replica: number; clip: number; theme: number }
  | { kind: 'trash'; replica: number; clip: number }
  | { kind: 'restore'; replica: number; clip: number }
  | { kind: 'renameTheme'; replica: number; theme: number; name: string }
  | { kind: 'sync'; from: number; to: number };

const replica = fc.integer({ min: 0, max: 2 });
const index = fc.nat({ max: 20 });
const word = fc.constantFrom('wijk', 'bewoners', 'ideeën', 'coöperatie', 'reflectie', 'netwerk', '😀', 'ambacht');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), replica, title: word }),
  fc.record({ kind: fc.constant('note' as const), replica, clip: index, at: index, text: word }),
  fc.record({ kind: fc.constant('tag' as const), replica, clip: index, theme: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant('untag' as const), replica, clip: index, theme: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant('trash' as const), replica, clip: index }),
  fc.record({ kind: fc.constant('restore' as const), replica, clip: index }),
  fc.record({ kind: fc.constant('renameTheme' as const), replica, theme: fc.nat({ max: 5 }), name: word }),
  fc.record({ kind: fc.constant('sync' as const), from: replica, to: replica }),
);

function makeReplicas(): Dossier[] {
  const origin = new Y.Doc();
  initDossierDoc(origin, { id: 'shared', name: 'Wijkteam Noord', kind: 'shared' });
  const state = Y.encodeStateAsUpdate(origin);
  return [0, 1, 2].map(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return createDossier(doc);
  });
}

function sync(from: Dossier, to: Dossier): void {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), 'peer');
}

function apply(replicas: Dossier[], op: Op): void {
  if (op.kind === 'sync') return sync(replicas[op.from], replicas[op.to]);
  const dossier = replicas[op.replica];
  const clipIds = dossier.clips
    .all()
    .map((c) => c.id)
    .sort();
  const themes = dossier.frameworks.list()[0].themes.map((t) => t.id);
  const clip = clipIds.length > 0 && 'clip' in op ? clipIds[op.clip % clipIds.length] : undefined;
  switch (op.kind) {
    case 'add':
      dossier.clips.add({ capture: makeCapture({ title: op.title }) });
      return;
    case 'note': {
      if (!clip) return;
      const current = dossier.clips.get(clip)!.note;
      const at = Math.min(op.at, current.length);
      dossier.clips.update(clip, { note: current.slice(0, at) + op.text + current.slice(at) });
      return;
    }
    case 'tag':
      if (clip) dossier.clips.tag([clip], [themes[op.theme]]);
      return;
    case 'untag':
      if (clip) dossier.clips.untag([clip], [themes[op.theme]]);
      return;
    case 'trash':
      if (clip) dossier.clips.trash([clip]);
      return;
    case 'restore':
      if (clip) dossier.clips.restore([clip]);
      return;
    case 'renameTheme':
      dossier.frameworks.updateTheme(themes[op.theme], { name: op.name });
      return;
  }
}

const snapshot = (dossier: Dossier) => ({
  clips: dossier.clips.all().sort((a, b) => a.id.localeCompare(b.id)),
  frameworks: dossier.frameworks.list({ includeDisabled: true }),
  meta: dossier.meta(),
});

describe('convergence of three replicas', () => {
  it('random concurrent operations, exchanged in random order, converge', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), fc.array(fc.tuple(replica, replica), { minLength: 6, maxLength: 12 }), (ops, finalOrder) => {
        const replicas = makeReplicas();
        for (const op of ops) apply(replicas, op);
        // Exchange in a random order, then a full round so everyone has seen everything.
        for (const [from, to] of finalOrder) sync(replicas[from], replicas[to]);
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (i !== j) sync(replicas[i], replicas[j]);
        const [a, b, c] = replicas.map(snapshot);
        expect(b).toEqual(a);
        expect(c).toEqual(a);
      }),
      { seed, numRuns: runs },
    );
  });

  it('concurrent adds of one theme to a clip never duplicate it', () => {
    fc.assert(
      fc.property(fc.nat({ max: 5 }), (themeIndex) => {
        const [a, b] = makeReplicas();
        const id = a.clips.add({ capture: makeCapture() });
        sync(a, b);
        const theme = a.frameworks.list()[0].themes[themeIndex].id;
        a.clips.tag([id], [theme]);
        b.clips.tag([id], [theme]);
        sync(a, b);
        sync(b, a);
        expect(a.clips.get(id)!.themes).toEqual([theme]);
        expect(b.clips.get(id)!.themes).toEqual([theme]);
      }),
      { seed, numRuns: 20 },
    );
  });

  it('concurrent note edits keep both sides’ text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), (left, right) => {
        const [a, b] = makeReplicas();
        const id = a.clips.add({ capture: makeCapture(), note: 'Situatie: buurtmaaltijd. ' });
        sync(a, b);
        const base = a.clips.get(id)!.note;
        a.clips.update(id, { note: `A:${left} ${base}` });
        b.clips.update(id, { note: `${base}B:${right}` });
        sync(a, b);
        sync(b, a);
        const merged = a.clips.get(id)!.note;
        expect(b.clips.get(id)!.note).toBe(merged);
        expect(merged).toContain(`A:${left}`);
        expect(merged).toContain(`B:${right}`);
        expect(merged).toContain('Situatie: buurtmaaltijd.');
      }),
      { seed, numRuns: 50 },
    );
  });
});
