// The peer supervisor with fake sessions: one session per shared dossier (the one on screen
// first), retries after a failure with back-off, offline pauses and online resumes every
// session, a dossier being left is never reconnected, new settings reconnect all.
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PeerPresence, PeerSession, PeerStatusEvent } from '@knipsel/core/peer';
import { createPeerSupervisor, type ShareConnection, type SupervisorDeps } from './peer-supervisor.js';
import type { ShareRecord } from './share-service.js';

type FakeSession = PeerSession & { id: string; connected: boolean; destroyed: boolean; left: boolean; views: string[]; emit(event: Partial<PeerStatusEvent>): void };

function fakeSession(id: string): FakeSession {
  const statusListeners = new Set<(event: PeerStatusEvent) => void>();
  const session = {
    id,
    connected: true,
    destroyed: false,
    left: false,
    views: [] as string[],
    status: 'alone',
    peers: 0,
    roomName: `knipsel-${id}`,
    awareness: null as never,
    presence: (): PeerPresence[] => [],
    setView: (view: { screen: string }) => session.views.push(view.screen),
    setPresence: () => undefined,
    onStatus(listener: (event: PeerStatusEvent) => void) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onPresence: () => () => undefined,
    leave: () => (session.left = true),
    disconnect: () => (session.connected = false),
    reconnect: () => (session.connected = true),
    stats: () => ({ appliedUpdates: 0, rejectedUpdates: 0, droppedMessages: 0 }),
    destroy: async () => {
      session.destroyed = true;
    },
    emit(event: Partial<PeerStatusEvent>) {
      for (const listener of statusListeners) listener({ status: 'connected', peers: 1, signalling: true, ...event } as PeerStatusEvent);
    },
  };
  return session as unknown as FakeSession;
}

function setup(options: { shared?: Record<string, string>; onScreen?: string | null; failFirst?: number } = {}) {
  const shares = new Map(Object.entries(options.shared ?? { a: 'secret-a', b: 'secret-b' }));
  const dossiers = ['a', 'b', 'c'];
  const sessions: FakeSession[] = [];
  const reports: unknown[] = [];
  let connections: ReadonlyMap<string, ShareConnection> = new Map();
  let failures = options.failFirst ?? 0;
  let onScreen: string | null = options.onScreen ?? 'b';
  const deps: SupervisorDeps = {
    dossierIds: () => dossiers,
    getShare: async (id) => (shares.has(id) ? ({ secret: shares.get(id)!, sharedBy: 'Anouk', since: 0 } satisfies ShareRecord) : undefined),
    getIdentity: async () => ({ name: 'Anouk', colour: '#2f6f4e' }),
    openSession: async (id) => {
      if (failures > 0) {
        failures--;
        throw new Error('no signalling server');
      }
      const session = fakeSession(id);
      sessions.push(session);
      return session;
    },
    closeSession: (session) => session.destroy(),
    onScreen: () => onScreen,
    viewOf: (id) => ({ screen: id === onScreen ? 'list' : 'elsewhere' }),
    newcomerName: () => 'Nieuwe collega',
    report: (error) => reports.push(error),
    onConnections: (next) => (connections = next),
    onPresence: () => undefined,
    retryDelay: (count) => 2_000 * 2 ** (count - 1),
    log: () => undefined,
  };
  const supervisor = createPeerSupervisor(deps);
  return {
    supervisor,
    sessions,
    reports,
    shares,
    connections: () => connections,
    setOnScreen: (id: string | null) => (onScreen = id),
    open: () => sessions.filter((s) => !s.destroyed).map((s) => s.id),
  };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

afterEach(() => {
  vi.useRealTimers();
});

describe('peer supervisor', () => {
  test('the page going away says goodbye in every session', async () => {
    vi.useFakeTimers();
    const s = setup();
    s.supervisor.reconcile();
    await settle();
    expect(s.sessions.map((x) => x.left)).toEqual([false, false]);
    s.supervisor.goodbye();
    expect(s.sessions.map((x) => x.left)).toEqual([true, true]);
  });

  test('keeps one session per shared dossier, the one on screen first, and closes what is no longer shared', async () => {
    vi.useFakeTimers();
    const s = setup();
    s.supervisor.reconcile();
    await settle();
    expect(s.sessions.map((x) => x.id)).toEqual(['b', 'a']);
    s.sessions[0].emit({ status: 'connected', peers: 2 });
    expect(s.connections().get('b')).toEqual({ status: 'connected', peers: 2, signalling: true });
    s.shares.delete('a');
    s.shares.set('b', 'renewed');
    s.supervisor.reconcile();
    await settle();
    expect(s.open()).toEqual(['b']);
    expect(s.sessions.length).toBe(3); // b reconnected with its new secret
    expect([...s.connections().keys()]).toEqual(['b']);
  });

  test('a failed connection is reported once for the dossier on screen and tried again with back-off', async () => {
    vi.useFakeTimers();
    const s = setup({ shared: { b: 'secret-b' }, failFirst: 2 });
    s.supervisor.reconcile();
    await settle();
    expect(s.reports.length).toBe(1);
    expect(s.open()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(s.open()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1); // second try at 2 s fails quietly
    expect(s.reports.length).toBe(1);
    await vi.advanceTimersByTimeAsync(4_000); // third try at 4 s later succeeds
    expect(s.open()).toEqual(['b']);
  });

  test('offline pauses every session and shows offline; online resumes them', async () => {
    vi.useFakeTimers();
    const s = setup();
    s.supervisor.reconcile();
    await settle();
    s.supervisor.setOnline(false);
    expect(s.sessions.every((x) => !x.connected)).toBe(true);
    expect([...s.connections().values()].map((c) => c.status)).toEqual(['offline', 'offline']);
    s.supervisor.setOnline(true);
    expect(s.sessions.every((x) => x.connected)).toBe(true);
  });

  test('a dossier being left is not reconnected meanwhile; new settings reconnect the others', async () => {
    vi.useFakeTimers();
    const s = setup();
    s.supervisor.reconcile();
    await settle();
    await s.supervisor.leave('a', async () => {
      s.supervisor.reconcile();
      await settle();
      expect(s.open()).toEqual(['b']);
      s.shares.delete('a');
    });
    s.supervisor.settingsChanged();
    await settle();
    expect(s.open()).toEqual(['b']);
    expect(s.sessions.filter((x) => x.id === 'b').length).toBe(2);
  });

  test('tells each session what this device looks at, and stops for good', async () => {
    vi.useFakeTimers();
    const s = setup();
    s.supervisor.reconcile();
    await settle();
    s.setOnScreen('a');
    s.supervisor.applyViews();
    const [b, a] = s.sessions;
    expect(a.views).toEqual(['list']);
    expect(b.views).toEqual(['elsewhere']);
    s.supervisor.stop();
    await settle();
    s.supervisor.reconcile();
    await settle();
    expect(s.open()).toEqual([]);
  });
});
