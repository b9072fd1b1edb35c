// Two tabs of the app are two replicas of each dossier (each loads it from IndexedDB). This
// library extension keeps every dossier a tab opens in step with the same dossier in the
// other tabs, through core's tab sync over one BroadcastChannel per dossier; a tab that
// becomes visible again asks the others for what it missed.
import type { LibraryExtension } from '@knipsel/core';
import { attachTabSync, tabChannelName, type TabSync } from '@knipsel/core/sync';

export function tabSyncExtension(): LibraryExtension {
  if (typeof BroadcastChannel === 'undefined' || typeof document === 'undefined') return {};
  const syncs = new Set<TabSync>();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') for (const sync of syncs) sync.resync();
  });
  return {
    onOpen(handle) {
      const sync = attachTabSync(handle.doc, new BroadcastChannel(tabChannelName(handle.id)), {
        onReject: (reason) => console.warn(`Knipsel tab sync (${handle.id}): ${reason}`),
      });
      syncs.add(sync);
      return () => {
        syncs.delete(sync);
        sync.destroy();
      };
    },
  };
}
