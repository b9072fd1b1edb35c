// The popup's state and actions: load the preview for the target tab, switch mode, pick
// themes, save, handle duplicates. Talks to the background only through `send`.
import type { DossierSummary, EvidenceKind, PopupMode, PreviewResult, ThemeOption } from '../../lib/messaging/protocol';
import { send } from '../../lib/messaging/send';
import { requestOriginAccess, targetTabId } from '../../lib/services/page-services';

type Ready = Extract<PreviewResult, { ok: true }>;

export class PopupModel {
  phase = $state<'loading' | 'restricted' | 'ready' | 'saving' | 'saved' | 'added' | 'completed' | 'error'>('loading');
  mode = $state<PopupMode>('article');
  preview = $state<Ready | null>(null);
  restriction = $state<string>('no-tab');
  error = $state('');
  tabId: number | null = null;

  dossiers = $state<DossierSummary[]>([]);
  dossierId = $state('');
  themes = $state<ThemeOption[]>([]);
  recent = $state<string[]>([]);
  selected = $state<string[]>([]);
  note = $state('');
  /** What the clip is evidence of; clipping someone else's page is a praktijkvoorbeeld by default. */
  kind = $state<EvidenceKind>('praktijkvoorbeeld');
  /** Theme ids whose wording the page (and the note) matches, best first: the user adds one with a click or ignores them. */
  suggested = $state<string[]>([]);
  #suggestTimer: ReturnType<typeof setTimeout> | undefined;
  saved = $state<{ dossierId: string; clipId: string; appUrl: string } | null>(null);
  /** The user chose to clip a page again although it is already in the dossier. */
  allowDuplicate = $state(false);
  /** For a PDF: keep the file itself too (when within the limit). */
  keepFile = $state(true);
  /** Links saved without their page's text (from a phone, "Knip link"), and how completing them went. */
  links = $state<{ dossierId: string; clipId: string; title: string; url: string }[]>([]);
  completing = $state<'idle' | 'busy' | 'done' | 'denied'>('idle');
  completed = $state(0);

  duplicate = $derived(this.preview?.duplicates.find((d) => d.dossierId === this.dossierId) ?? null);
  dossierName = $derived(this.dossiers.find((d) => d.id === this.dossierId)?.name ?? '');

  async start(): Promise<void> {
    try {
      this.tabId = await targetTabId();
      const [{ dossiers, defaultId }] = await Promise.all([send('dossiers/list', {})]);
      this.dossiers = dossiers;
      this.dossierId = defaultId;
      await this.loadThemes();
      void this.loadLinks();
      await this.loadPreview();
    } catch (error) {
      this.fail(error);
    }
  }

  async loadThemes(): Promise<void> {
    const { themes, recent } = await send('themes/list', { dossierId: this.dossierId });
    this.themes = themes;
    this.recent = recent;
    const known = new Set(themes.map((t) => t.id));
    this.selected = this.selected.filter((id) => known.has(id));
  }

  async loadPreview(): Promise<void> {
    if (this.tabId === null) {
      this.restriction = 'no-tab';
      this.phase = 'restricted';
      return;
    }
    this.phase = 'loading';
    const result = await send('clip/preview', { tabId: this.tabId, mode: this.mode });
    if (!result.ok) {
      this.restriction = result.reason;
      this.phase = 'restricted';
      return;
    }
    this.preview = result;
    this.suggestSoon(0);
    // A selection on the page: start in selection mode.
    if (this.mode === 'article' && result.selection && !this.modeChosen) {
      this.modeChosen = true;
      this.mode = 'selection';
      return this.loadPreview();
    }
    this.phase = 'ready';
  }

  private modeChosen = false;

  async loadLinks(): Promise<void> {
    this.links = (await send('complete/list', {}).catch(() => ({ links: [] }))).links;
  }

  /** Read each waiting link's page in a background tab and complete its clip (host access asked first). */
  async completeLinks(): Promise<void> {
    const links = [...this.links];
    // First thing in the click: the permission prompt needs the user's gesture.
    if (!(await requestOriginAccess(links.map((l) => l.url)))) {
      this.completing = 'denied';
      return;
    }
    this.completing = 'busy';
    this.completed = 0;
    for (const link of links) {
      const { completed } = await send('complete/run', { dossierId: link.dossierId, clipId: link.clipId }).catch(() => ({ completed: false }));
      if (completed) this.completed++;
    }
    await this.loadLinks();
    this.completing = 'done';
  }

  async setMode(mode: PopupMode): Promise<void> {
    if (mode === this.mode && this.phase === 'ready') return;
    this.modeChosen = true;
    this.mode = mode;
    await this.loadPreview().catch((e) => this.fail(e));
  }

  async setDossier(id: string): Promise<void> {
    this.dossierId = id;
    this.allowDuplicate = false;
    await this.loadThemes().catch((e) => this.fail(e));
    this.suggestSoon(0);
  }

  /** Ask the background again for suggested themes, after `ms` (the note changes as the user types). */
  suggestSoon(ms = 400): void {
    clearTimeout(this.#suggestTimer);
    this.#suggestTimer = setTimeout(() => void this.loadSuggestions(), ms);
  }

  async loadSuggestions(): Promise<void> {
    const capture = this.preview?.capture;
    if (!capture || !this.dossierId) return;
    const text = [capture.title, capture.description ?? '', capture.text, this.note].join('\n');
    try {
      const { suggestions } = await send('themes/suggest', { dossierId: this.dossierId, text });
      this.suggested = suggestions.map((s) => s.themeId);
    } catch {
      // Suggestions are a help; without them the picker works as before.
      this.suggested = [];
    }
  }

  async save(): Promise<void> {
    if (this.phase !== 'ready' || !this.preview) return;
    if (this.duplicate && !this.allowDuplicate) return;
    this.phase = 'saving';
    const file = this.preview.file;
    const keep = !!file && this.keepFile && file.size <= file.max && this.preview.capture.mode === 'pdf';
    const capture =
      this.preview.capture.mode === 'pdf' && this.preview.capture.pdf
        ? {
            ...this.preview.capture,
            pdf: { ...this.preview.capture.pdf, file: keep && file ? { sha256: file.sha256, size: file.size, name: file.name, type: 'application/pdf' } : null },
          }
        : this.preview.capture;
    try {
      this.saved = await send('clip/save', {
        keepFile: keep,
        dossierId: this.dossierId,
        capture,
        note: this.note.trim() || undefined,
        themes: this.selected,
        kind: this.kind,
        tabId: this.tabId ?? undefined,
      });
      this.phase = 'saved';
    } catch (error) {
      this.fail(error);
    }
  }

  async addSelectionToDuplicate(): Promise<void> {
    const dup = this.duplicate;
    const selection = this.preview?.selection;
    if (!dup || !selection) return;
    this.phase = 'saving';
    try {
      await send('clip/add-highlight', { dossierId: dup.dossierId, clipId: dup.clipId, quote: selection.quote, position: selection.position, note: this.note.trim() || undefined });
      if (this.selected.length) await send('clip/update', { dossierId: dup.dossierId, clipId: dup.clipId, addThemes: this.selected });
      const { appUrl } = await send('clip/get', { dossierId: dup.dossierId, clipId: dup.clipId });
      this.saved = { dossierId: dup.dossierId, clipId: dup.clipId, appUrl };
      this.phase = 'added';
    } catch (error) {
      this.fail(error);
    }
  }

  /** The page is in the dossier as a link without its text: put this capture in that clip. */
  async completeDuplicate(): Promise<void> {
    const dup = this.duplicate;
    if (!dup || !this.preview) return;
    this.phase = 'saving';
    try {
      this.saved = await send('clip/complete', { dossierId: dup.dossierId, clipId: dup.clipId, capture: this.preview.capture });
      if (this.selected.length) await send('clip/update', { dossierId: dup.dossierId, clipId: dup.clipId, addThemes: this.selected });
      this.phase = 'completed';
    } catch (error) {
      this.fail(error);
    }
  }

  async openDuplicate(): Promise<void> {
    const dup = this.duplicate;
    if (dup) await send('app/open', { dossierId: dup.dossierId, clipId: dup.clipId });
  }

  /** Resolved in the background at click time: the dossier may have been linked with the app's since the save. */
  async openSaved(): Promise<void> {
    if (this.saved) await send('app/open', { dossierId: this.saved.dossierId, clipId: this.saved.clipId });
  }

  private fail(error: unknown): void {
    this.error = error instanceof Error ? error.message : String(error);
    this.phase = 'error';
  }
}
