// Reactive state of the relay connection of the dossier on screen: its record (address,
// owner or member), status and role; marks the dossier read-only for read-only members.
// One relay session at a time, opened when the dossier's doc is open and closed when
// another opens; the browser's offline/online events pause and resume it.
import { untrack } from 'svelte';
import type { RelayRole, RelaySession, RelayStatus, RelayTokenInfo } from '@knipsel/core/relay';
import { parseRelayLink, type RelayLink } from '@knipsel/core/relay';
import { KnipselError } from '@knipsel/core';
import type { FeedbackMessage } from '@knipsel/core/together';
import { createRelayService, type RelayLinkCheck, type RelayRecord, type RelayService } from '../services/relay-service.js';
import { dossierHref } from '../services/routes.js';
import type { AppPort } from './app-port.js';

export class RelayState {
  readonly service: RelayService;
  record = $state.raw<RelayRecord | null>(null);
  recordFor = $state<string | null>(null);
  status = $state<RelayStatus | 'off'>('off');
  role = $state<RelayRole | null>(null);
  /** Local edits the relay has not acknowledged yet. */
  unacknowledged = $state(0);
  tokens = $state.raw<RelayTokenInfo[]>([]);
  #generation = $state(0);
  #session: RelaySession | null = null;
  #online = true;

  constructor(private readonly app: AppPort) {
    this.service = createRelayService(app.service.library, app.service);
  }

  connect(): () => void {
    this.#online = navigator.onLine;
    const offline = () => {
      this.#online = false;
      this.#session?.disconnect();
    };
    const online = () => {
      this.#online = true;
      this.#session?.reconnect();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    const stop = $effect.root(() => {
      $effect(() => {
        const dossier = this.app.dossier;
        const id = dossier && dossier.status === 'open' ? dossier.id : null;
        void this.#generation;
        return untrack(() => this.#attach(id));
      });
    });
    return () => {
      stop();
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
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
        const connected = await this.service.connect(id, handle.doc, record);
        if (cancelled) {
          connected.destroy();
          return;
        }
        session = connected;
        this.#session = session;
        if (!this.#online) session.disconnect();
        const update = () => {
          const state = session!.state();
          this.status = state.status;
          this.unacknowledged = state.unacknowledged;
          if (state.role && state.role !== this.role) {
            this.role = state.role;
            this.#setReadOnly(id, state.role);
            void this.service.setRole(id, state.role).catch(() => undefined);
          }
        };
        unsubscribe = session.onChange(update);
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
