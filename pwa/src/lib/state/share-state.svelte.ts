// Reactive state of sharing: my identity and connection settings, every shared dossier's
// connection (the sessions themselves are kept by services/peer-supervisor.ts), and for the
// dossier on screen its status and who is here. The peer code (a lazy chunk) loads only
// when a shared dossier exists.
import { untrack } from 'svelte';
import type { InviteDetails, PeerPresence } from '@knipsel/core/peer';
import { defaultConnectionSettings, type ConnectionSettings } from '../services/connection-settings.js';
import { presenceViewOf } from '../services/presence-view.js';
import { createPeerSupervisor, type PeerSupervisor, type ShareConnection, type ShareStatus } from '../services/peer-supervisor.js';
import { createShareService, type Identity, type JoinPreview, type ShareRecord, type ShareService } from '../services/share-service.js';
import { dossierHref } from '../services/routes.js';
import type { AppPort } from './app-port.js';
import { keepBodiesMoving, type BodyMover } from './share-bodies.js';

export type { ShareConnection, ShareStatus };

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
  #supervisor: PeerSupervisor | null = null;
  /** Bodies of the shared dossier on screen, fetched from its peers. */
  #bodies: { id: string; mover: BodyMover; peers: number } | null = null;

  constructor(private readonly app: AppPort) {
    this.service = createShareService(app.service.library, app.service, { bodies: app.service.bodies.blobs });
  }

  /** The reader shows a clip whose body is not on this device: ask the peers for it first. */
  wantBody(hash: string): void {
    if (this.#bodies && this.#bodies.id === this.#onScreen()) this.#bodies.mover.kick([hash]);
  }

  /** Move the bodies of the shared dossier `id` (on screen) while its peers are connected. */
  async #moveBodies(id: string): Promise<void> {
    if (this.#bodies?.id === id) return;
    this.#bodies?.mover.stop();
    this.#bodies = null;
    const { doc } = await this.app.service.library.open(id);
    if (this.#onScreen() !== id || this.#bodies) return;
    const mover = keepBodiesMoving({
      doc,
      source: { fetch: (hashes) => this.#supervisor?.fetchBodies(id, hashes) ?? Promise.resolve([]) },
      follow: () => {
        const dossier = this.app.dossier;
        return dossier?.id === id ? (fetch, first) => dossier.followBodies(fetch, first) : undefined;
      },
      report: (error) => this.app.report(error),
    });
    this.#bodies = { id, mover, peers: 0 };
    this.#peersChanged(this.connections);
  }

  /** A peer came for the dossier on screen: ask it for what this device lacks. */
  #peersChanged(connections: ReadonlyMap<string, ShareConnection>): void {
    const bodies = this.#bodies;
    if (!bodies) return;
    const peers = connections.get(bodies.id)?.peers ?? 0;
    if (peers > bodies.peers) bodies.mover.kick();
    bodies.peers = peers;
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
    this.online = navigator.onLine;
    const supervisor = createPeerSupervisor({
      dossierIds: () => this.app.dossiers.map((d) => d.id),
      getShare: (id) => this.service.getShare(id),
      getIdentity: () => this.service.getIdentity(),
      openSession: (id, presence) => this.service.openSession(id, presence),
      closeSession: (session) => this.service.closeSession(session),
      onScreen: () => this.#onScreen(),
      viewOf: (id) => presenceViewOf(this.app.route, id),
      newcomerName: () => this.app.m.join.newcomer,
      report: (error) => this.app.report(error),
      onConnections: (connections) => {
        this.connections = connections;
        this.#peersChanged(connections);
      },
      onPresence: (id, peers) => {
        if (id === this.#onScreen()) this.presence = peers;
      },
    });
    this.#supervisor = supervisor;
    supervisor.setOnline(navigator.onLine);
    const offline = () => {
      this.online = false;
      supervisor.setOnline(false);
    };
    const online = () => {
      this.online = true;
      supervisor.setOnline(true);
    };
    // Leaving the page says goodbye at once (the others' "who is here" follows within a
    // moment); a page restored from the back/forward cache connects afresh.
    const pagehide = () => supervisor.goodbye();
    const pageshow = (event: PageTransitionEvent) => {
      if (event.persisted) supervisor.settingsChanged();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    window.addEventListener('pagehide', pagehide);
    window.addEventListener('pageshow', pageshow);
    void this.#loadPrefs();
    const stop = $effect.root(() => {
      // Which dossiers are shared: reconcile the sessions when the library's dossiers change.
      const ids = $derived(this.app.dossiers.map((d) => d.id).join('\n'));
      $effect(() => {
        void ids;
        void this.#generation;
        untrack(() => supervisor.reconcile());
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
        untrack(() => supervisor.applyViews());
      });
    });
    return () => {
      stop();
      this.#bodies?.mover.stop();
      this.#bodies = null;
      supervisor.stop();
      if (this.#supervisor === supervisor) this.#supervisor = null;
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      window.removeEventListener('pagehide', pagehide);
      window.removeEventListener('pageshow', pageshow);
    };
  }

  async #loadPrefs(): Promise<void> {
    try {
      this.identity = (await this.service.getIdentity()) ?? null;
      if (this.identity) this.#supervisor?.setIdentity(this.identity);
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
    this.presence = (id && this.#supervisor?.presence(id)) || [];
    if (id) {
      void this.service.getShare(id).then(
        (record) => {
          if (cancelled) return;
          this.record = record ?? null;
          this.recordFor = id;
          if (record) void this.#moveBodies(id).catch((error) => this.app.report(error));
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

  // --- actions -----------------------------------------------------------------------------

  async setName(name: string): Promise<Identity> {
    const identity = await this.service.setIdentity(name);
    this.identity = identity;
    this.#supervisor?.setIdentity(identity);
    return identity;
  }

  async saveSettings(settings: ConnectionSettings): Promise<void> {
    this.settings = await this.service.setSettings(settings);
    this.#supervisor?.settingsChanged();
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
    const leave = async () => {
      this.app.closeDossier(dossierId);
      const copyId = await this.service.leave(dossierId, { keepCopyName });
      this.record = null;
      await this.app.refreshDossiers();
      this.app.go(copyId ? dossierHref(copyId, 'list') : '#/');
    };
    await (this.#supervisor ? this.#supervisor.leave(dossierId, leave) : leave());
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
