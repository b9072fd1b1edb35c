// A join in progress (the join screen's preview): an empty doc connected to the invite's room,
// waiting for the first peer's data, then kept as a dossier or cancelled. The share service
// opens the session and says how to keep what arrived; this holds the preview's life.
import type * as Y from 'yjs';
import { KnipselError } from '@knipsel/core';
import { type InviteDetails, receivedDossierId, waitForDossierMeta } from '@knipsel/core/peer';
import type { PeerSession, PeerStatusEvent } from '@knipsel/core/peer';

/** A join in progress: connected to the room with an empty doc, waiting for the first peer. */
export interface JoinPreview {
  readonly invite: InviteDetails;
  /** Resolves when the dossier has arrived from a peer (its name and clip count). */
  readonly arrived: Promise<{ name: string; clipCount: number }>;
  onStatus(listener: (event: PeerStatusEvent) => void): () => void;
  /** Members of this dossier are online in another room: the link is old (or wrong). */
  onOtherRoom(listener: () => void): () => void;
  /** Keep the dossier: store it like any dossier and remember the secret. Returns its id. */
  accept(): Promise<string>;
  /** Stop waiting and forget everything received. */
  cancel(): Promise<void>;
}

export interface JoinPreviewParts {
  invite: InviteDetails;
  /** The empty doc `session` connects to the room. */
  doc: Y.Doc;
  session: PeerSession;
  /** Runs session work one after another (y-webrtc allows one room per name per page). */
  serial: <T>(work: () => Promise<T>) => Promise<T>;
  /** Stores what arrived (the preview's doc, once its session is closed) as a shared dossier and remembers the invite; its id. */
  keep: (doc: Y.Doc) => Promise<string>;
}

export function joinPreview({ invite, doc, session, serial, keep }: JoinPreviewParts): JoinPreview {
  const controller = new AbortController();
  let closed = false;
  /** Leave the room; the doc too unless `keepDoc` (accept stores it first). */
  const close = (keepDoc = false) =>
    serial(async () => {
      if (closed) return;
      closed = true;
      controller.abort();
      await session.destroy();
      if (!keepDoc) doc.destroy();
    });
  const arrived = waitForDossierMeta(doc, controller.signal).then(() => ({
    name: String(doc.getMap('meta').get('name') ?? ''),
    clipCount: doc.getMap('clips').size,
  }));
  arrived.catch(() => undefined);
  return {
    invite,
    arrived,
    onStatus: (listener) => session.onStatus(listener),
    onOtherRoom(listener) {
      if (session.otherRoom) listener();
      return session.onOtherRoom(listener);
    },
    async accept() {
      if (!receivedDossierId(doc)) throw new KnipselError('conflict', 'Nothing has arrived from a colleague yet.', { reason: 'not-arrived' });
      // The doc itself is stored: encoding it and reading it back into another doc cost
      // a few hundred milliseconds at 1,000 clips (bench: sync, web app).
      await close(true);
      try {
        return await keep(doc);
      } finally {
        doc.destroy();
      }
    },
    cancel: () => close(),
  };
}
