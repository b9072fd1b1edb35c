// The members' body API: clip bodies travel beside the document, not in it. Every call is a
// POST of JSON under /api/dossiers/:id/bodies/… with a member's token (or the owner secret)
// as `Authorization: Bearer <token>`:
//   get      { hashes }  → { bodies: [{ hash, data }], more }  any member, read-only ones too;
//                          at most 8 MiB of bodies an answer, `more` names the kept ones
//                          that did not fit (ask again for those)
//   missing  { hashes }  → { missing, unnamed }           members who may edit
//   put      { bodies }  → { stored }                     members who may edit
// A revoked token, another dossier's token or none gets 403, the same answer as an unknown
// dossier. Bodies are kept per dossier and only those the dossier's document names travel
// (named-bodies.ts): `get` serves a named body the relay keeps and answers anything else —
// not kept, another dossier's, no longer named — alike, by leaving it out; `missing` lists
// only named bodies the relay lacks (`unnamed`: the rest, to ask about again later); `put`
// refuses a body the document does not name (nor named within the grace) with 409
// `not-named`, and an upload past the dossier's quota of stored body bytes with 413
// `quota-exceeded`, keeping nothing of either. An uploaded body is kept only when its bytes
// hash to its name and decode as a body (checked here as every client checks it).
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { checkArrivedBody, hashListSchema, maxAnswerBytes, wireBodiesSchema, type WireBody } from '@knipsel/core/relay';
import { dossierIdSchema } from './admin-api.js';
import type { ClientAddressOf } from './client-address.js';
import { createApiDoor, HttpError, parseInput, readJson, sendJson } from './http-json.js';
import type { NamedBodies } from './named-bodies.js';
import type { Access, RelayStore } from './relay-store.js';

const hashesSchema = v.strictObject({ hashes: hashListSchema });
const putSchema = v.strictObject({ bodies: wireBodiesSchema });

/** Default quota of stored body bytes per dossier: 1 GiB (a cohort of thirty with a few hundred clips each needs about 200 MB). */
export const defaultBodyQuotaBytes = 1024 ** 3;

export interface BodyApiOptions {
  store: RelayStore;
  /** Which bodies each dossier's document names. */
  named: NamedBodies;
  /** Most bytes of bodies kept per dossier; default `defaultBodyQuotaBytes`. */
  quotaBytes?: number;
  addressOf: ClientAddressOf;
  allowOrigin?: string;
  /** Requests per second per client address (burst 4×); default 50 (a new member fetches 100 bodies a request). */
  ratePerSecond?: number;
  /** Largest upload in bytes; default 16 MiB. */
  maxUploadBytes?: number;
  onRateLimited?: () => void;
}

export function createBodyApi(options: BodyApiOptions) {
  const { store } = options;
  const rate = options.ratePerSecond ?? 50;
  const maxUpload = options.maxUploadBytes ?? 16 * 1024 * 1024;
  const quota = options.quotaBytes ?? defaultBodyQuotaBytes;
  // Uploads to one dossier one at a time in this process, so two cannot both pass the quota.
  const uploads = new Map<string, Promise<unknown>>();
  const oneAtATime = <T>(dossierId: string, run: () => Promise<T>): Promise<T> => {
    const next = (uploads.get(dossierId) ?? Promise.resolve()).catch(() => undefined).then(run);
    uploads.set(dossierId, next);
    void next.catch(() => undefined).then(() => uploads.get(dossierId) === next && uploads.delete(dossierId));
    return next;
  };
  const door = createApiDoor({ addressOf: options.addressOf, allowOrigin: options.allowOrigin, ratePerSecond: rate, burst: rate * 4, onRateLimited: options.onRateLimited });

  async function member(req: IncomingMessage, dossierId: string): Promise<Access> {
    const token = /^Bearer ([A-Za-z0-9_-]{1,1024})$/.exec(req.headers.authorization ?? '')?.[1];
    const access = token ? await store.authorize(dossierId, token) : null;
    if (!access) throw new HttpError(403, 'forbidden', 'Not a member of this dossier.');
    return access;
  }

  async function put(dossierId: string, bodies: WireBody[]): Promise<string[]> {
    const uploadable = await options.named.uploadable(
      dossierId,
      bodies.map((body) => body.hash),
    );
    if (bodies.some((body) => !uploadable.has(body.hash))) throw new HttpError(409, 'not-named', "The dossier's document does not name every body sent; nothing was kept.");
    const checked: [string, Uint8Array][] = [];
    for (const body of bodies) {
      const bytes = await checkArrivedBody(body);
      if (!bytes) throw new HttpError(422, 'body-mismatch', 'A body does not match its hash; nothing was kept.');
      checked.push([body.hash, bytes]);
    }
    const fresh = new Set(await store.missingBodies(dossierId, [...new Set(checked.map(([hash]) => hash))]));
    const adding = checked.filter(([hash]) => fresh.has(hash)).reduce((sum, [hash, bytes]) => (fresh.delete(hash) ? sum + bytes.length : sum), 0);
    if (adding > 0 && (await store.bodyBytes(dossierId)) + adding > quota)
      throw new HttpError(413, 'quota-exceeded', `The dossier's bodies would pass the relay's quota of ${quota} bytes; nothing was kept.`);
    for (const [hash, bytes] of checked) {
      if (!(await store.putBody(dossierId, hash, bytes))) throw new HttpError(403, 'forbidden', 'Not a member of this dossier.');
    }
    return checked.map(([hash]) => hash);
  }

  async function route(req: IncomingMessage, res: ServerResponse, dossierId: string, action: string) {
    if (req.method !== 'POST') throw new HttpError(405, 'method-not-allowed', 'Use POST.');
    const access = await member(req, dossierId);
    const mayEdit = access.role !== 'read-only';
    if (action === 'get') {
      const { hashes } = parseInput(hashesSchema, await readJson(req, 64 * 1024));
      const named = await options.named.named(dossierId, hashes);
      const found = await store.getBodies(dossierId, [...named]);
      const bodies: WireBody[] = [];
      const more: string[] = [];
      let bytes = 0;
      for (const [hash, data] of found) {
        if (more.length > 0 || (bodies.length > 0 && bytes + data.length > maxAnswerBytes)) {
          more.push(hash);
          continue;
        }
        bytes += data.length;
        bodies.push({ hash, data: Buffer.from(data).toString('base64') });
      }
      return sendJson(res, 200, { bodies, more });
    }
    if (!mayEdit) throw new HttpError(403, 'read-only', 'A read-only member cannot add bodies.');
    if (action === 'missing') {
      const { hashes } = parseInput(hashesSchema, await readJson(req, 64 * 1024));
      const uploadable = await options.named.uploadable(dossierId, hashes);
      const unnamed = [...new Set(hashes)].filter((hash) => !uploadable.has(hash));
      return sendJson(res, 200, { missing: await store.missingBodies(dossierId, [...uploadable]), unnamed });
    }
    if (action === 'put') {
      const { bodies } = parseInput(putSchema, await readJson(req, maxUpload));
      return sendJson(res, 200, { stored: await oneAtATime(dossierId, () => put(dossierId, bodies)) });
    }
    throw new HttpError(404, 'not-found', 'No such endpoint.');
  }

  return {
    /** Handles `/api/dossiers/:id/bodies/…`; returns false for other paths. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const path = new URL(req.url ?? '/', 'http://relay').pathname.split('/').filter(Boolean);
      if (path.length !== 5 || path[0] !== 'api' || path[1] !== 'dossiers' || path[3] !== 'bodies') return false;
      await door.serve(req, res, async () => {
        const dossierId = v.safeParse(dossierIdSchema, path[2]);
        if (!dossierId.success) throw new HttpError(403, 'forbidden', 'Not a member of this dossier.');
        await route(req, res, dossierId.output, path[4]);
      });
      return true;
    },
    close() {
      door.close();
    },
  };
}
