// The relay's small HTTP API for dossier owners: register a dossier (get the owner secret),
// make invite tokens with a role, list and revoke them, delete the dossier. JSON in and out,
// bodies schema-checked with valibot and limited in size; owner calls carry the owner secret
// as `Authorization: Bearer <secret>`. CORS is open by default (no cookies: a bearer secret
// is the only credential), so the web app on another origin can call it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import type { ClientAddressOf } from './client-address.js';
import type { RelayStore, TokenInfo } from './relay-store.js';
import { createApiDoor, HttpError, parseInput, readJson, sendJson } from './http-json.js';

export const dossierIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'dossier id: 1–64 letters, digits, - or _'));
const registerSchema = v.strictObject({ dossierId: dossierIdSchema });
const createTokenSchema = v.strictObject({
  role: v.picklist(['edit', 'read-only']),
  label: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(60, 'label: at most 60 characters'), v.regex(/^[^\p{Cc}]*$/u, 'label: no control characters')), ''),
});

export interface AdminApiOptions {
  store: RelayStore;
  /** When set, registering a dossier needs header `x-knipsel-registration-key: <key>`. */
  registrationKey?: string;
  /** Without a key: true lets anyone register, false refuses every registration. */
  openRegistration: boolean;
  /** The client address a request comes from (rate limits key on it). */
  addressOf: ClientAddressOf;
  /** Called for every request refused by the rate limit. */
  onRateLimited?: () => void;
  /** Access-Control-Allow-Origin; default '*'. */
  allowOrigin?: string;
  /** Largest request body in bytes; default 4096. */
  maxBodyBytes?: number;
  /** Requests per second per client address (burst 5×); default 10. */
  ratePerSecond?: number;
  /** Called after a token was revoked or a dossier deleted: close affected connections. */
  onAccessChanged: (dossierId: string) => void;
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new HttpError(400, 'invalid-input', 'Malformed address.');
  }
}

export function createAdminApi(options: AdminApiOptions) {
  const { store } = options;
  const maxBody = options.maxBodyBytes ?? 4096;
  const rate = options.ratePerSecond ?? 10;
  const door = createApiDoor({ addressOf: options.addressOf, allowOrigin: options.allowOrigin, ratePerSecond: rate, burst: rate * 5, onRateLimited: options.onRateLimited });

  const send = sendJson;
  const parse = parseInput;

  async function requireOwner(req: IncomingMessage, dossierId: string) {
    const header = req.headers.authorization ?? '';
    const secret = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header)?.[1];
    // Same answer for "no such dossier" and "wrong secret": do not reveal which ids exist.
    if (!secret || !(await store.isOwner(dossierId, secret))) throw new HttpError(403, 'forbidden', 'Not the owner of this dossier.');
  }

  const tokenView = (info: TokenInfo) => ({ id: info.id, role: info.role, label: info.label, createdAt: info.createdAt, revokedAt: info.revokedAt });

  async function route(req: IncomingMessage, res: ServerResponse, path: string[]) {
    const method = req.method ?? 'GET';
    // /api/dossiers
    if (path.length === 2) {
      if (method !== 'POST') throw new HttpError(405, 'method-not-allowed', 'Use POST.');
      if (options.registrationKey ? req.headers['x-knipsel-registration-key'] !== options.registrationKey : !options.openRegistration) {
        throw new HttpError(403, 'registration-closed', 'This relay needs a registration key to register dossiers.');
      }
      const { dossierId } = parse(registerSchema, await readJson(req, maxBody));
      const ownerSecret = await store.register(dossierId);
      if (!ownerSecret) throw new HttpError(409, 'already-registered', 'This dossier is already registered with this relay.');
      return send(res, 201, { dossierId, ownerSecret });
    }
    const dossierId = parse(dossierIdSchema, path[2]);
    // /api/dossiers/:id
    if (path.length === 3) {
      if (method !== 'DELETE') throw new HttpError(405, 'method-not-allowed', 'Use DELETE.');
      await requireOwner(req, dossierId);
      await store.unregister(dossierId);
      options.onAccessChanged(dossierId);
      return send(res, 200, { deleted: true });
    }
    if (path[3] !== 'tokens' || path.length > 5) throw new HttpError(404, 'not-found', 'No such endpoint.');
    // /api/dossiers/:id/tokens
    if (path.length === 4) {
      if (method === 'GET') {
        await requireOwner(req, dossierId);
        return send(res, 200, { tokens: (await store.listTokens(dossierId)).map(tokenView) });
      }
      if (method === 'POST') {
        await requireOwner(req, dossierId);
        const { role, label } = parse(createTokenSchema, await readJson(req, maxBody));
        try {
          const { token, info } = await store.createToken(dossierId, role, label);
          return send(res, 201, { token, ...tokenView(info) });
        } catch (error) {
          if (error instanceof RangeError) throw new HttpError(409, 'too-many-tokens', error.message);
          throw error;
        }
      }
      throw new HttpError(405, 'method-not-allowed', 'Use GET or POST.');
    }
    // /api/dossiers/:id/tokens/:tokenId
    if (method !== 'DELETE') throw new HttpError(405, 'method-not-allowed', 'Use DELETE.');
    await requireOwner(req, dossierId);
    const tokenId = parse(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/, 'token id')), path[4]);
    if (!(await store.revokeToken(dossierId, tokenId))) throw new HttpError(404, 'not-found', 'No such token for this dossier.');
    options.onAccessChanged(dossierId);
    return send(res, 200, { revoked: true });
  }

  return {
    /** Handles `/api/…`; returns false for other paths. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const url = new URL(req.url ?? '/', 'http://relay');
      const path = url.pathname.split('/').filter(Boolean);
      if (path[0] !== 'api' || path[1] !== 'dossiers') return false;
      await door.serve(req, res, () => route(req, res, path.map(decodePart)));
      return true;
    },
    close() {
      door.close();
    },
  };
}
