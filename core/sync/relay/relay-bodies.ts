// A member's side of the relay's body API (server/relay/body-api.ts) over fetch: fetch the
// bodies this device lacks (any member, read-only ones too) and upload the bodies the relay
// lacks (members who may edit). Every body that arrives is checked against its hash before
// it is stored (body-wire.ts): a relay cannot substitute one body for another either.
import * as v from 'valibot';
import { toBase64 } from '../base64.js';
import { bodyType } from '../../storage/body-store.js';
import type { BlobStore } from '../../storage/blob-store.js';
import { checkArrivedBody, hashListSchema, maxAnswerBytes, maxHashesPerRequest, wireBodiesSchema, type WireBody } from '../peer/body-wire.js';
import { relayHttpUrl } from './relay-link.js';

const getAnswer = v.object({ bodies: wireBodiesSchema, more: hashListSchema });
const missingAnswer = v.object({ missing: hashListSchema });

export interface RelayBodies {
  /** Fetch bodies from the relay; resolves with the hashes that arrived true and were stored. */
  fetch(hashes: string[]): Promise<string[]>;
  /** Upload the bodies among `hashes` that this device has and the relay lacks; resolves with the hashes uploaded. */
  upload(hashes: string[]): Promise<string[]>;
}

export interface RelayBodiesOptions {
  /** ws(s):// address of the relay. */
  url: string;
  dossierId: string;
  token: string;
  /** The body store's blobs. */
  blobs: BlobStore;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export function createRelayBodies(options: RelayBodiesOptions): RelayBodies {
  const base = `${relayHttpUrl(options.url)}/api/dossiers/${encodeURIComponent(options.dossierId)}/bodies`;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const log = options.log ?? (() => undefined);
  const { blobs } = options;

  async function call<T extends v.GenericSchema>(action: string, body: unknown, schema: T): Promise<v.InferOutput<T> | null> {
    const response = await doFetch(`${base}/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      log(`relay: bodies/${action} answered ${response.status}`);
      return null;
    }
    const parsed = v.safeParse(schema, await response.json().catch(() => null));
    if (!parsed.success) log(`relay: bodies/${action} answered something else than expected`);
    return parsed.success ? parsed.output : null;
  }

  return {
    async fetch(hashes) {
      const stored: string[] = [];
      const unique = [...new Set(hashes)];
      for (let i = 0; i < unique.length; i += maxHashesPerRequest) {
        let asked = unique.slice(i, i + maxHashesPerRequest);
        while (asked.length > 0) {
          const answer = await call('get', { hashes: asked }, getAnswer);
          if (!answer) return stored;
          const wanted = new Set(asked);
          for (const body of answer.bodies) {
            if (!wanted.has(body.hash)) continue;
            const bytes = await checkArrivedBody(body);
            if (!bytes) {
              log('relay: refused a body whose bytes do not match its hash');
              continue;
            }
            await blobs.put(bytes, bodyType, body.hash);
            stored.push(body.hash);
          }
          // Kept by the relay but past one answer's size: asked for again (never more than was asked).
          const more = answer.bodies.length === 0 ? [] : answer.more.filter((hash) => wanted.has(hash));
          asked = more.length < asked.length ? more : [];
        }
      }
      return stored;
    },
    async upload(hashes) {
      const uploaded: string[] = [];
      const unique = [...new Set(hashes)];
      for (let i = 0; i < unique.length; i += maxHashesPerRequest) {
        const answer = await call('missing', { hashes: unique.slice(i, i + maxHashesPerRequest) }, missingAnswer);
        if (!answer) return uploaded;
        let batch: WireBody[] = [];
        let bytes = 0;
        const send = async () => {
          if (batch.length > 0 && (await call('put', { bodies: batch }, v.object({ stored: hashListSchema })))) uploaded.push(...batch.map((body) => body.hash));
          batch = [];
          bytes = 0;
        };
        for (const hash of answer.missing) {
          const blob = await blobs.get(hash).catch(() => undefined);
          if (!blob) continue;
          if (bytes + blob.bytes.length > maxAnswerBytes) await send();
          batch.push({ hash, data: toBase64(blob.bytes) });
          bytes += blob.bytes.length;
        }
        await send();
      }
      return uploaded;
    },
  };
}
