// Keeps a clip search index in step with one dossier: built on attach, updated on change.
import type { Dossier } from '../dossier/dossier.js';
import type { Clip } from '../dossier/types.js';
import { createClipSearch, type SearchDocument } from './clip-search.js';

export function toSearchDocument(clip: Clip, themeName: (id: string) => string | undefined): SearchDocument {
  return {
    id: clip.id,
    title: clip.title,
    text: clip.capture.text,
    note: [clip.note, ...clip.highlights.map((h) => `${h.quote.exact} ${h.note}`)].join('\n'),
    site: clip.capture.siteName ?? '',
    themes: clip.themes.map(themeName).filter(Boolean).join(' · '),
  };
}

export function attachSearch(dossier: Dossier) {
  const search = createClipSearch();
  const themeName = (id: string) => dossier.frameworks.theme(id)?.name;
  const index = (clips: Clip[]) => search.put(clips.filter((c) => !c.trashed).map((c) => toSearchDocument(c, themeName)));

  index(dossier.clips.all());
  const unobserve = dossier.observe((change) => {
    if (change.frameworks) {
      // Theme names may have changed: reindex the clips that carry any theme.
      index(dossier.clips.all().filter((c) => c.themes.length > 0));
    }
    const changed: Clip[] = [];
    const removed: string[] = [];
    for (const id of change.clipIds) {
      const clip = dossier.clips.get(id);
      if (clip && !clip.trashed) changed.push(clip);
      else removed.push(id);
    }
    search.remove(removed);
    index(changed);
  });

  return {
    search: search.search,
    get size() {
      return search.size;
    },
    destroy: unobserve,
  };
}

export type DossierSearch = ReturnType<typeof attachSearch>;
