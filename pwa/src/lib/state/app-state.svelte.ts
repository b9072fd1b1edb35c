// The app's shared state: dossiers, the route, the dossier on screen, language, toasts,
// errors and the update notice. One instance per app; connect() wires the observers and
// returns the teardown (called from the root component's $effect cleanup).
import { getContext, setContext } from 'svelte';
import { type DossierRecord, type HighlightPatch, isKnipselError } from '@knipsel/core';
import { bridgeAlias } from '@knipsel/core/bridge';
import { I18n, provideI18n } from '../i18n/i18n.svelte.js';
import { locales, type Locale } from '../i18n/messages.js';
import type { LibraryService } from '../services/library-service.js';
import { parseRoute, screenKey, type Route } from '../services/routes.js';
import type { AppPort } from './app-port.js';
import { DossierState } from './dossier-state.svelte.js';
import { ShareState } from './share-state.svelte.js';
import { RelayState } from './relay-state.svelte.js';
import { ExtensionLink } from './extension-link.svelte.js';
import { Toasts } from './toasts.svelte.js';
import { FirstRun } from './first-run.svelte.js';
import { describeError, type AppError } from './app-errors.js';
import { ClipActions } from './clip-actions.js';

const localePref = 'locale';
const lastDossierPref = 'lastDossierId';
const startDossierPref = 'startDossierId';

export class AppState implements AppPort {
  readonly i18n = new I18n();
  readonly toasts = new Toasts();
  dossiers = $state.raw<DossierRecord[]>([]);
  personalId = $state<string | null>(null);
  ready = $state(false);
  route = $state<Route>(parseRoute(location.hash));
  dossier = $state.raw<DossierState | null>(null);
  error = $state<AppError | null>(null);
  /** Set when a new version of the app is waiting; calling it reloads into it. */
  applyUpdate = $state.raw<(() => Promise<void>) | null>(null);
  /** Opens the "add a clip" dialog (set by the layout). */
  addClipOpen = $state(false);
  /** The clips a bookmark import just added: the list shows them first, as a filter the user can lift. */
  recentImport = $state.raw<{ dossierId: string; ids: readonly string[] } | null>(null);
  /** A PDF dropped on the app: the add dialog opens with it. */
  addClipFile = $state.raw<File | null>(null);
  /** The Knipsel extension on this machine (the bridge), started once the library is ready. */
  readonly extension = new ExtensionLink();
  #stopBridge: (() => void) | null = null;

  /** Sharing with colleagues: identity, settings, the peer session of the dossier on screen. */
  readonly share: ShareState;

  /** The relay connection of the dossier on screen. */
  readonly relay: RelayState;

  /** The first run's welcome. */
  readonly firstRun: FirstRun = new FirstRun(this);

  constructor(readonly service: LibraryService) {
    this.toasts.screen = screenKey(this.route);
    this.share = new ShareState(this);
    this.relay = new RelayState(this, () => this.share.identity);
  }

  get m() {
    return this.i18n.m;
  }

  connect(): () => void {
    const onHash = () => this.#setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    const unsubscribe = this.service.library.subscribe(() => void this.refreshDossiers());
    void this.#start();
    const stopSharing = this.share.connect();
    const stopRelay = this.relay.connect();
    return () => {
      stopSharing();
      stopRelay();
      window.removeEventListener('hashchange', onHash);
      unsubscribe();
      this.dossier?.destroy();
      this.toasts.clear();
      this.#stopBridge?.();
      this.#stopBridge = null;
    };
  }

  async #start(): Promise<void> {
    try {
      const locale = await this.service.getPref<Locale>(localePref);
      // English messages are a lazy chunk: load them alongside the library, show them before the first screen.
      const language = locale && locales.includes(locale) ? this.i18n.use(locale).catch((error) => this.report(error)) : null;
      const personal = await this.service.library.ensurePersonal();
      this.personalId = personal.id;
      // After the personal dossier exists, so linking it with the extension's cannot race its creation.
      this.#stopBridge ??= this.extension.start(
        this.service.library,
        (from, to) => this.#followAlias(from, to),
        this.service.blobs,
        () => void this.dossier?.followBodies(this.extension.wantFiles),
      );
      await this.refreshDossiers();
      await Promise.all([language, this.firstRun.load()]);
      void this.service.persistStorage();
    } catch (error) {
      this.report(error);
    }
    this.ready = true;
    this.#setRoute(this.route);
  }

  async refreshDossiers(): Promise<void> {
    this.dossiers = await this.service.library.list();
    // Linking with the extension can change which dossier is the personal one.
    this.personalId = (await this.service.library.personalId()) ?? this.personalId;
    // The address on screen named a dossier this device did not have: it may have arrived
    // (from the extension, a colleague, a restore) or be known under another id by now.
    const missing = this.dossier?.status === 'missing' ? this.dossier.id : null;
    if (!missing) return;
    if (this.dossiers.some((d) => d.id === missing)) this.#openDossier(missing);
    else {
      const to = await bridgeAlias(this.service.library, missing);
      if (to) this.#followAlias(missing, to);
    }
  }

  #setRoute(route: Route): void {
    this.route = route;
    this.addClipOpen = false;
    this.toasts.screen = screenKey(route);
    const id = 'dossierId' in route ? route.dossierId : null;
    if (!this.ready) return;
    if (id && this.dossier?.id !== id) {
      this.#openDossier(id);
      void this.service.setPref(lastDossierPref, id).catch(() => undefined);
    } else if (!id && !this.dossier) {
      // On the dossiers screen, keep the last dossier's navigation at hand.
      void this.defaultDossierId().then((last) => {
        if (last && !this.dossier && this.route.name === 'dossiers') this.#openDossier(last);
      });
    }
  }

  #openDossier(id: string): void {
    this.dossier?.destroy();
    const state = new DossierState(id, this.service, (error) => this.report(error));
    // Bodies of clips made elsewhere follow the document from the extension, once it is open.
    void state.opened.then(() => {
      if (this.extension.link === 'connected') void state.followBodies(this.extension.wantFiles);
    });
    this.dossier = state;
    void state.load().then(async () => {
      if (state.status !== 'missing') return;
      const to = await bridgeAlias(this.service.library, id);
      if (to) this.#followAlias(id, to);
    });
  }

  /**
   * An address names a dossier that was retired when the extension first met this app (a
   * clip made before the pairing, opened with "Open in Knipsel"): go to where it lives now,
   * same clip, same view.
   */
  #followAlias(from: string, to: string): void {
    const route = this.route;
    if (!('dossierId' in route) || route.dossierId !== from) return;
    const prefix = `#/d/${encodeURIComponent(from)}`;
    if (location.hash.startsWith(prefix)) location.replace(`#/d/${encodeURIComponent(to)}${location.hash.slice(prefix.length)}`);
  }

  /** The dossier to show when none is in the address: the one chosen in Settings, else the last one used, else the personal one. */
  async defaultDossierId(): Promise<string | null> {
    const start = await this.startDossierId();
    if (start) return start;
    const last = await this.service.getPref<string>(lastDossierPref);
    if (last && this.dossiers.some((d) => d.id === last)) return last;
    return this.personalId;
  }

  /** The dossier chosen in Settings to open the app with (null: the last one used). */
  async startDossierId(): Promise<string | null> {
    const id = await this.service.getPref<string>(startDossierPref);
    return id && this.dossiers.some((d) => d.id === id) ? id : null;
  }

  async setStartDossier(id: string | null): Promise<void> {
    await this.service.setPref(startDossierPref, id).catch((error) => this.report(error));
  }

  go(hash: string): void {
    if (location.hash === hash) return;
    location.hash = hash;
  }

  async setLocale(locale: Locale): Promise<void> {
    await this.i18n.use(locale).catch((error) => this.report(error));
    document.documentElement.lang = this.i18n.locale;
    await this.service.setPref(localePref, locale).catch((error) => this.report(error));
  }

  /** Run a user action; errors become a message instead of an exception. */
  run<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      this.report(error);
      return undefined;
    }
  }

  async runAsync<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      this.report(error);
      return undefined;
    }
  }

  report(error: unknown): void {
    console.error(error);
    this.error = describeError(error, this.m.errors);
    if (!isKnipselError(error, 'storage-full')) return;
    void this.service.estimate().then((estimate) => {
      if (estimate && this.error?.kind === 'storage-full') {
        this.error = { ...this.error, usage: this.m.errors.storageUsage(this.i18n.bytes(estimate.usage), this.i18n.bytes(estimate.quota)) };
      }
    });
  }

  // --- dossiers -------------------------------------------------------------------------

  async createDossier(name: string): Promise<DossierRecord | undefined> {
    const record = await this.runAsync(() => this.service.library.create(name));
    await this.refreshDossiers();
    return record;
  }

  async renameDossier(id: string, name: string): Promise<void> {
    await this.runAsync(async () => {
      // A read-only relay member's copy refuses the rename in the model (not only the button).
      if ((await this.relay.service.get(id))?.role === 'read-only') (await this.service.library.open(id)).dossier.setReadOnly(true);
      await this.service.library.rename(id, name);
    });
    await this.refreshDossiers();
  }

  closeDossier(id: string): void {
    if (this.dossier?.id !== id) return;
    this.dossier.destroy();
    this.dossier = null;
  }

  async removeDossier(record: DossierRecord): Promise<void> {
    if (this.dossier?.id === record.id) {
      this.closeDossier(record.id);
      void this.service.setPref(lastDossierPref, null).catch(() => undefined);
    }
    const done = await this.runAsync(async () => {
      await this.service.library.remove(record.id);
      return true;
    });
    await this.refreshDossiers();
    this.#setRoute(this.route);
    if (done) this.toasts.show((m) => m.dossiers.deleted(record.name));
  }

  // --- clips of the dossier on screen (with toasts and undo): see clip-actions.ts ----------

  readonly #actions = new ClipActions(this);
  trash = (ids: string[]): void => this.#actions.trash(ids);
  restore = (ids: string[]): void => this.#actions.restore(ids);
  tag = (ids: string[], themeId: string): void => this.#actions.tag(ids, themeId);
  untag = (ids: string[], themeId: string): void => this.#actions.untag(ids, themeId);
  editHighlight = (clipId: string, highlightId: string, patch: HighlightPatch): void => this.#actions.editHighlight(clipId, highlightId, patch);
  removeHighlight = (clipId: string, highlightId: string): void => this.#actions.removeHighlight(clipId, highlightId);
  emptyTrash = (): void => {
    this.#actions.emptyTrash();
    // The bodies of the clips deleted are marked now and removed at a collection a day or more later.
    void this.service.collectBodies();
  };
}

const key = Symbol('knipsel-app');
export const provideApp = (app: AppState) => {
  provideI18n(app.i18n);
  return setContext(key, app);
};
export const getApp = (): AppState => getContext<AppState>(key);
