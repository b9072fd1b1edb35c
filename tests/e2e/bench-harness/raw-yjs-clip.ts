// The baseline's clip ("raw Yjs"): the fields of core's clip layout set into a plain Y.Map,
// with no validation and no projection — what the core and sync bench pages compare with.
import * as Y from 'yjs';
import type { CorpusClip } from '../../../bench/corpus/clip-corpus.js';

export function rawSetClip(clips: Y.Map<Y.Map<unknown>>, id: string, clip: CorpusClip, at: number): void {
  const map = new Y.Map<unknown>();
  clips.set(id, map);
  map.set('capture', { ...clip.capture });
  map.set('title', clip.capture.title);
  const note = new Y.Text();
  map.set('note', note);
  if (clip.note) note.insert(0, clip.note);
  const themes = new Y.Map<true>();
  map.set('themes', themes);
  for (const theme of clip.themes) themes.set(theme, true);
  map.set('highlights', new Y.Map());
  map.set('trashedAt', null);
  map.set('createdAt', at);
  map.set('updatedAt', at);
}
