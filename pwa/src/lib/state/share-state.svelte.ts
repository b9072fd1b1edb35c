// Reactive state of sharing: my identity and connection settings, one peer session per
// shared dossier of the library (kept connected while the app is open, so every shared
// dossier syncs with every peer that is online), and for the dossier on screen its status
// and who is here. A dossier not on screen tells its peers only 'elsewhere' as the view.
// Sessions close when a dossier is left or deleted; the browser's offline/online events
// pause and resume them all. The peer code (a lazy chunk) loads only when one exists.
import { untrack } from 'svelte';
import type { InviteDetails, PeerPresence, PeerSession } from '../../../../core/sync/peer/index.js';
import { defaultConnectionSettings, type ConnectionSettings } from '../services/connection-settings.js';
import { presenceViewOf } from '../services/presence-view.js';
import { createShareService, retryDelayMs, type Identity, type JoinPreview, type ShareRecord, type ShareService } from '../services/share-service.js';
import { dossierHref } from '../services/routes.js';
import type { AppState } from './app-state.svelte.js';

export type ShareStatus = 'off' | 'connecting' | 'connected' | 'alone' | 'offline';

/** The connection of one shared dossier. */
export interface ShareConnection {
  status: ShareStatus;
  peers: number;
  /** False while no signalling server is reachable (peers cannot find each other). */
  signalling: boolean;
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

export class ShareState {
  readonly service: ShareService;
  identity = $state.raw<Identity | null>(null);
  settings = $state.raw<ConnectionSettings>(defaultConnectionSettings);
  /** The share record of the dossier on screen (null: not shared on this device). */
  record = $state.raw<ShareRecord | null>(null);
  /** Which dossier `record` belongs to. */
  recordFor = $state<string | null>(null);
  /** Every shared dossier's connection, by dossier id (the Dossiers screen shows them). */
  connections = $state.raw<ReadonlyMap<string, ShareConnection>>(new Map());
  /** Who is here in the dossier on screen. */
  presence = $state.raw<PeerPresence[]>([]);
  online = $state(true);
  /** Bumped when share records change (share, new secret, join): sessions are reconciled. */
  #generation = $state(0);
  /** Bumped with new connection settings: every session reconnects. */
  #settingsVersion = 0;
  #entries = new Map<string, Entry>();
  /** Dossiers being left: never (re)connected meanwhile. */
  #leaving = new Set<string>();
  #reconciling = false;
  #again = false;
  #stopped = false;
  /** Failed connection attempts per dossier (reset on success), and the retry that is due. */
  #failures = new Map<string, number>();
  #retry: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly app: AppState) {
    this.service = createShareService(app.service.library, app.service);
  }

  /** Is the dossier with this id shared on this device (as far as loaded)? */
  isShared(dossierId: string | undefined): boolean {
    return !!dossierId && this.recordFor === dossierId && this.record !== null;
  }

  /** The connection of a shared dossier (undefined: not shared here, or not connected yet). */
  connectionOf(dossierId: string): ShareConnection | undefined {
    return this.connections.get(dossierId);
  }

  #onScreen(): string | null {
    return this.app.dossier?.id ?? null;
  }

  #current(): ShareConnection | undefined {
    const id = this.#onScreen();
    if (!id || this.recordFor !== id || !this.record) return undefined;
    return this.connections.get(id) ?? { status: this.online ? 'connecting' : 'offline', peers: 0, signalling: true };
  }

  /** Status of the dossier on screen. */
  get status(): ShareStatus {
    return this.#current()?.status ?? 'off';
  }

  get peers(): number {
    return this.#current()?.peers ?? 0;
  }

  get signalling(): boolean {
    return this.#current()?.signalling ?? true;
  }

  connect(): () => void {
    this.#stopped = false;
    this.online = navigator.onLine;
    const offline = () => {
      this.online = false;
      for (const entry of this.#entries.values()) entry.session?.disconnect();
      this.#refresh();
    };
    const online = () => {
      this.online = true;
      for (const entry of this.#entries.values()) entry.session?.reconnect();
      this.#refresh();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    void this.#loadPrefs();
    const stop = $effect.root(() => {
      // Which dossiers are shared: reconcile the sessions when the library's dossiers change.
      const ids = $derived(this.app.dossiers.map((d) => d.id).join('\n'));
      $effect(() => {
        void ids;
        void this.#generation;
        untrack(() => this.#reconcile());
      });
      // The dossier on screen: its share record and who is here.
      $effect(() => {
        const id = this.#onScreen();
        void this.#generation;
        return untrack(() => this.#show(id));
      });
      // What we look at: the screen in the dossier on screen, 'elsewhere' in every other.
      $effect(() => {
        void this.app.route;
        void this.app.dossier?.id;
        untrack(() => {
          for (const entry of this.#entries.values()) this.#applyView(entry);
        });
      });
    });
    return () => {
      stop();
      this.#stopped = true;
      if (this.#retry) clearTimeout(this.#retry);
      this.#retry = null;
      for (const id of [...this.#entries.keys()]) void this.#close(id);
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
  }

  async #loadPrefs(): Promise<void> {
    try {
      this.identity = (await this.service.getIdentity()) ?? null;
      this.settings = await this.service.getSettings();
    } catch (error) {
      this.app.report(error);
    }
  }

  #show(id: string | null): () => void {
    let cancelled = false;
    if (this.recordFor !== id) {
      // Unknown until read (the Share screen waits instead of flashing "not shared").
      this.record = null;
      this.recordFor = null;
    }
    this.presence = (id && this.#entries.get(id)?.session?.presence()) || [];
    if (id) {
      void this.service.getShare(id).then(
        (record) => {
          if (cancelled) return;
          this.record = record ?? null;
          this.recordFor = id;
        },
        (error) => {
          if (!cancelled) this.app.report(error);
        },
      );
    }
    return () => {
      cancelled = true;
    };
  }

  /** Recompute every dossier's connection from its session. */
  #refresh(): void {
    const next = new Map<string, ShareConnection>();
    for (const entry of this.#entries.values()) {
      const session = entry.session;
      if (!session) continue;
      const previous = this.connections.get(entry.id);
      next.set(entry.id, {
        status: this.online ? session.status : 'offline',
        peers: session.peers,
        signalling: previous?.signalling ?? true,
      });
    }
    this.connections = next;
  }

  #applyView(entry: Entry): void {
    if (!entry.session) return;
    const view = presenceViewOf(this.app.route, entry.id);
    const key = JSON.stringify(view);
    if (key === entry.view) return; // setting the same view again would broadcast again
    entry.view = key;
    entry.session.setView(view);
  }

  /** Open a session for every shared dossier without one; close those no longer shared. */
  #reconcile(): void {
    this.#again = true;
    if (this.#reconciling) return;
    this.#reconciling = true;
    void (async () => {
      try {
        while (this.#again && !this.#stopped) {
          this.#again = false;
          await this.#reconcileOnce();
        }
      } catch (error) {
        this.app.report(error);
      } finally {
        this.#reconciling = false;
      }
    })();
  }

  async #reconcileOnce(): Promise<void> {
    const wanted = new Map<string, ShareRecord>();
    for (const { id } of this.app.dossiers) {
      if (this.#leaving.has(id)) continue;
      const record = await this.service.getShare(id);
      if (record) wanted.set(id, record);
    }
    for (const entry of [...this.#entries.values()]) {
      const record = wanted.get(entry.id);
      if (!record || record.secret !== entry.secret || entry.settings !== this.#settingsVersion) await this.#close(entry.id);
    }
    const onScreen = this.#onScreen();
    const missing = [...wanted].filter(([id]) => !this.#entries.has(id));
    if (missing.length === 0) return;
    // The dossier on screen first.
    missing.sort(([a], [b]) => Number(b === onScreen) - Number(a === onScreen));
    const identity = this.identity ?? (await this.service.getIdentity()) ?? null;
    for (const [id, record] of missing) {
      if (this.#stopped || this.#leaving.has(id) || this.#entries.has(id)) continue;
      await this.#open(id, record, identity);
    }
  }

  async #open(id: string, record: ShareRecord, identity: Identity | null): Promise<void> {
    const entry: Entry = { id, secret: record.secret, settings: this.#settingsVersion, session: null, closed: false, view: '', unsubscribe: [] };
    this.#entries.set(id, entry);
    const view = presenceViewOf(this.app.route, id);
    let session: PeerSession;
    try {
      session = await this.service.openSession(id, {
        name: identity?.name ?? this.app.m.join.newcomer,
        colour: identity?.colour ?? '#5b6b7a',
        view,
      });
    } catch (error) {
      if (this.#entries.get(id) === entry) this.#entries.delete(id);
      // Only the dossier on screen interrupts the user (once); all are tried again later.
      const failures = (this.#failures.get(id) ?? 0) + 1;
      this.#failures.set(id, failures);
      if (!entry.closed && id === this.#onScreen() && failures === 1) this.app.report(error);
      else console.warn(`[knipsel/share] could not connect dossier ${id} (attempt ${failures})`, error);
      if (!entry.closed) this.#retryLater(failures);
      return;
    }
    this.#failures.delete(id);
    if (entry.closed) {
      await this.service.closeSession(session);
      return;
    }
    entry.session = session;
    entry.view = JSON.stringify(view);
    // The route may have changed while connecting.
    this.#applyView(entry);
    if (!this.online) session.disconnect();
    entry.unsubscribe.push(
      session.onStatus((event) => {
        const connections = new Map(this.connections);
        connections.set(id, { status: this.online ? event.status : 'offline', peers: event.peers, signalling: event.signalling });
        this.connections = connections;
      }),
      session.onPresence((peers) => {
        if (id === this.#onScreen()) this.presence = peers;
      }),
    );
    this.#refresh();
    if (id === this.#onScreen()) this.presence = session.presence();
  }

  /** Reconcile again after a failed connection: 2 s, 4 s, 8 s … up to a minute. */
  #retryLater(failures: number): void {
    if (this.#stopped || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (!this.#stopped) this.#reconcile();
    }, retryDelayMs(failures));
  }

  async #close(id: string): Promise<void> {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    entry.closed = true;
    for (const stop of entry.unsubscribe.splice(0)) stop();
    if (id === this.#onScreen()) this.presence = [];
    this.#refresh();
    if (entry.session) await this.service.closeSession(entry.session);
  }

  // --- actions -----------------------------------------------------------------------------

  async setName(name: string): Promise<Identity> {
    const identity = await this.service.setIdentity(name);
    this.identity = identity;
    for (const entry of this.#entries.values()) entry.session?.setPresence({ name: identity.name, colour: identity.colour });
    return identity;
  }

  async saveSettings(settings: ConnectionSettings): Promise<void> {
    this.settings = await this.service.setSettings(settings);
    this.#settingsVersion++;
    this.#generation++;
  }

  /** Share the dossier on screen (or a copy); returns the shared dossier's id. */
  async share(dossierId: string, how: { name: string; copyName?: string }): Promise<string> {
    const identity = await this.setName(how.name);
    const id = await this.service.share(dossierId, { copyName: how.copyName, sharedBy: identity.name });
    await this.app.refreshDossiers();
    this.#generation++;
    return id;
  }

  inviteLink(dossierId: string): Promise<string> {
    return this.service.inviteLink(dossierId);
  }

  async renewSecret(dossierId: string): Promise<void> {
    this.record = await this.service.renewSecret(dossierId, this.identity?.name);
    this.#generation++;
  }

  /** Leave the shared dossier on screen; with a copy name, keep a private copy and open it. */
  async leave(dossierId: string, keepCopyName?: string): Promise<void> {
    this.#leaving.add(dossierId);
    try {
      await this.#close(dossierId);
      const dossier = this.app.dossier;
      if (dossier?.id === dossierId) {
        dossier.destroy();
        this.app.dossier = null;
      }
      const copyId = await this.service.leave(dossierId, { keepCopyName });
      this.record = null;
      await this.app.refreshDossiers();
      this.app.go(copyId ? dossierHref(copyId, 'list') : '#/');
    } finally {
      this.#leaving.delete(dossierId);
    }
  }

  /** Start joining by an invite (connects an empty doc and waits for the first peer). */
  startJoin(invite: InviteDetails): Promise<JoinPreview> {
    return this.service.preview(invite, {
      name: this.identity?.name ?? this.app.m.join.newcomer,
      colour: this.identity?.colour ?? '#5b6b7a',
      view: { screen: 'join' },
    });
  }

  /** Finish joining: remember the name, keep the dossier, open it (the link leaves the address bar). */
  async finishJoin(preview: JoinPreview, name: string): Promise<string> {
    await this.setName(name);
    const id = await preview.accept();
    await this.app.refreshDossiers();
    this.#generation++;
    location.replace(dossierHref(id, 'list'));
    return id;
  }

  async openKnown(invite: InviteDetails): Promise<void> {
    const id = await this.service.joinKnown(invite);
    this.#generation++;
    location.replace(dossierHref(id, 'list'));
  }
}
