// The learning plan (own guides, leervragen with actions and evidence, periods, ratings,
// growth texts) through the checked mirror bridge that peers and the relay client use:
// what one member makes passes the dossier-shape check and the other sees the same plan;
// junk in those roots is refused like junk elsewhere and the valid plan stays as it was.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc, type Dossier } from '../../dossier/dossier.js';
import { makeCapture } from '../../testing/captures.js';
import { createMirrorBridge } from './mirror-bridge.js';
import { checkDossierUpdate } from './update-shape.js';

const theme = 'community-werker.eigenaarschap';

/** Two members of one dossier; `b` receives `a`'s updates only through a checked mirror bridge. */
function members() {
  const docA = new Y.Doc();
  initDossierDoc(docA, { id: 'gedeeld', name: 'Leergang samen', kind: 'shared' });
  const docB = new Y.Doc();
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
  const a = createDossier(docA);
  const b = createDossier(docB);
  const reasons: string[] = [];
  const bridge = createMirrorBridge(docB, { onReject: (reason) => reasons.push(reason) });
  const sent: Uint8Array[] = [];
  docA.on('update', (update: Uint8Array) => {
    sent.push(update);
    Y.applyUpdate(bridge.mirror, update, 'peer');
  });
  return { a, b, bridge, reasons, sent };
}

function plan(dossier: Dossier) {
  const periods = dossier.growth.periods();
  return {
    guides: dossier.guides.own(),
    leervragen: dossier.leervragen.list(),
    periods,
    ratings: periods.map((p) => dossier.growth.rating(p.id, theme)),
    changed: dossier.growth.changed(theme),
  };
}

function makePlan(a: Dossier) {
  const clip = a.clips.add({ capture: makeCapture({ title: 'Buurtmaaltijd' }), themes: [theme] });
  a.guides.add({ name: 'Kort terugblikken', kinds: ['eigen-praktijk'], questions: ['Wat zag je?', 'Wat deed je?'] });
  const leervraag = a.leervragen.add({ text: 'Hoe laat ik bewoners eigenaar blijven?', themeId: theme });
  a.leervragen.link(leervraag, [clip]);
  const action = a.leervragen.addAction(leervraag, 'Een avond meelopen met de opbouwwerker');
  a.leervragen.updateAction(leervraag, action, { done: true });
  a.leervragen.update(leervraag, { status: 'bezig' });
  a.leervragen.add({ text: 'Wat wil ik dit jaar leren?' });
  const period = a.growth.addPeriod({ name: 'Module 1', startsOn: '2026-09-01' });
  a.growth.rate(period, theme, 3);
  a.growth.setChanged(theme, 'Ik vraag eerst wat bewoners zelf al doen.');
  return { clip, leervraag, period };
}

describe('the learning plan through the dossier-shape check', () => {
  it('passes the check update by update and shows the same plan on the other side', () => {
    const { a, b, bridge, reasons, sent } = members();
    makePlan(a);
    expect(reasons).toEqual([]);
    expect(bridge.stats()).toEqual({ applied: sent.length, rejected: 0 });
    const mine = plan(a);
    expect(mine.guides).toHaveLength(1);
    expect(mine.leervragen).toHaveLength(2);
    expect(mine.leervragen[0].actions).toHaveLength(1);
    expect(mine.leervragen[0].evidence).toHaveLength(1);
    expect(mine.ratings).toEqual([3]);
    expect(plan(b)).toEqual(mine);
    // A fresh replica (the relay's copy) that receives the whole state at once checks it too.
    const relayDoc = new Y.Doc();
    const whole = Y.encodeStateAsUpdate(a.doc);
    Y.applyUpdate(relayDoc, whole);
    expect(checkDossierUpdate(whole, relayDoc)).toBeNull();
  });

  it('passes removals and later edits of the plan', () => {
    const { a, b, bridge } = members();
    const { leervraag, period } = makePlan(a);
    a.leervragen.removeAction(leervraag, a.leervragen.get(leervraag)!.actions[0].id);
    a.leervragen.unlink(leervraag, a.leervragen.get(leervraag)!.evidence);
    a.growth.rate(period, theme, null);
    a.growth.removePeriod(period);
    a.guides.remove(a.guides.own()[0].id);
    a.growth.setChanged(theme, '');
    expect(bridge.stats().rejected).toBe(0);
    expect(plan(b)).toEqual(plan(a));
  });

  const leervraagIn = (peer: Y.Doc, id: string) => peer.getMap('leervragen').get(id) as Y.Map<unknown>;
  const subMap = (peer: Y.Doc, id: string, name: 'evidence' | 'actions') => leervraagIn(peer, id).get(name) as Y.Map<unknown>;
  const junk: Record<string, (peer: Y.Doc, ids: { leervraag: string; period: string }) => void> = {
    'guide that is a string': (peer) => peer.getMap('guides').set('eigen-x', 'kapot'),
    'guide without questions': (peer) => peer.getMap('guides').set('eigen-x', { name: 'Leeg', kinds: ['eigen-praktijk'], prompts: [], createdAt: 1 }),
    'guide as a Y.Map': (peer) => peer.getMap('guides').set('eigen-x', new Y.Map()),
    'leervraag that is a plain object': (peer) => peer.getMap('leervragen').set('lv', { text: 'x' }),
    'leervraag text as Y.Text': (peer, { leervraag }) => leervraagIn(peer, leervraag).set('text', new Y.Text('x')),
    'leervraag status unknown': (peer, { leervraag }) => leervraagIn(peer, leervraag).set('status', 'klaar'),
    'leervraag text far too long': (peer, { leervraag }) => leervraagIn(peer, leervraag).set('text', 'x'.repeat(5000)),
    'leervraag evidence replaced by a list': (peer, { leervraag }) => leervraagIn(peer, leervraag).set('evidence', new Y.Array()),
    'evidence link that is not true': (peer, { leervraag }) => subMap(peer, leervraag, 'evidence').set('clip', 'ja'),
    'action without done': (peer, { leervraag }) => subMap(peer, leervraag, 'actions').set('act', { text: 'x', createdAt: 1 }),
    'action as a Y.Map': (peer, { leervraag }) => subMap(peer, leervraag, 'actions').set('act', new Y.Map()),
    'period without a start': (peer) => peer.getMap('periods').set('p', { name: 'Module 2', createdAt: 1 }),
    'rating of 7': (peer, { period }) => peer.getMap('ratings').set(`${period}|${theme}`, 7),
    'rating as a string': (peer, { period }) => peer.getMap('ratings').set(`${period}|${theme}`, '3'),
    'growth text as an object': (peer) => peer.getMap('growth').set(theme, { html: '<img onerror=alert(1)>' }),
    'growth text as Y.Text': (peer) => peer.getMap('growth').set(theme, new Y.Text('x')),
  };

  for (const [name, edit] of Object.entries(junk)) {
    it(`refuses junk in the learning plan and keeps the valid plan: ${name}`, () => {
      const { a, b, bridge, reasons } = members();
      const ids = makePlan(a);
      const before = plan(b);
      const beforeState = Y.encodeStateAsUpdate(b.doc);
      const peer = new Y.Doc();
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(a.doc));
      const vector = Y.encodeStateVector(peer);
      edit(peer, ids);
      Y.applyUpdate(bridge.mirror, Y.encodeStateAsUpdate(peer, vector), 'peer');
      expect(reasons).toHaveLength(1);
      expect(Y.encodeStateAsUpdate(b.doc)).toEqual(beforeState);
      expect(plan(b)).toEqual(before);
      // Valid work that follows still arrives.
      a.leervragen.add({ text: 'Hoe sluit ik aan bij wat er al is?' });
      expect(b.leervragen.list().map((l) => l.text)).toContain('Hoe sluit ik aan bij wat er al is?');
    });
  }
});
