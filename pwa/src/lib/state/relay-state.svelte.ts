// Reactive state of the relay connection of the dossier on screen: its record (address,
// owner or member), status and role; marks the dossier read-only for read-only members.
// One relay session at a time, opened when the dossier's doc is open and closed when
// another opens; the browser's offline/online events pause and resume it.
import { untrack } from 'svelte';
import type { PeerPresence } from '@knipsel/core/peer';
import type { RelayRole, RelaySession, RelayStatus, RelayTokenInfo } from '@knipsel/core/relay';
import { createRelayBodies, parseRelayLink, type RelayLink } from '@knipsel/core/relay';
import { KnipselError, recordAuthor } from '@knipsel/core';
import type { FeedbackMessage } from '@knipsel/core/together';
import { createRelayService, type RelayLinkCheck, type RelayRecord, type RelayService } from '../services/relay-service.js';
import { presenceViewOf } from '../services/presence-view.js';
import { dossierHref } from '../services/routes.js';
import type { AppPort } from './app-port.js';
import { keepBodiesMoving, type BodyMover } from './share-bodies.js';

export class RelayState {
  readonly service: RelayService;
  record = $state.raw<RelayRecord | null>(null);
  recordFor = $state<string | null>(null);
  status = $state<RelayStatus | 'off'>('off');
  role = $state<RelayRole | null>(null);
  /** Local edits the relay has not acknowledged yet. */
  unacknowledged = $state(0);
  tokens = $state.raw<RelayTokenInfo[]>([]);
  /** Others connected to the dossier through the relay now. */
  presence = $state.raw<PeerPresence[]>([]);
  /** The browser's own view of the network: offline while it is online means the relay is unreachable. */
  online = $state(true);
  /** Revocations waiting out their moment of undo, by token id (see `revokeSoon`). */
  pendingRevokes = $state.raw<ReadonlyMap<string, { dossierId: string; label: string }>>(new Map());
  #revokeTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #generation = $state(0);
  #session: RelaySession | null = null;
  #bodies: BodyMover | null = null;

  constructor(
    private readonly app: AppPort,
    private readonly identity: () => { name: string; colour: string } | null = () => null,
  ) {
    this.service = createRelayService(app.service.library, app.service);
  }

  /** The relay cannot be reached although the browser is online. */
  get unreachable(): boolean {
    return this.online && this.status === 'offline';
  }

  connect(): () => void {
    this.online = navigator.onLine;
    const offline = () => {
      this.online = false;
      this.#session?.disconnect();
    };
    const online = () => {
      this.online = true;
      this.#session?.reconnect();
    };
    // Leaving the page: goodbye to the others now, and revocations still waiting are made.
    const pagehide = () => {
      this.#session?.leave();
      for (const tokenId of [...this.#revokeTimers.keys()]) void this.#revokeNow(tokenId);
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    window.addEventListener('pagehide', pagehide);
    const stop = $effect.root(() => {
      $effect(() => {
        const dossier = this.app.dossier;
        const id = dossier && dossier.status === 'open' ? dossier.id : null;
        void this.#generation;
        return untrack(() => this.#attach(id));
      });
      // What we look at, for the others on the relay.
      $effect(() => {
        const view = this.recordFor ? presenceViewOf(this.app.route, this.recordFor) : null;
        if (view) untrack(() => this.#session?.setView(view));
      });
    });
    return () => {
      stop();
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      window.removeEventListener('pagehide', pagehide);
    };
  }

  /** The reader shows a clip whose body is not on this device: ask the relay for it first. */
  wantBody(hash: string): void {
    this.#bodies?.kick([hash]);
  }

  /** Feedback of a read-only assessor: the relay writes it (rejects when not connected). */
  sendFeedback(feedback: FeedbackMessage): Promise<void> {
    if (!this.#session) return Promise.reject(new KnipselError('conflict', 'Not connected to the relay.', { reason: 'not-connected' }));
    return this.#session.sendFeedback(feedback);
  }

  #setReadOnly(id: string, role: RelayRole | null) {
    const dossier = this.app.dossier;
    if (dossier?.id === id) dossier.setReadOnly(role === 'read-only');
  }

  #attach(id: string | null): () => void {
    let cancelled = false;
    let session: RelaySession | null = null;
    let unsubscribe: (() => void) | null = null;
    if (this.recordFor !== id) {
      this.record = null;
      this.recordFor = id;
      this.tokens = [];
    }
    this.status = 'off';
    this.role = null;
    this.unacknowledged = 0;
    this.presence = [];
    let stopPresence: (() => void) | null = null;
    let mover: BodyMover | null = null;
    if (id) {
      void (async () => {
        const record = (await this.service.get(id)) ?? null;
        if (cancelled) return;
        this.record = record;
        this.recordFor = id;
        if (!record) return this.#setReadOnly(id, null);
        this.role = record.role;
        this.#setReadOnly(id, record.role);
        const handle = await this.app.service.library.open(id);
        if (cancelled) return;
        const me = this.identity();
        const presence = { name: me?.name ?? this.app.m.join.newcomer, colour: me?.colour ?? '#5b6b7a', view: presenceViewOf(this.app.route, id) };
        // Our edits arrive at the others under our name (their history names us).
        if (record.role !== 'read-only') recordAuthor(handle.doc, presence.name);
        const connected = await this.service.connect(id, handle.doc, record, presence);
        if (cancelled) {
          connected.destroy();
          return;
        }
        session = connected;
        this.#session = session;
        if (!this.online) session.disconnect();
        // Bodies travel beside the doc: fetched after each sync, uploaded by members who may edit.
        const relayBodies = createRelayBodies({ url: record.relayUrl, dossierId: record.remoteId ?? id, token: record.token, blobs: this.app.service.bodies.blobs });
        mover = keepBodiesMoving({
          doc: handle.doc,
          source: relayBodies,
          follow: () => {
            const dossier = this.app.dossier;
            return dossier?.id === id ? (fetch, first) => dossier.followBodies(fetch, first) : undefined;
          },
          mayUpload: () => session?.state().status === 'connected' && this.role !== 'read-only',
          report: (error) => this.app.report(error),
        });
        this.#bodies = mover;
        let synced = false;
        const update = () => {
          const state = session!.state();
          if (state.synced && !synced) mover?.kick();
          synced = state.synced;
          this.status = state.status;
          this.unacknowledged = state.unacknowledged;
          if (state.role && state.role !== this.role) {
            this.role = state.role;
            this.#setReadOnly(id, state.role);
            void this.service.setRole(id, state.role).catch(() => undefined);
          }
        };
        unsubscribe = session.onChange(update);
        stopPresence = session.onPresence((peers) => (this.presence = peers));
        update();
        if (record.owner) void this.refreshTokens();
      })().catch((error) => {
        if (cancelled) return;
        this.status = 'off';
        this.app.report(error);
      });
    }
    return () => {
      cancelled = true;
      unsubscribe?.();
      stopPresence?.();
      mover?.stop();
      if (this.#bodies === mover) this.#bodies = null;
      if (session) {
        if (this.#session === session) this.#session = null;
        session.destroy();
      }
    };
  }

  // --- actions -----------------------------------------------------------------------------

  async register(dossierId: string, relayUrl: string): Promise<void> {
    this.record = await this.service.register(dossierId, relayUrl);
    this.#generation++;
  }

  async useToken(dossierId: string, relayUrl: string, token: string): Promise<void> {
    this.record = await this.service.useToken(dossierId, relayUrl, token);
    this.#generation++;
  }

  async invite(dossierId: string, name: string, role: RelayRole, label: string): Promise<string> {
    const { link } = await this.service.invite(dossierId, name, role, label);
    await this.refreshTokens();
    return link;
  }

  async refreshTokens(): Promise<void> {
    const id = this.recordFor;
    if (!id || !this.record?.owner) return;
    try {
      const tokens = await this.service.tokens(id);
      if (this.recordFor === id) this.tokens = tokens;
    } catch (error) {
      this.app.report(error);
    }
  }

  async revoke(dossierId: string, tokenId: string): Promise<void> {
    await this.service.revoke(dossierId, tokenId);
    await this.refreshTokens();
  }

  /**
   * Revoke after a moment in which the owner can still undo (`undoRevoke`). The relay knows
   * no un-revoke, so the revocation is sent when the moment has passed (or the page goes).
   */
  revokeSoon(dossierId: string, tokenId: string, label: string, undoMs = 8000): void {
    if (this.#revokeTimers.has(tokenId)) return;
    this.pendingRevokes = new Map(this.pendingRevokes).set(tokenId, { dossierId, label });
    this.#revokeTimers.set(
      tokenId,
      setTimeout(() => void this.#revokeNow(tokenId), undoMs),
    );
  }

  undoRevoke(tokenId: string): void {
    const timer = this.#revokeTimers.get(tokenId);
    if (timer) clearTimeout(timer);
    this.#revokeTimers.delete(tokenId);
    const next = new Map(this.pendingRevokes);
    next.delete(tokenId);
    this.pendingRevokes = next;
  }

  async #revokeNow(tokenId: string): Promise<void> {
    const pending = this.pendingRevokes.get(tokenId);
    this.undoRevoke(tokenId);
    if (!pending) return;
    try {
      await this.revoke(pending.dossierId, tokenId);
      this.app.toasts.show((m) => m.truth.revoke.done(pending.label));
    } catch (error) {
      this.app.report(error);
    }
  }

  /** Invite links made on this device for the dossier, by token id (to show them again). */
  links(dossierId: string): Promise<Record<string, string>> {
    return this.service.links(dossierId);
  }

  /** Stop using the relay on this device (the dossier stays). */
  async forget(dossierId: string): Promise<void> {
    await this.service.forget(dossierId);
    this.record = null;
    this.#setReadOnly(dossierId, null);
    this.#generation++;
  }

  /** What opening a relay link (`#/relay/…`) would do here; throws on a damaged link. */
  async check(hash: string): Promise<{ link: RelayLink; check: RelayLinkCheck }> {
    const link = parseRelayLink(hash);
    return { link, check: await this.service.check(link) };
  }

  /**
   * Join by a relay link and open the dossier (the portfolio for an assessor). For a dossier
   * that is already here, `as` is the user's choice: a new copy, or connecting theirs.
   */
  async join(link: RelayLink, as?: 'copy' | 'connect'): Promise<string> {
    const id = await this.service.join(link, as);
    await this.app.refreshDossiers();
    this.#generation++;
    location.replace(dossierHref(id, link.view));
    return id;
  }
}
