// Sharing dossiers peer to peer, for the screens: who I am to colleagues (name, colour),
// where peers meet (connection settings), which dossiers are shared with which invite
// secret, and the operations share / share a copy / new invite link / leave / join (a join's
// preview lives in `join-preview.ts`). Peer sessions themselves come from core
// (`@knipsel/core/peer`); this service only wires them to the library. Everything here is
// local to this device: the secret is kept in the library's prefs, never in the dossier (so a
// backup or export does not carry it).
import * as Y from 'yjs';
import { createId, recordAuthor, type DossierKind, isKnipselError, KnipselError, type Library } from '@knipsel/core';
// The session itself (`@knipsel/core/peer/session`: y-webrtc, simple-peer) is loaded only
// when a shared dossier connects (a lazy chunk).
import { copyDossierState, createInviteSecret, type InviteDetails, makeInviteLink, markShared, parsePresence, type Presence } from '@knipsel/core/peer';
import type { PeerSession } from '@knipsel/core/peer';
import type { connectPeers } from '@knipsel/core/peer/session';
import type { BlobStore } from '@knipsel/core';
import { iceServersOf, normaliseSettings, resolveSignalingUrl, type ConnectionSettings } from './connection-settings.js';
import { joinPreview, type JoinPreview } from './join-preview.js';

export type { JoinPreview } from './join-preview.js';

/** What this device knows about one shared dossier. */
export interface ShareRecord {
  /** The invite secret (room name and password derive from it). */
  secret: string;
  /** Who shared it (shown in the invite). */
  sharedBy: string;
  /** When this device started sharing or joined (ms). */
  since: number;
}

export interface Identity {
  /** Display name colleagues see (1–60 characters). */
  name: string;
  /** Colour of one's marker, #rrggbb. */
  colour: string;
}

/** Marker colours: distinct, and dark enough for white text (WCAG AA). */
export const identityColours = ['#b03a5b', '#2f6f4e', '#5146a8', '#9a4d12', '#1f5f8b', '#7a3d8f', '#56641a', '#a33a2a'] as const;

const identityPref = 'peer.identity';
const settingsPref = 'peer.connection';
const sharePref = (dossierId: string) => `peer.share.${dossierId}`;

export interface PrefStore {
  getPref<T>(key: string): Promise<T | undefined>;
  setPref(key: string, value: unknown): Promise<void>;
}

export interface ShareServiceOptions {
  connect?: typeof connectPeers;
  /** The body store's blobs: a shared dossier's bodies are served to peers and fetched from them. */
  bodies?: BlobStore;
  /** The page's location: the app URL for links and the default signalling URL. */
  location?: { protocol: string; host: string; origin: string };
  now?: () => number;
  random?: () => number;
  log?: (line: string) => void;
}

export function createShareService(library: Library, prefs: PrefStore, options: ShareServiceOptions = {}) {
  const connect: typeof connectPeers = options.connect ?? (async (doc, peerOptions) => (await import('@knipsel/core/peer/session')).connectPeers(doc, peerOptions));
  const where = () => options.location ?? globalThis.location;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const log = options.log ?? ((line: string) => console.warn(`[knipsel/share] ${line}`));
  // y-webrtc allows one room per name per page: sessions open and close one after another.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function requireShare(dossierId: string): Promise<ShareRecord> {
    const record = await service.getShare(dossierId);
    if (!record) throw new KnipselError('not-found', `Dossier ${dossierId} is not shared on this device.`, { reason: 'not-shared' });
    return record;
  }

  /** A new dossier of `kind` with everything of `dossierId` under another name; its id. */
  async function copyOf(dossierId: string, name: string, kind: DossierKind): Promise<string> {
    const open = await library.open(dossierId);
    await open.flush();
    const id = createId();
    const state = copyDossierState(Y.encodeStateAsUpdate(open.doc), { id, kind, name });
    return (await library.importState(state, { id, kind })).id;
  }

  async function sessionOptions(secret: string, presence: Presence, dossierId: string) {
    const settings = await service.getSettings();
    return {
      secret,
      dossierId,
      awarenessState: parsePresence(presence),
      signalingUrls: [resolveSignalingUrl(settings, where())],
      iceServers: iceServersOf(settings),
      log,
      bodies: options.bodies,
    };
  }

  const service = {
    async getIdentity(): Promise<Identity | undefined> {
      const stored = await prefs.getPref<Identity>(identityPref);
      if (!stored) return undefined;
      try {
        const { name, colour } = parsePresence({ ...stored, view: { screen: 'settings' } });
        return { name, colour };
      } catch {
        return undefined;
      }
    },

    /** Remember the display name (a colour is picked once). Throws `invalid-input` on a bad name. */
    async setIdentity(name: string): Promise<Identity> {
      const current = await service.getIdentity();
      const colour = current?.colour ?? identityColours[Math.floor(random() * identityColours.length) % identityColours.length];
      const checked = parsePresence({ name, colour, view: { screen: 'settings' } });
      const identity = { name: checked.name, colour: checked.colour };
      await prefs.setPref(identityPref, identity);
      return identity;
    },

    async getSettings(): Promise<ConnectionSettings> {
      return normaliseSettings(await prefs.getPref(settingsPref));
    },

    async setSettings(settings: ConnectionSettings): Promise<ConnectionSettings> {
      const clean = normaliseSettings(settings);
      await prefs.setPref(settingsPref, clean);
      return clean;
    },

    async getShare(dossierId: string): Promise<ShareRecord | undefined> {
      return (await prefs.getPref<ShareRecord>(sharePref(dossierId))) ?? undefined;
    },

    /**
     * Share a dossier: the dossier itself (it becomes a shared dossier), or a copy of it
     * under `copyName` (the original stays as it is). Returns the id of the shared dossier.
     * The personal dossier is only shared as a copy (the extension clips into it).
     */
    async share(dossierId: string, how: { copyName?: string; sharedBy: string }): Promise<string> {
      const record = await library.get(dossierId);
      if (!record) throw new KnipselError('not-found', `No dossier with id ${dossierId}.`);
      const sharedBy = parsePresence({ name: how.sharedBy, colour: '#000000', view: { screen: 'share' } }).name;
      let sharedId = dossierId;
      if (how.copyName !== undefined) {
        sharedId = await copyOf(dossierId, how.copyName, 'shared');
      } else {
        if (dossierId === (await library.personalId())) {
          throw new KnipselError('conflict', 'The personal dossier can only be shared as a copy.', { reason: 'personal' });
        }
        const open = await library.open(dossierId);
        markShared(open.doc);
        await open.flush();
      }
      const existing = await service.getShare(sharedId);
      if (!existing) await prefs.setPref(sharePref(sharedId), { secret: createInviteSecret(), sharedBy, since: now() } satisfies ShareRecord);
      return sharedId;
    },

    /** The invite link of a shared dossier (secret in the fragment only). */
    async inviteLink(dossierId: string): Promise<string> {
      const share = await requireShare(dossierId);
      const record = await library.get(dossierId);
      if (!record) throw new KnipselError('not-found', `No dossier with id ${dossierId}.`);
      return makeInviteLink(`${where().origin}/`, { secret: share.secret, dossierId, dossierName: record.name, sharedBy: share.sharedBy });
    },

    /**
     * A new invite secret: links made before lead to a room nobody is in any more. Members
     * keep what they have; to go on working together they need the new link.
     */
    async renewSecret(dossierId: string, sharedBy?: string): Promise<ShareRecord> {
      const share = await requireShare(dossierId);
      const renewed: ShareRecord = { ...share, secret: createInviteSecret(), sharedBy: sharedBy ?? share.sharedBy, since: now() };
      await prefs.setPref(sharePref(dossierId), renewed);
      return renewed;
    },

    /**
     * Leave a shared dossier on this device: forget the secret and remove it; with
     * `keepCopyName`, first keep a private copy (a new dossier that never syncs). Returns
     * the copy's id.
     */
    async leave(dossierId: string, how: { keepCopyName?: string } = {}): Promise<string | null> {
      let copyId: string | null = null;
      if (how.keepCopyName !== undefined) copyId = await copyOf(dossierId, how.keepCopyName, 'personal');
      await prefs.setPref(sharePref(dossierId), null);
      await library.remove(dossierId);
      return copyId;
    },

    /**
     * A dossier this device already has under the invite's id, or null. `sameInvite` is true
     * when it is shared here with this very secret (opening the link changes nothing).
     */
    async knownDossier(invite: InviteDetails): Promise<{ name: string; shared: boolean; sameInvite: boolean } | null> {
      const record = await library.get(invite.dossierId);
      if (!record) return null;
      const share = await service.getShare(record.id);
      return { name: record.name, shared: record.kind === 'shared' || share !== undefined, sameInvite: share?.secret === invite.secret };
    },

    /**
     * Point a dossier this device already holds at the invite's room: only after the user
     * confirmed it (a link never re-points a dossier by itself), and only for shared
     * dossiers — a private one is never put into a room by a link.
     */
    async joinKnown(invite: InviteDetails): Promise<string> {
      const known = await service.knownDossier(invite);
      if (!known) throw new KnipselError('not-found', `No dossier with id ${invite.dossierId}.`);
      if (!known.shared) throw new KnipselError('conflict', 'This dossier is not a shared dossier on this device.', { reason: 'not-shared' });
      if (known.sameInvite) return invite.dossierId;
      const current = await service.getShare(invite.dossierId);
      await prefs.setPref(sharePref(invite.dossierId), { secret: invite.secret, sharedBy: invite.sharedBy, since: current?.since ?? now() } satisfies ShareRecord);
      return invite.dossierId;
    },

    /** Start joining: connect an empty doc to the room and wait for the first peer's data. */
    preview(invite: InviteDetails, presence: Presence): Promise<JoinPreview> {
      return serial(async () => {
        const doc = new Y.Doc();
        const session = await connect(doc, await sessionOptions(invite.secret, presence, invite.dossierId));
        return joinPreview({
          invite,
          doc,
          session,
          serial,
          async keep(doc) {
            // A dossier already here under this id is never re-pointed from here: what
            // arrived is kept as a new dossier beside it (the join screen offers that copy).
            const id = (await library.get(invite.dossierId)) ? createId() : invite.dossierId;
            await library.importState(doc, { id, kind: 'shared' });
            await prefs.setPref(sharePref(id), { secret: invite.secret, sharedBy: invite.sharedBy, since: now() } satisfies ShareRecord);
            return id;
          },
        });
      });
    },

    /** Connect a shared dossier's open doc to its room. */
    openSession(dossierId: string, presence: Presence): Promise<PeerSession> {
      return serial(async () => {
        const share = await requireShare(dossierId);
        const open = await library.open(dossierId);
        // Our edits arrive at the others under our name (their history names us).
        recordAuthor(open.doc, presence.name);
        return connect(open.doc, await sessionOptions(share.secret, presence, dossierId));
      });
    },

    closeSession(session: PeerSession): Promise<void> {
      return serial(() => session.destroy());
    },
  };
  return service;
}

export type ShareService = ReturnType<typeof createShareService>;

/** True for errors that mean "this link or name is not right" (shown as such in the UI). */
export const isInputError = (error: unknown) => isKnipselError(error, 'invalid-input');

/** How long to wait before connecting a shared dossier again after `failures` failed tries. */
export function retryDelayMs(failures: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, failures - 1));
}
