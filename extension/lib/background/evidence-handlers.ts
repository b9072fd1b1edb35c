// The background's answers about evidence without a page: a situation from the user's own
// work written in the side panel becomes a clip of kind eigen-praktijk with its card.
import { evidenceCapture } from '@knipsel/core';
import type { Handlers } from '../messaging/router.js';
import type { LibraryService } from './background-library.js';

export function evidenceHandlers(
  service: LibraryService,
  broadcast: (dossierId: string) => void,
  appLink: (dossierId?: string, clipId?: string) => Promise<string>,
  now: () => number = Date.now,
): Pick<Handlers, 'evidence/add'> {
  return {
    async 'evidence/add'({ dossierId, kind, title, card, themes }) {
      const handle = await service.open(dossierId);
      const capture = evidenceCapture({ title, capturedAt: now() });
      const clipId = handle.dossier.clips.add({ capture, title, kind, card, themes });
      await handle.flush();
      broadcast(dossierId);
      return { dossierId, clipId, appUrl: await appLink(dossierId, clipId) };
    },
  };
}
