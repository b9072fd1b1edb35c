// Keeps one peer session per shared dossier of the library while the app is open, so every
// shared dossier syncs with whoever is online: reconciles when asked (the dossier list, a
// secret or the settings changed), tries a failed connection again after 2 s, 4 s, … up to
// a minute, pauses and resumes every session with the browser's offline/online, and never
// (re)connects a dossier that is being left. Plain TypeScript, tested in Node; ShareState
// turns what it reports into reactive state.
import type { PeerPresence, PeerSession, PresenceView } from '@knipsel/core/peer';
import type { Identity, ShareRecord } from './share-service.js';
import { retryDelayMs } from './share-service.js';

export type ShareStatus = 'off' | 'connecting' | 'connected' | 'alone' | 'offline';

/** The connection of one shared dossier. */
export interface ShareConnection {
  status: ShareStatus;
  peers: number;
  /** False while no signalling server is reachable (peers cannot find each other). */
  signalling: boolean;
}

/** What the supervisor needs: the share service's calls and a few facts about the screen. */
export interface SupervisorDeps {
  /** Ids of the library's dossiers now. */
  dossierIds(): readonly string[];
  getShare(id: string): Promise<ShareRecord | undefined>;
  getIdentity(): Promise<Identity | undefined>;
  openSession(id: string, presence: { name: string; colour: string; view: PresenceView }): Promise<PeerSession>;
  closeSession(session: PeerSession): Promise<void>;
  /** The dossier on screen: connected first; its first failure is reported. */
  onScreen(): string | null;
  /** What this device looks at in a dossier (`elsewhere` unless it is on screen). */
  viewOf(id: string): PresenceView;
  /** The name shown before the user chose one. */
  newcomerName(): string;
  report(error: unknown): void;
  /** Connections changed (status, peers, a session opened or closed). */
  onConnections(connections: ReadonlyMap<string, ShareConnection>): void;
  /** Who is here in a dossier changed. */
  onPresence(id: string, peers: PeerPresence[]): void;
  retryDelay?(failures: number): number;
  log?(line: string, error?: unknown): void;
}

interface Entry {
  id: string;
  secret: string;
  settings: number;
  session: PeerSession | null;
  closed: boolean;
  view: string;
  unsubscribe: Array<() => void>;
}

const anonymousColour = '#5b6b7a';

export function createPeerSupervisor(deps: SupervisorDeps) {
  const entries = new Map<string, Entry>();
  /** Dossiers being left: never (re)connected meanwhile. */
  const leaving = new Set<string>();
  /** Failed connection attempts per dossier (reset on success). */
  const failures = new Map<string, number>();
  let connections: ReadonlyMap<string, ShareConnection> = new Map();
  let settingsVersion = 0;
  let identity: Identity | null = null;
  let online = true;
  let stopped = false;
  let reconciling = false;
  let again = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const log = deps.log ?? ((line: string, error?: unknown) => console.warn(`[knipsel/share] ${line}`, error ?? ''));

  const publish = (next: ReadonlyMap<string, ShareConnection>) => {
    connections = next;
    deps.onConnections(next);
  };

  /** Recompute every dossier's connection from its session. */
  function refresh(): void {
    const next = new Map<string, ShareConnection>();
    for (const entry of entries.values()) {
      const session = entry.session;
      if (!session) continue;
      next.set(entry.id, { status: online ? session.status : 'offline', peers: session.peers, signalling: connections.get(entry.id)?.signalling ?? true });
    }
    publish(next);
  }

  function applyView(entry: Entry): void {
    if (!entry.session) return;
    const view = deps.viewOf(entry.id);
    const key = JSON.stringify(view);
    if (key === entry.view) return; // setting the same view again would broadcast again
    entry.view = key;
    entry.session.setView(view);
  }

  async function reconcileOnce(): Promise<void> {
    const wanted = new Map<string, ShareRecord>();
    for (const id of deps.dossierIds()) {
      if (leaving.has(id)) continue;
      const record = await deps.getShare(id);
      if (record) wanted.set(id, record);
    }
    for (const entry of [...entries.values()]) {
      const record = wanted.get(entry.id);
      if (!record || record.secret !== entry.secret || entry.settings !== settingsVersion) await close(entry.id);
    }
    const onScreen = deps.onScreen();
    const missing = [...wanted].filter(([id]) => !entries.has(id));
    if (missing.length === 0) return;
    missing.sort(([a], [b]) => Number(b === onScreen) - Number(a === onScreen));
    identity ??= (await deps.getIdentity()) ?? null;
    for (const [id, record] of missing) {
      if (stopped || leaving.has(id) || entries.has(id)) continue;
      await open(id, record);
    }
  }

  async function open(id: string, record: ShareRecord): Promise<void> {
    const entry: Entry = { id, secret: record.secret, settings: settingsVersion, session: null, closed: false, view: '', unsubscribe: [] };
    entries.set(id, entry);
    const view = deps.viewOf(id);
    let session: PeerSession;
    try {
      session = await deps.openSession(id, { name: identity?.name ?? deps.newcomerName(), colour: identity?.colour ?? anonymousColour, view });
    } catch (error) {
      if (entries.get(id) === entry) entries.delete(id);
      // Only the dossier on screen interrupts the user (once); all are tried again later.
      const count = (failures.get(id) ?? 0) + 1;
      failures.set(id, count);
      if (!entry.closed && id === deps.onScreen() && count === 1) deps.report(error);
      else log(`could not connect dossier ${id} (attempt ${count})`, error);
      if (!entry.closed) retryLater(count);
      return;
    }
    failures.delete(id);
    if (entry.closed) {
      await deps.closeSession(session);
      return;
    }
    entry.session = session;
    entry.view = JSON.stringify(view);
    applyView(entry); // the screen may have changed while connecting
    if (!online) session.disconnect();
    entry.unsubscribe.push(
      session.onStatus((event) => {
        const next = new Map(connections);
        next.set(id, { status: online ? event.status : 'offline', peers: event.peers, signalling: event.signalling });
        publish(next);
      }),
      session.onPresence((peers) => deps.onPresence(id, peers)),
    );
    refresh();
    deps.onPresence(id, session.presence());
  }

  function retryLater(count: number): void {
    if (stopped || retry) return;
    retry = setTimeout(
      () => {
        retry = null;
        if (!stopped) supervisor.reconcile();
      },
      (deps.retryDelay ?? retryDelayMs)(count),
    );
  }

  async function close(id: string): Promise<void> {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    entry.closed = true;
    for (const stop of entry.unsubscribe.splice(0)) stop();
    deps.onPresence(id, []);
    refresh();
    if (entry.session) await deps.closeSession(entry.session);
  }

  const supervisor = {
    /** Open a session for every shared dossier without one; close those no longer shared. */
    reconcile(): void {
      again = true;
      if (reconciling || stopped) return;
      reconciling = true;
      void (async () => {
        try {
          while (again && !stopped) {
            again = false;
            await reconcileOnce();
          }
        } catch (error) {
          deps.report(error);
        } finally {
          reconciling = false;
        }
      })();
    },

    /** New connection settings: every session reconnects with them. */
    settingsChanged(): void {
      settingsVersion++;
      supervisor.reconcile();
    },

    setOnline(next: boolean): void {
      online = next;
      for (const entry of entries.values()) {
        if (next) entry.session?.reconnect();
        else entry.session?.disconnect();
      }
      refresh();
    },

    /** The user's name and colour: every session tells its peers. */
    setIdentity(next: Identity): void {
      identity = next;
      for (const entry of entries.values()) entry.session?.setPresence({ name: next.name, colour: next.colour });
    },

    /** The screen changed: each session says what this device looks at now. */
    applyViews(): void {
      for (const entry of entries.values()) applyView(entry);
    },

    /** Who is here in a dossier, as far as its session knows. */
    /** Ask the peers of a shared dossier for bodies (none connected: none). */
    fetchBodies(id: string, hashes: string[]): Promise<string[]> {
      return entries.get(id)?.session?.fetchBodies(hashes) ?? Promise.resolve([]);
    },

    presence(id: string): PeerPresence[] {
      return entries.get(id)?.session?.presence() ?? [];
    },

    connections: (): ReadonlyMap<string, ShareConnection> => connections,

    /** Close the dossier's session and run `work` (leaving it) while it cannot reconnect. */
    async leave<T>(id: string, work: () => Promise<T>): Promise<T> {
      leaving.add(id);
      try {
        await close(id);
        return await work();
      } finally {
        leaving.delete(id);
      }
    },

    /** The page is going away: every session tells its peers now that we left. */
    goodbye(): void {
      for (const entry of entries.values()) entry.session?.leave();
    },

    /** Close every session; nothing reconnects after this. */
    stop(): void {
      stopped = true;
      if (retry) clearTimeout(retry);
      retry = null;
      for (const id of [...entries.keys()]) void close(id);
    },
  };
  return supervisor;
}

export type PeerSupervisor = ReturnType<typeof createPeerSupervisor>;
