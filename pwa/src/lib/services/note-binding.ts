// Binds an editor (a textarea) to a Y.Text (a clip's note, a reflection's answer): local edits go in as minimal diffs
// (clips.update does that), remote edits come out with the caret kept in place.
import type * as Y from 'yjs';
import { type Dossier, localOrigin } from '@knipsel/core';

export type TextDelta = Array<{ insert?: unknown; delete?: number; retain?: number }>;

/** Where a caret at `index` lands after a remote change described by `delta`. Pure. */
export function transformIndex(delta: TextDelta, index: number): number {
  let at = 0; // position in the old text
  let shift = 0;
  for (const op of delta) {
    if (at > index) break;
    if (op.retain !== undefined) at += op.retain;
    else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      // Text a peer inserts exactly at the caret goes after it (the caret stays before it, as
      // in CodeMirror): two people typing at the same spot then keep their words whole
      // instead of interleaving letter by letter.
      if (at < index) shift += length;
    } else if (op.delete !== undefined) {
      const end = at + op.delete;
      if (index >= end) shift -= op.delete;
      else if (index > at) shift -= index - at;
      at = end;
    }
  }
  return Math.max(0, index + shift);
}

export interface NoteBinding {
  text(): string;
  /** Replace the note with `value` (a minimal diff is applied). */
  set(value: string): void;
  /** Called after a change that did not come from this binding (another tab, a peer). */
  onRemote(listener: (text: string, mapIndex: (index: number) => number) => void): () => void;
  destroy(): void;
}

export function bindNote(dossier: Dossier, clipId: string, onChange?: () => void): NoteBinding {
  return bindText(dossier.clips.noteText(clipId), (value) => dossier.clips.update(clipId, { note: value }), onChange);
}

/** Bind any Y.Text of the dossier; `write` applies a new value as a minimal diff through core. */
export function bindText(ytext: Y.Text, write: (value: string) => void, onChange?: () => void): NoteBinding {
  const listeners = new Set<(text: string, mapIndex: (index: number) => number) => void>();
  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === localOrigin && transaction.local) return;
    const delta = event.delta as TextDelta;
    const text = ytext.toString();
    for (const listener of listeners) listener(text, (index) => transformIndex(delta, index));
  };
  ytext.observe(observer);
  return {
    text: () => ytext.toString(),
    set(value) {
      write(value);
      onChange?.();
    },
    onRemote(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      listeners.clear();
      ytext.unobserve(observer);
    },
  };
}
