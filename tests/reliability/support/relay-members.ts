// Simulated members of relay dossiers for the load test: each is a dossier doc connected
// through core's relay session, whose WebSocket picks a live relay process round-robin on
// every (re)connect (what a load balancer without sticky sessions does), and which writes
// into its own reflection now and then. Every edit is tracked by its Yjs id (client, clock):
// a member has an edit once its doc's state for that client reaches that clock.
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createDossier } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { connectRelay, type RelaySession } from '@knipsel/core/relay/session';

/** The relay processes behind one "address"; a dead one is skipped (the balancer's health check). */
export class Balancer {
  private next = 0;
  readonly alive: boolean[];
  constructor(readonly urls: string[]) {
    this.alive = urls.map(() => true);
  }
  pick(): number {
    for (let i = 0; i < this.urls.length; i++) {
      const index = (this.next + i) % this.urls.length;
      if (this.alive[index]) {
        this.next = index + 1;
        return index;
      }
    }
    throw new Error('no relay process alive');
  }
}

export interface Edit {
  dossier: number;
  client: number;
  clock: number;
  sentAt: number;
  senderBackend: number;
  /** Sent while members were failing over: left out of the propagation figures. */
  duringFailover: boolean;
  missing: Set<Member>;
}

export interface Member {
  dossier: number;
  doc: Y.Doc;
  session: RelaySession;
  /** The relay process of the current (or last) connection. */
  backend: number;
  clipId: string | null;
}

export interface Tracker {
  edits: Edit[];
  outstanding: Map<number, Edit[]>;
  /** Cross-process deliveries outside failover windows, in ms. */
  crossProcessMs: number[];
  failover: boolean;
}

export function createTracker(): Tracker {
  return { edits: [], outstanding: new Map(), crossProcessMs: [], failover: false };
}

const has = (doc: Y.Doc, edit: Edit) => Y.getState(doc.store, edit.client) >= edit.clock;

function noticeArrivals(tracker: Tracker, member: Member) {
  const list = tracker.outstanding.get(member.dossier);
  if (!list) return;
  const now = performance.now();
  for (let i = list.length - 1; i >= 0; i--) {
    const edit = list[i];
    if (!edit.missing.has(member) || !has(member.doc, edit)) continue;
    edit.missing.delete(member);
    if (!edit.duringFailover && member.backend !== edit.senderBackend) tracker.crossProcessMs.push(now - edit.sentAt);
    if (edit.missing.size === 0) list.splice(i, 1);
  }
}

/** Connects a member of dossier `dossier` (id, token) through the balancer. */
export function connectMember(options: { balancer: Balancer; tracker: Tracker; dossier: number; dossierId: string; token: string; doc?: Y.Doc }): Member {
  const { balancer, tracker } = options;
  const doc = options.doc ?? new Y.Doc();
  const member = { dossier: options.dossier, doc, backend: -1, clipId: null } as unknown as Member;
  class BalancedWebSocket extends WebSocket {
    constructor(_url: string, protocols?: string | string[]) {
      member.backend = balancer.pick();
      super(balancer.urls[member.backend], protocols);
      // The provider closes a socket that is still connecting when it starts a new attempt;
      // `ws` then emits an error that, with the provider's listeners already removed, would throw.
      this.on('error', () => undefined);
    }
  }
  member.session = connectRelay(doc, { url: balancer.urls[0], dossierId: options.dossierId, token: options.token, WebSocketPolyfill: BalancedWebSocket });
  doc.on('update', () => noticeArrivals(tracker, member));
  return member;
}

/** The member's own clip (made once), whose reflection it writes in. */
export function addOwnClip(member: Member): void {
  member.clipId = createDossier(member.doc).clips.add({ capture: makeCapture(), note: '' });
}

/** One realistic edit: a few words added to the member's reflection; tracked for every other member. */
export function edit(tracker: Tracker, member: Member, others: readonly Member[], words: string): Edit {
  const text = createDossier(member.doc).clips.noteText(member.clipId!);
  text.insert(text.length, words);
  const tracked: Edit = {
    dossier: member.dossier,
    client: member.doc.clientID,
    clock: Y.getState(member.doc.store, member.doc.clientID),
    sentAt: performance.now(),
    senderBackend: member.backend,
    duringFailover: tracker.failover,
    missing: new Set(others.filter((other) => other !== member)),
  };
  tracker.edits.push(tracked);
  let list = tracker.outstanding.get(member.dossier);
  if (!list) tracker.outstanding.set(member.dossier, (list = []));
  list.push(tracked);
  return tracked;
}

/** Has `doc` got every edit of `dossier`? Returns how many it lacks. */
export function missingIn(doc: Y.Doc, tracker: Tracker, dossier: number): number {
  return tracker.edits.filter((e) => e.dossier === dossier && !has(doc, e)).length;
}

export const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
