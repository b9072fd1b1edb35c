// The clip actions of the dossier on screen that a toast can undo: trash, restore, tag, untag,
// change or remove a highlight; and empty the trash. A read-only dossier refuses them; errors
// go to the app's report.
import { KnipselError, type HighlightPatch } from '@knipsel/core';
import type { ClipService } from '../services/clip-service.js';
import type { DossierState } from './dossier-state.svelte.js';
import type { Toasts, ToastText } from './toasts.svelte.js';

/** What the actions need of the app. */
export interface ClipActionsPort {
  readonly dossier: DossierState | null;
  readonly toasts: Toasts;
  run<T>(work: () => T): T | undefined;
}

export class ClipActions {
  constructor(private readonly app: ClipActionsPort) {}

  #clips(): ClipService {
    const dossier = this.app.dossier;
    if (!dossier?.clips) throw new Error('The dossier is not open yet.');
    if (dossier.readOnly) throw new KnipselError('invalid-input', 'This dossier is read-only here.', { reason: 'read-only' });
    return dossier.clips;
  }

  #themeName(themeId: string): string {
    return this.app.dossier?.theme(themeId)?.theme.name ?? '';
  }

  /** Run a clip action; when it worked and `undone` is not empty, offer to undo it. */
  #undoable(action: (clips: ClipService) => void, undo: (clips: ClipService) => void, undone: string[], message: ToastText): void {
    const done = this.app.run(() => {
      action(this.#clips());
      return true;
    });
    if (done && undone.length > 0) this.app.toasts.show(message, { undo: () => this.app.run(() => undo(this.#clips())) });
  }

  #carrying(ids: string[], themeId: string): string[] {
    return ids.filter((id) => this.app.dossier?.rows.find((r) => r.id === id)?.themes.includes(themeId));
  }

  trash(ids: string[]): void {
    this.#setTrashed(ids, true);
  }

  restore(ids: string[]): void {
    this.#setTrashed(ids, false);
  }

  /** Trash clips or restore them; undo does the other. */
  #setTrashed(ids: string[], trashed: boolean): void {
    if (ids.length === 0) return;
    const [move, back] = trashed ? (['trash', 'restore'] as const) : (['restore', 'trash'] as const);
    this.#undoable(
      (c) => c[move](ids),
      (c) => c[back](ids),
      ids,
      (m) => (trashed ? m.clip.trashed(ids.length) : m.clip.restored(ids.length)),
    );
  }

  tag(ids: string[], themeId: string): void {
    this.#setTheme(ids, themeId, true);
  }

  untag(ids: string[], themeId: string): void {
    this.#setTheme(ids, themeId, false);
  }

  /** Put a theme on clips or take it off; undo reverses it only on the clips it changed. */
  #setTheme(ids: string[], themeId: string, on: boolean): void {
    if (ids.length === 0) return;
    const carrying = new Set(this.#carrying(ids, themeId));
    const changed = ids.filter((id) => carrying.has(id) !== on);
    const theme = this.#themeName(themeId);
    const [change, back] = on ? (['tag', 'untag'] as const) : (['untag', 'tag'] as const);
    this.#undoable(
      (c) => c[change](ids, [themeId]),
      (c) => c[back](changed, [themeId]),
      changed,
      (m) => (on ? m.clip.tagged(theme, changed.length) : m.clip.untagged(theme, changed.length)),
    );
  }

  /** Change a highlight's colour or note; undo puts back what it was. */
  editHighlight(clipId: string, highlightId: string, patch: HighlightPatch): void {
    const before = this.#highlight(clipId, highlightId);
    if (!before) return;
    const undo: HighlightPatch = {};
    if (patch.colour !== undefined && patch.colour !== before.colour) undo.colour = before.colour;
    if (patch.note !== undefined && patch.note !== before.note) undo.note = before.note;
    if (Object.keys(undo).length === 0) return;
    this.#undoable(
      (c) => c.updateHighlight(clipId, highlightId, patch),
      (c) => c.updateHighlight(clipId, highlightId, undo),
      [highlightId],
      (m) => m.clipText.highlightChanged,
    );
  }

  /** Remove a highlight; undo puts the same record back (same id, so the live page agrees). */
  removeHighlight(clipId: string, highlightId: string): void {
    const before = this.#highlight(clipId, highlightId);
    if (!before) return;
    this.#undoable(
      (c) => c.removeHighlight(clipId, highlightId),
      (c) => c.restoreHighlight(clipId, before),
      [highlightId],
      (m) => m.clipText.highlightRemoved,
    );
  }

  #highlight(clipId: string, highlightId: string) {
    return this.app.dossier?.clips?.get(clipId)?.highlights.find((h) => h.id === highlightId);
  }

  emptyTrash(): void {
    const count = this.app.run(() => this.#clips().emptyTrash());
    if (count) this.app.toasts.show((m) => m.trash.emptied(count));
  }
}
