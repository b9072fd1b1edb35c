// The members' body API: clip bodies travel beside the document, not in it. Every call is a
// POST of JSON under /api/dossiers/:id/bodies/… with a member's token (or the owner secret)
// as `Authorization: Bearer <token>`:
//   get      { hashes }  → { bodies: [{ hash, data }], more }  any member, read-only ones too;
//                          at most 8 MiB of bodies an answer, `more` names the kept ones
//                          that did not fit (ask again for those)
//   missing  { hashes }  → { missing }                    members who may edit
//   put      { bodies }  → { stored }                     members who may edit
// A revoked token, another dossier's token or none gets 403, the same answer as an unknown
// dossier. Bodies are kept per dossier: a member reads only its dossier's bodies, whatever
// hash it names. An uploaded body is kept only when its bytes hash to its name and decode
// as a body (checked here as every client checks it).
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { checkArrivedBody, hashListSchema, maxAnswerBytes, wireBodiesSchema, type WireBody } from '@knipsel/core/relay';
import { dossierIdSchema } from './admin-api.js';
import type { ClientAddressOf } from './client-address.js';
import { createApiDoor, HttpError, parseInput, readJson, sendJson } from './http-json.js';
import type { Access, RelayStore } from './relay-store.js';

const hashesSchema = v.strictObject({ hashes: hashListSchema });
const putSchema = v.strictObject({ bodies: wireBodiesSchema });

export interface BodyApiOptions {
  store: RelayStore;
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
  const door = createApiDoor({ addressOf: options.addressOf, allowOrigin: options.allowOrigin, ratePerSecond: rate, burst: rate * 4, onRateLimited: options.onRateLimited });

  async function member(req: IncomingMessage, dossierId: string): Promise<Access> {
    const token = /^Bearer ([A-Za-z0-9_-]{1,1024})$/.exec(req.headers.authorization ?? '')?.[1];
    const access = token ? await store.authorize(dossierId, token) : null;
    if (!access) throw new HttpError(403, 'forbidden', 'Not a member of this dossier.');
    return access;
  }

  async function route(req: IncomingMessage, res: ServerResponse, dossierId: string, action: string) {
    if (req.method !== 'POST') throw new HttpError(405, 'method-not-allowed', 'Use POST.');
    const access = await member(req, dossierId);
    const mayEdit = access.role !== 'read-only';
    if (action === 'get') {
      const { hashes } = parseInput(hashesSchema, await readJson(req, 64 * 1024));
      const found = await store.getBodies(dossierId, hashes);
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
      return sendJson(res, 200, { missing: await store.missingBodies(dossierId, hashes) });
    }
    if (action === 'put') {
      const { bodies } = parseInput(putSchema, await readJson(req, maxUpload));
      const stored: string[] = [];
      for (const body of bodies) {
        const bytes = await checkArrivedBody(body);
        if (!bytes) throw new HttpError(422, 'body-mismatch', 'A body does not match its hash; nothing after it was kept.');
        if (!(await store.putBody(dossierId, body.hash, bytes))) throw new HttpError(403, 'forbidden', 'Not a member of this dossier.');
        stored.push(body.hash);
      }
      return sendJson(res, 200, { stored });
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
