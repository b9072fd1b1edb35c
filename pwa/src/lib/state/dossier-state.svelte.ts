// Reactive state of the dossier on screen: rows (from the projection first, then live from
// the doc), frameworks and meta. Bridges core's observe() to runes; destroy() tears it down.
import {
  groupOf,
  numberLabel,
  suggestThemes,
  type ClipRow,
  type DossierMeta,
  type DossierRecord,
  type Framework,
  type Leervraag,
  type OpenDossier,
  type OwnGuide,
  type BodyProgress,
  bodyHashes,
  followBodies,
  type Period,
  type Theme,
  type ThemeGroup,
} from '@knipsel/core';
import { createClipService, type ClipService } from '../services/clip-service.js';
import { createEvidenceService, type EvidenceService } from '../services/evidence-service.js';
import { createLearningService, type LearningService } from '../services/learning-service.js';
import { createFrameworkService, type FrameworkService } from '../services/framework-service.js';
import type { LibraryService } from '../services/library-service.js';
import { TogetherState } from './together-state.svelte.js';

export interface ThemeInfo {
  theme: Theme;
  framework: Framework;
  /** The theme's colour, else its framework's. */
  color: string;
  /** Its group in the framework (DichtErBij: Houdingsprincipes), if any. */
  group: ThemeGroup | null;
  /** "regel 7" / "rule 7" in either language; null when the text does not number it. */
  number: { nl: string; en: string } | null;
}

export const fallbackColor = '#5b6b7a';

export class DossierState {
  readonly id: string;
  record = $state.raw<DossierRecord | null>(null);
  rows = $state.raw<ClipRow[]>([]);
  frameworks = $state.raw<Framework[]>([]);
  meta = $state.raw<DossierMeta | null>(null);
  /** 'rows': the projection is shown, the doc is still loading. */
  status = $state<'loading' | 'rows' | 'open' | 'missing' | 'failed'>('loading');
  /** Bumps on every change of the doc (for views of one clip). */
  tick = $state(0);
  clips = $state.raw<ClipService | null>(null);
  themesAdmin = $state.raw<FrameworkService | null>(null);
  evidence = $state.raw<EvidenceService | null>(null);
  learning = $state.raw<LearningService | null>(null);
  leervragen = $state.raw<Leervraag[]>([]);
  periods = $state.raw<Period[]>([]);
  ownGuides = $state.raw<OwnGuide[]>([]);
  /** Bumps when the learning plan changes (ratings, growth answers: read on demand). */
  learningTick = $state(0);
  /** Comments, handed-in versions and feedback of the open doc. */
  together = $state.raw<TogetherState | null>(null);
  /** Read-only member of a relay: screens disable every edit. Set through `setReadOnly`. */
  #readOnly = $state(false);
  /** The doc is open and this device may edit it. */
  editable: boolean = $derived(this.clips !== null && !this.#readOnly);

  get readOnly(): boolean {
    return this.#readOnly;
  }

  /** The relay reported this device's role for the dossier (read-only or not). */
  setReadOnly(readOnly: boolean): void {
    this.#readOnly = readOnly;
    // The model refuses every edit too, not only the controls.
    this.#open?.dossier.setReadOnly(readOnly);
  }

  /** Every theme by id, with its framework and colour. */
  themeIndex: Map<string, ThemeInfo> = $derived.by(() => {
    const index = new Map<string, ThemeInfo>();
    for (const framework of this.frameworks) {
      for (const theme of framework.themes) {
        const nl = numberLabel(framework, theme, 'nl');
        const en = numberLabel(framework, theme, 'en');
        index.set(theme.id, {
          theme,
          framework,
          color: theme.color ?? framework.color ?? fallbackColor,
          group: groupOf(framework, theme) ?? null,
          number: nl && en ? { nl, en } : null,
        });
      }
    }
    return index;
  });
  /** Frameworks switched on and not hidden: what pickers offer. */
  activeFrameworks: Framework[] = $derived(this.frameworks.filter((f) => f.enabled && !f.hidden));
  liveRows: ClipRow[] = $derived(this.rows.filter((r) => !r.trashed));
  trashedRows: ClipRow[] = $derived(this.rows.filter((r) => r.trashed));
  name: string = $derived(this.meta?.name ?? this.record?.name ?? '');

  /** Clip bodies on this device out of those the dossier names, while some are being fetched. */
  bodyProgress = $state<BodyProgress | null>(null);
  #resolveOpened: () => void = () => {};
  /** Resolves when the doc is open (never when it cannot be). */
  readonly opened = new Promise<void>((resolve) => (this.#resolveOpened = resolve));
  #following: Promise<void> | null = null;
  #open: OpenDossier | null = null;
  #teardown: Array<() => void> = [];
  #destroyed = false;
  #byId = new Map<string, ClipRow>();
  #pending = new Set<string>();
  #scheduled = false;

  constructor(
    id: string,
    private readonly service: LibraryService,
    private readonly report: (error: unknown) => void,
  ) {
    this.id = id;
  }

  async load(): Promise<void> {
    const { library } = this.service;
    try {
      const record = await library.get(this.id);
      if (this.#destroyed) return;
      if (!record) {
        this.status = 'missing';
        return;
      }
      this.record = record;
      // The projection first: the list shows before a large doc has loaded.
      const projected = await library.rows(this.id);
      if (this.#destroyed) return;
      if (this.status === 'loading') {
        this.#setRows(projected);
        this.status = 'rows';
      }
      const open = await library.open(this.id);
      if (this.#destroyed) return;
      this.#attach(open);
    } catch (error) {
      if (this.#destroyed) return;
      this.status = 'failed';
      this.report(error);
    }
  }

  #attach(open: OpenDossier): void {
    this.#open = open;
    open.dossier.setReadOnly(this.#readOnly);
    const persist = () => void open.flush().catch((error) => this.report(error));
    const clips = createClipService(open, persist);
    const admin = createFrameworkService(open, persist);
    const learning = createLearningService(open, persist);
    this.#setRows(clips.rows());
    this.frameworks = admin.list();
    this.meta = admin.meta();
    this.clips = clips;
    this.themesAdmin = admin;
    this.evidence = createEvidenceService(open, this.service.blobs, persist);
    this.learning = learning;
    const readLearning = () => {
      this.leervragen = learning.leervragen();
      this.periods = learning.periods();
      this.ownGuides = open.dossier.guides.own();
      this.learningTick++;
    };
    readLearning();
    const together = new TogetherState(open, this.service, persist);
    void together.init().catch((error) => this.report(error));
    this.together = together;
    this.status = 'open';
    this.#resolveOpened();
    // A body that arrives (fetched for this or another view) is read at once.
    this.#teardown.push(this.service.bodies.onArrive(() => this.tick++));
    // Search is ready by the time someone types: the index builds in slices between other work.
    clips.prepareSearch();
    this.#teardown.push(
      clips.observe((change) => {
        for (const id of change.clipIds) this.#pending.add(id);
        if (change.frameworks) this.frameworks = admin.list();
        if (change.meta) this.meta = admin.meta();
        if (change.learning) readLearning();
        if (change.together) together.refresh();
        this.#schedule();
      }),
    );
    this.#teardown.push(
      this.service.library.subscribe(() => {
        void this.service.library.get(this.id).then((record) => {
          if (record && !this.#destroyed) this.record = record;
        });
      }),
    );
  }

  /**
   * The hash of a clip's body that is not in memory (a dossier opens without its bodies), or
   * null when it is, the clip has none, or there is no such clip. Reactive: it reads `tick`.
   */
  awayBody(clipId: string): string | null {
    void this.tick;
    const body = this.clips?.get(clipId)?.body;
    return body && !body.here ? body.hash : null;
  }

  /**
   * Read a body from this device's body store into memory (the reader asks for the clip on
   * screen; a dossier opens without its bodies); resolves false when it is not on this device.
   */
  async loadBody(hash: string): Promise<boolean> {
    return (await this.service.bodies.load([hash])).length === 0;
  }

  /**
   * Fetch the bodies this dossier's clips name and this device lacks (`first`, the clip on
   * screen, before the rest), with progress; one run at a time, a later call runs again after.
   */
  followBodies(fetch: (hashes: string[]) => Promise<string[]>, first: string[] = []): Promise<void> {
    const open = this.#open;
    if (!open) return Promise.resolve();
    const run = async () => {
      await followBodies(this.service.bodies, bodyHashes(open.doc), {
        fetch,
        first,
        stopped: () => this.#destroyed,
        onProgress: (progress) => (this.bodyProgress = progress.here < progress.total ? progress : null),
      });
    };
    this.#following = (this.#following ?? Promise.resolve()).then(run, run).catch((error) => this.report(error));
    return this.#following;
  }

  /** Batch row updates of one task into one new array (cheap at 5,000 clips). */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      const clips = this.clips;
      if (!clips || this.#destroyed) return;
      for (const id of this.#pending) {
        const row = clips.row(id);
        if (row) this.#byId.set(id, row);
        else this.#byId.delete(id);
      }
      this.#pending.clear();
      this.rows = [...this.#byId.values()];
      this.tick++;
    });
  }

  #setRows(rows: ClipRow[]): void {
    this.#byId = new Map(rows.map((r) => [r.id, r]));
    this.rows = rows;
  }

  theme(id: string): ThemeInfo | undefined {
    return this.themeIndex.get(id);
  }

  /** Themes of a row that exist (and are not hidden), in framework order. */
  themesOf(row: Pick<ClipRow, 'themes'>): ThemeInfo[] {
    return row.themes
      .map((id) => this.themeIndex.get(id))
      .filter((t): t is ThemeInfo => t !== undefined && !t.theme.hidden && t.framework.enabled)
      .sort((a, b) => a.framework.order - b.framework.order || a.theme.order - b.theme.order);
  }

  /** Themes whose wording `text` matches (core's suggester on this dossier's frameworks), best first. */
  suggest(text: string, exclude: readonly string[] = []): ThemeInfo[] {
    if (!text.trim()) return [];
    return suggestThemes(text, this.frameworks, { exclude })
      .map((s) => this.themeIndex.get(s.themeId))
      .filter((t): t is ThemeInfo => t !== undefined);
  }

  async flush(): Promise<void> {
    await this.#open?.flush();
  }

  destroy(): void {
    this.#destroyed = true;
    for (const teardown of this.#teardown.splice(0)) teardown();
    this.clips = null;
    this.themesAdmin = null;
    this.evidence = null;
    this.learning = null;
    this.together = null;
  }
}
