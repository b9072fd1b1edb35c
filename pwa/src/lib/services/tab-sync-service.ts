// Two tabs of the app are two replicas of each dossier (each loads it from IndexedDB). This
// keeps every dossier a tab opens in step with the same dossier in the other tabs, through
// core's tab sync over one BroadcastChannel per dossier; a tab that becomes visible again
// asks the others for what it missed.
import type { Library } from '../../../../core/index.js';
import { attachTabSync, tabChannelName, type TabSync } from '../../../../core/sync/tab-sync.js';

export function withTabSync(library: Library): Library {
  if (typeof BroadcastChannel === 'undefined' || typeof document === 'undefined') return library;
  const syncs = new Map<string, TabSync>();
  const open = library.open.bind(library);
  library.open = async (id: string) => {
    const handle = await open(id);
    const existing = syncs.get(id);
    if (!existing || handle.doc.isDestroyed) {
      existing?.destroy();
      const sync = attachTabSync(handle.doc, new BroadcastChannel(tabChannelName(id)), {
        onReject: (reason) => console.warn(`Knipsel tab sync (${id}): ${reason}`),
      });
      syncs.set(id, sync);
      handle.doc.once('destroy', () => {
        if (syncs.get(id) === sync) syncs.delete(id);
      });
    }
    return handle;
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') for (const sync of syncs.values()) sync.resync();
  });
  return library;
}
