// The clip actions of the dossier on screen that a toast can undo: trash, restore, tag, untag,
// empty the trash. A read-only dossier refuses them; errors go to the app's report.
import { KnipselError } from '@knipsel/core';
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
    if (ids.length === 0) return;
    this.#undoable((c) => c.trash(ids), (c) => c.restore(ids), ids, (m) => m.clip.trashed(ids.length));
  }

  restore(ids: string[]): void {
    if (ids.length === 0) return;
    this.#undoable((c) => c.restore(ids), (c) => c.trash(ids), ids, (m) => m.clip.restored(ids.length));
  }

  tag(ids: string[], themeId: string): void {
    if (ids.length === 0) return;
    // Only the clips that did not carry it yet are undone.
    const carrying = new Set(this.#carrying(ids, themeId));
    const fresh = ids.filter((id) => !carrying.has(id));
    const theme = this.#themeName(themeId);
    this.#undoable((c) => c.tag(ids, [themeId]), (c) => c.untag(fresh, [themeId]), fresh, (m) => m.clip.tagged(theme, fresh.length));
  }

  untag(ids: string[], themeId: string): void {
    if (ids.length === 0) return;
    const carrying = this.#carrying(ids, themeId);
    const theme = this.#themeName(themeId);
    this.#undoable((c) => c.untag(ids, [themeId]), (c) => c.tag(carrying, [themeId]), carrying, (m) => m.clip.untagged(theme, carrying.length));
  }

  emptyTrash(): void {
    const count = this.app.run(() => this.#clips().emptyTrash());
    if (count) this.app.toasts.show((m) => m.trash.emptied(count));
  }
}
