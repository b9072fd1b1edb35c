// Reactive state of sharing: my identity and connection settings, and the peer session of
// the shared dossier on screen (status, who is here, what they look at). One peer session
// at a time: the dossier on screen, opened when its doc is open and closed when another
// dossier opens; the browser's offline/online events pause and resume it.
import { untrack } from 'svelte';
import type { InviteDetails, PeerPresence, PeerSession } from '../../../../core/sync/peer/index.js';
import { defaultConnectionSettings, type ConnectionSettings } from '../services/connection-settings.js';
import { presenceViewOf } from '../services/presence-view.js';
import { createShareService, type Identity, type JoinPreview, type ShareRecord, type ShareService } from '../services/share-service.js';
import { dossierHref } from '../services/routes.js';
import type { AppState } from './app-state.svelte.js';

export type ShareStatus = 'off' | 'connecting' | 'connected' | 'alone' | 'offline';

export class ShareState {
  readonly service: ShareService;
  identity = $state.raw<Identity | null>(null);
  settings = $state.raw<ConnectionSettings>(defaultConnectionSettings);
  /** The share record of the dossier on screen (null: not shared on this device). */
  record = $state.raw<ShareRecord | null>(null);
  /** Which dossier `record` belongs to. */
  recordFor = $state<string | null>(null);
  status = $state<ShareStatus>('off');
  peers = $state(0);
  presence = $state.raw<PeerPresence[]>([]);
  online = $state(true);
  /** False while no signalling server is reachable (peers cannot find each other). */
  signalling = $state(true);
  /** Bumped to reconnect (new secret, new settings). */
  #generation = $state(0);
  #session: PeerSession | null = null;

  constructor(private readonly app: AppState) {
    this.service = createShareService(app.service.library, app.service);
  }

  /** Is the dossier with this id shared on this device (as far as loaded)? */
  isShared(dossierId: string | undefined): boolean {
    return !!dossierId && this.recordFor === dossierId && this.record !== null;
  }

  connect(): () => void {
    this.online = navigator.onLine;
    const offline = () => {
      this.online = false;
      this.#session?.disconnect();
      this.#refresh();
    };
    const online = () => {
      this.online = true;
      this.#session?.reconnect();
      this.#refresh();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    void this.#loadPrefs();
    const stop = $effect.root(() => {
      $effect(() => {
        const dossier = this.app.dossier;
        const id = dossier && dossier.status === 'open' ? dossier.id : null;
        void this.#generation;
        return untrack(() => this.#attach(id));
      });
      $effect(() => {
        const view = presenceViewOf(this.app.route, this.app.dossier?.id ?? '');
        untrack(() => this.#session?.setView(view));
      });
    });
    return () => {
      stop();
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

  #refresh(): void {
    const session = this.#session;
    if (!session) return;
    this.status = this.online ? session.status : 'offline';
    this.peers = session.peers;
  }

  #attach(id: string | null): () => void {
    let cancelled = false;
    let session: PeerSession | null = null;
    const unsubscribe: Array<() => void> = [];
    if (this.recordFor !== id) {
      // Unknown until read (the Share screen waits instead of flashing "not shared").
      this.record = null;
      this.recordFor = null;
    }
    this.status = 'off';
    this.peers = 0;
    this.presence = [];
    this.signalling = true;
    if (id) {
      void (async () => {
        const record = (await this.service.getShare(id)) ?? null;
        if (cancelled) return;
        this.record = record;
        this.recordFor = id;
        if (!record) return;
        const identity = this.identity ?? (await this.service.getIdentity()) ?? null;
        if (cancelled) return;
        this.status = this.online ? 'connecting' : 'offline';
        const opened = await this.service.openSession(id, {
          name: identity?.name ?? this.app.m.join.newcomer,
          colour: identity?.colour ?? '#5b6b7a',
          view: presenceViewOf(this.app.route, id),
        });
        if (cancelled) {
          void this.service.closeSession(opened);
          return;
        }
        session = opened;
        this.#session = opened;
        // The route may have changed while connecting.
        opened.setView(presenceViewOf(this.app.route, id));
        if (!this.online) opened.disconnect();
        unsubscribe.push(
          opened.onStatus((event) => {
            this.signalling = event.signalling;
            this.#refresh();
          }),
          opened.onPresence((peers) => (this.presence = peers)),
        );
        this.#refresh();
        this.presence = opened.presence();
      })().catch((error) => {
        if (cancelled) return;
        this.status = 'off';
        this.app.report(error);
      });
    }
    return () => {
      cancelled = true;
      for (const stop of unsubscribe.splice(0)) stop();
      if (session) {
        if (this.#session === session) this.#session = null;
        void this.service.closeSession(session);
      }
    };
  }

  // --- actions -----------------------------------------------------------------------------

  async setName(name: string): Promise<Identity> {
    const identity = await this.service.setIdentity(name);
    this.identity = identity;
    this.#session?.setPresence({ name: identity.name, colour: identity.colour });
    return identity;
  }

  async saveSettings(settings: ConnectionSettings): Promise<void> {
    this.settings = await this.service.setSettings(settings);
    this.#generation++;
  }

  /** Share the dossier on screen (or a copy); returns the shared dossier's id. */
  async share(dossierId: string, how: { name: string; copyName?: string }): Promise<string> {
    const identity = await this.setName(how.name);
    const id = await this.service.share(dossierId, { copyName: how.copyName, sharedBy: identity.name });
    await this.app.refreshDossiers();
    if (id === dossierId) this.#generation++;
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
    const session = this.#session;
    this.#session = null;
    if (session) await this.service.closeSession(session);
    const dossier = this.app.dossier;
    if (dossier?.id === dossierId) {
      dossier.destroy();
      this.app.dossier = null;
    }
    const copyId = await this.service.leave(dossierId, { keepCopyName });
    this.record = null;
    await this.app.refreshDossiers();
    this.app.go(copyId ? dossierHref(copyId, 'list') : '#/');
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
    location.replace(dossierHref(id, 'list'));
    return id;
  }

  async openKnown(invite: InviteDetails): Promise<void> {
    const id = await this.service.joinKnown(invite);
    this.#generation++;
    location.replace(dossierHref(id, 'list'));
  }
}
