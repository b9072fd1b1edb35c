// The owners' side of the relay API (server/relay/admin-api.ts) over fetch: register a
// dossier (the relay answers with the owner secret, kept only in the owner's app), make,
// list and revoke invite tokens. Errors become KnipselErrors with `details.reason` set to
// the relay's error code ('forbidden', 'already-registered', 'unreachable', …).
import * as v from 'valibot';
import { KnipselError } from '../../errors.js';
import { relayHttpUrl } from './relay-link.js';
import type { RelayRole } from './relay-session.js';

export interface RelayTokenInfo {
  id: string;
  role: RelayRole;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

const tokenInfoSchema = v.object({
  id: v.string(),
  role: v.picklist(['edit', 'read-only']),
  label: v.string(),
  createdAt: v.number(),
  revokedAt: v.nullable(v.number()),
});
const registeredSchema = v.object({ dossierId: v.string(), ownerSecret: v.string() });
const createdSchema = v.object({ ...tokenInfoSchema.entries, token: v.string() });
const listSchema = v.object({ tokens: v.array(tokenInfoSchema) });

export interface RelayAdmin {
  register(dossierId: string): Promise<{ ownerSecret: string }>;
  createToken(dossierId: string, ownerSecret: string, role: RelayRole, label?: string): Promise<RelayTokenInfo & { token: string }>;
  listTokens(dossierId: string, ownerSecret: string): Promise<RelayTokenInfo[]>;
  revokeToken(dossierId: string, ownerSecret: string, tokenId: string): Promise<void>;
  unregister(dossierId: string, ownerSecret: string): Promise<void>;
}

export function createRelayAdmin(relayUrl: string, options: { fetch?: typeof fetch; registrationKey?: string } = {}): RelayAdmin {
  const base = relayHttpUrl(relayUrl);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function call<T extends v.GenericSchema>(method: string, path: string, schema: T | null, init: { secret?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.secret) headers.authorization = `Bearer ${init.secret}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    } catch (error) {
      throw new KnipselError('invalid-input', `The relay at ${base} cannot be reached.`, { reason: 'unreachable', cause: String(error) });
    }
    let data: unknown = null;
    try {
      data = await response.json();
    } catch {
      // handled below
    }
    if (!response.ok) {
      const body = (data ?? {}) as { error?: unknown; message?: unknown };
      const reason = typeof body.error === 'string' ? body.error : `http-${response.status}`;
      throw new KnipselError(
        reason === 'already-registered' ? 'conflict' : 'invalid-input',
        typeof body.message === 'string' ? body.message : `The relay answered ${response.status}.`,
        { reason, status: response.status },
      );
    }
    if (!schema) return undefined as v.InferOutput<T>;
    const parsed = v.safeParse(schema, data);
    if (!parsed.success) throw new KnipselError('invalid-input', 'The relay sent an answer Knipsel does not understand.', { reason: 'bad-answer' });
    return parsed.output as v.InferOutput<T>;
  }

  const tokens = (dossierId: string) => `/api/dossiers/${encodeURIComponent(dossierId)}/tokens`;
  return {
    async register(dossierId) {
      const headers: Record<string, string> = options.registrationKey ? { 'x-knipsel-registration-key': options.registrationKey } : {};
      const { ownerSecret } = await call('POST', '/api/dossiers', registeredSchema, { body: { dossierId }, headers });
      return { ownerSecret };
    },
    createToken: (dossierId, ownerSecret, role, label = '') => call('POST', tokens(dossierId), createdSchema, { secret: ownerSecret, body: { role, label } }),
    async listTokens(dossierId, ownerSecret) {
      return (await call('GET', tokens(dossierId), listSchema, { secret: ownerSecret })).tokens;
    },
    async revokeToken(dossierId, ownerSecret, tokenId) {
      await call('DELETE', `${tokens(dossierId)}/${encodeURIComponent(tokenId)}`, null, { secret: ownerSecret });
    },
    async unregister(dossierId, ownerSecret) {
      await call('DELETE', `/api/dossiers/${encodeURIComponent(dossierId)}`, null, { secret: ownerSecret });
    },
  };
}
