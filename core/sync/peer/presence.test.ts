// Presence from several channels, one line per member; presence that follows people leaving.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { keepPresenceLive } from './presence-liveness.js';
import { presentMembers, readPeerPresence, type PeerPresence } from './presence.js';

const peer = (clientId: number, name: string, screen = 'list', colour = '#336699'): PeerPresence => ({ clientId, name, colour, view: { screen } });

describe('presentMembers', () => {
  it('merges peers and relay members, one per member, and leaves out who only looks at an invitation', () => {
    const viaPeers = [peer(1, 'Anna', 'elsewhere'), peer(2, 'Joost', 'join')];
    const viaRelay = [peer(7, 'Anna', 'board'), peer(8, 'Bram', 'clip')];
    const members = presentMembers(viaPeers, viaRelay);
    expect(members.map((p) => `${p.name}:${p.view.screen}`)).toEqual(['Anna:board', 'Bram:clip']);
  });

  it('keeps two people with one name but another colour apart', () => {
    expect(presentMembers([peer(1, 'Sanne', 'list', '#111111')], [peer(2, 'Sanne', 'list', '#222222')])).toHaveLength(2);
  });
});

describe('keepPresenceLive', () => {
  afterEach(() => vi.useRealTimers());

  function pair() {
    const a = new awarenessProtocol.Awareness(new Y.Doc());
    const b = new awarenessProtocol.Awareness(new Y.Doc());
    const wire = { up: true };
    // Each side's updates reach the other, as a provider would send them, while the wire is up.
    const link = (from: awarenessProtocol.Awareness, to: awarenessProtocol.Awareness) =>
      from.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin === 'remote' || !wire.up) return;
        awarenessProtocol.applyAwarenessUpdate(to, awarenessProtocol.encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), 'remote');
      });
    link(a, b);
    link(b, a);
    a.setLocalState({ name: 'Anna', colour: '#336699', view: { screen: 'list' } });
    b.setLocalState({ name: 'Bram', colour: '#993366', view: { screen: 'board' } });
    return { a, b, wire };
  }

  it('a goodbye removes us from the others at once, and we come back on resume', () => {
    const { a, b } = pair();
    const live = keepPresenceLive(a);
    expect(readPeerPresence(b).map((p) => p.name)).toEqual(['Anna']);
    live.leave();
    expect(readPeerPresence(b)).toEqual([]);
    live.resume();
    expect(readPeerPresence(b).map((p) => p.name)).toEqual(['Anna']);
    live.stop();
  });

  it('drops a member that went silent after the timeout, while heartbeats keep the others', () => {
    vi.useFakeTimers();
    const { a, b, wire } = pair();
    const liveA = keepPresenceLive(a, { heartbeatMs: 1000, timeoutMs: 3000 });
    const liveB = keepPresenceLive(b, { heartbeatMs: 1000, timeoutMs: 3000 });
    vi.advanceTimersByTime(10_000);
    expect(readPeerPresence(a).map((p) => p.name)).toEqual(['Bram']);
    // Bram's tab is gone without a word.
    wire.up = false;
    liveB.stop();
    vi.advanceTimersByTime(1_000);
    expect(readPeerPresence(a).map((p) => p.name)).toEqual(['Bram']);
    vi.advanceTimersByTime(3_000);
    expect(readPeerPresence(a)).toEqual([]);
    liveA.stop();
  });

  it('forgets everyone else when we go offline', () => {
    const { a, b } = pair();
    const live = keepPresenceLive(b);
    live.forgetOthers();
    expect(readPeerPresence(b)).toEqual([]);
    live.stop();
    void a;
  });
});
