// Connecting dossiers to a relay, for the screens: which relay and token this device uses
// for a dossier (kept in the library's prefs, never in the dossier), the owner's actions
// (register, invite with a role, list, revoke) and joining by a relay link. The session
// itself comes from core (`@knipsel/core/relay`).
import * as v from 'valibot';
import * as Y from 'yjs';
import { createId, KnipselError, type Library } from '@knipsel/core';
// The session (`@knipsel/core/relay/session`: @hocuspocus/provider) is loaded only when a
// dossier connects to a relay or a relay link is joined (a lazy chunk).
import { createRelayAdmin, makeRelayLink, type RelayLink, type RelayTokenInfo, relayTokenSchema, relayUrlSchema } from '@knipsel/core/relay';
import type { RelayRole, RelaySession } from '@knipsel/core/relay';
import type { Presence } from '@knipsel/core/peer';
import type { PrefStore } from './share-service.js';

/** What this device knows about a dossier's relay. */
export interface RelayRecord {
  relayUrl: string;
  /** The connection token; for the owner, the owner secret (it also manages invites). */
  token: string;
  owner: boolean;
  /** The role the relay last reported (so a read-only dossier stays read-only offline). */
  role: RelayRole | null;
  since: number;
  /** The dossier's id on the relay when this device keeps it under another id (a copy). */
  remoteId?: string;
}

/**
 * What opening a relay link would do here: add a new dossier, open one that already uses
 * this relay with this access, or — for a dossier this device already has under another
 * relay, token or none — ask first (a link never re-points a dossier on its own).
 */
export type RelayLinkCheck = { kind: 'new' } | { kind: 'same'; dossierId: string } | { kind: 'conflict'; dossierId: string; dossierName: string; currentRelay: string | null };

const recordPref = (dossierId: string) => `relay.${dossierId}`;
/** Invite links made on this device, by token id, so the owner can show each again. */
const linksPref = (dossierId: string) => `relay-links.${dossierId}`;

const loadSession = () => import('@knipsel/core/relay/session');

export interface RelayServiceOptions {
  fetch?: typeof fetch;
  location?: { origin: string };
  now?: () => number;
  log?: (line: string) => void;
  /** How long joining waits for the dossier to arrive. */
  joinTimeoutMs?: number;
  /** A WebSocket implementation where there is no global one (tests in Node 20). */
  WebSocketPolyfill?: unknown;
}

export function createRelayService(library: Library, prefs: PrefStore, options: RelayServiceOptions = {}) {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.warn(`[knipsel/relay] ${line}`));
  const admin = (relayUrl: string) => createRelayAdmin(relayUrl, { fetch: options.fetch });

  function cleanUrl(input: string): string {
    const result = v.safeParse(relayUrlSchema, input);
    if (!result.success) throw new KnipselError('invalid-input', 'The relay address must start with wss:// (or ws://).', { reason: 'bad-address' });
    return result.output;
  }

  async function requireOwner(dossierId: string): Promise<RelayRecord> {
    const record = await service.get(dossierId);
    if (!record?.owner) throw new KnipselError('invalid-input', 'Only the owner manages invites.', { reason: 'not-owner' });
    return record;
  }

  const service = {
    async get(dossierId: string): Promise<RelayRecord | undefined> {
      return (await prefs.getPref<RelayRecord>(recordPref(dossierId))) ?? undefined;
    },

    async save(dossierId: string, record: RelayRecord): Promise<RelayRecord> {
      await prefs.setPref(recordPref(dossierId), record);
      return record;
    },

    async forget(dossierId: string): Promise<void> {
      await prefs.setPref(recordPref(dossierId), null);
    },

    /** Register the dossier with a relay as its owner. */
    async register(dossierId: string, relayUrl: string): Promise<RelayRecord> {
      const url = cleanUrl(relayUrl);
      const { ownerSecret } = await admin(url).register(dossierId);
      return service.save(dossierId, { relayUrl: url, token: ownerSecret, owner: true, role: 'edit', since: now() });
    },

    /** Use a relay with a token someone gave (address + token). */
    async useToken(dossierId: string, relayUrl: string, token: string): Promise<RelayRecord> {
      const url = cleanUrl(relayUrl);
      const parsed = v.safeParse(relayTokenSchema, token);
      if (!parsed.success) throw new KnipselError('invalid-input', 'This is not a relay token.', { reason: 'bad-token' });
      return service.save(dossierId, { relayUrl: url, token: parsed.output, owner: false, role: null, since: now() });
    },

    async setRole(dossierId: string, role: RelayRole): Promise<void> {
      const record = await service.get(dossierId);
      if (record && record.role !== role) await service.save(dossierId, { ...record, role });
    },

    /** Make an invite token and its link (read-only links open the portfolio). */
    async invite(dossierId: string, dossierName: string, role: RelayRole, label: string): Promise<{ link: string; info: RelayTokenInfo }> {
      const record = await requireOwner(dossierId);
      const created = await admin(record.relayUrl).createToken(dossierId, record.token, role, label);
      const appUrl = (options.location ?? globalThis.location).origin + '/';
      const link = makeRelayLink(appUrl, {
        relayUrl: record.relayUrl,
        dossierId,
        token: created.token,
        dossierName: dossierName || 'Dossier',
        view: role === 'read-only' ? 'portfolio' : 'list',
      });
      const { token: _secret, ...info } = created;
      await prefs.setPref(linksPref(dossierId), { ...(await service.links(dossierId)), [info.id]: link });
      return { link, info };
    },

    /** The invite links made on this device for a dossier, by token id. */
    async links(dossierId: string): Promise<Record<string, string>> {
      const stored = await prefs.getPref<Record<string, string>>(linksPref(dossierId));
      return stored && typeof stored === 'object' ? stored : {};
    },

    async tokens(dossierId: string): Promise<RelayTokenInfo[]> {
      const record = await requireOwner(dossierId);
      return admin(record.relayUrl).listTokens(dossierId, record.token);
    },

    async revoke(dossierId: string, tokenId: string): Promise<void> {
      const record = await requireOwner(dossierId);
      await admin(record.relayUrl).revokeToken(dossierId, record.token, tokenId);
    },

    /** Connect the open dossier's doc to its relay. */
    async connect(dossierId: string, doc: Y.Doc, record: RelayRecord, presence?: Presence): Promise<RelaySession> {
      const { connectRelay } = await loadSession();
      return connectRelay(doc, {
        url: record.relayUrl,
        dossierId: record.remoteId ?? dossierId,
        token: record.token,
        log,
        WebSocketPolyfill: options.WebSocketPolyfill,
        awarenessState: presence,
      });
    },

    /** What opening `link` would do on this device (see RelayLinkCheck). Changes nothing. */
    async check(link: RelayLink): Promise<RelayLinkCheck> {
      const existing = await library.get(link.dossierId);
      if (!existing) return { kind: 'new' };
      const known = await service.get(link.dossierId);
      const sameRelay = known !== undefined && known.relayUrl === link.relayUrl && (known.remoteId ?? link.dossierId) === link.dossierId;
      if (sameRelay && (known.owner || known.token === link.token)) return { kind: 'same', dossierId: link.dossierId };
      return { kind: 'conflict', dossierId: link.dossierId, dossierName: existing.name, currentRelay: known?.relayUrl ?? null };
    },

    /**
     * Join by a relay link. A dossier that is not here yet arrives from the relay and is kept
     * under its own id. For one that is here (see `check`), `as` says what the user chose:
     * `'copy'` (the default the app offers) keeps what the relay sends as a new dossier
     * beside it; `'connect'` points the existing dossier at this relay, after the user
     * confirmed that everything in it goes there. Without a choice such a link is refused.
     */
    async join(link: RelayLink, as?: 'copy' | 'connect'): Promise<string> {
      const check = await service.check(link);
      if (check.kind === 'same') return check.dossierId;
      if (check.kind === 'conflict') {
        if (as === 'connect') {
          await service.save(link.dossierId, { relayUrl: link.relayUrl, token: link.token, owner: false, role: null, since: now() });
          return link.dossierId;
        }
        if (as !== 'copy') throw new KnipselError('conflict', 'This dossier is already on this device; choose a copy or confirm.', { reason: 'known-dossier' });
      }
      const localId = check.kind === 'conflict' ? createId() : link.dossierId;
      const record: RelayRecord = { relayUrl: link.relayUrl, token: link.token, owner: false, role: null, since: now() };
      if (localId !== link.dossierId) record.remoteId = link.dossierId;
      const { connectRelay } = await loadSession();
      const doc = new Y.Doc();
      const session = connectRelay(doc, { url: link.relayUrl, dossierId: link.dossierId, token: link.token, log, WebSocketPolyfill: options.WebSocketPolyfill });
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            stop();
            reject(new KnipselError('invalid-input', 'The relay cannot be reached.', { reason: 'unreachable' }));
          }, options.joinTimeoutMs ?? 20_000);
          const check = () => {
            const state = session.state();
            if (state.status === 'refused') {
              stop();
              reject(new KnipselError('invalid-input', 'The relay refused this link.', { reason: 'refused' }));
            } else if (state.synced && doc.getMap('meta').get('id') === link.dossierId) {
              record.role = state.role;
              stop();
              resolve();
            }
          };
          const unsubscribe = session.onChange(check);
          doc.on('update', check);
          const stop = () => {
            clearTimeout(timer);
            unsubscribe();
            doc.off('update', check);
          };
          check();
        });
      } finally {
        session.destroy();
      }
      await library.importState(Y.encodeStateAsUpdate(doc), { id: localId, kind: 'shared' });
      doc.destroy();
      await service.save(localId, record);
      return localId;
    },
  };
  return service;
}

export type RelayService = ReturnType<typeof createRelayService>;
