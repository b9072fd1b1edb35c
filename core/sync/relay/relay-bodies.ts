// A member's side of the relay's body API (server/relay/body-api.ts) over fetch: fetch the
// bodies this device lacks (any member, read-only ones too) and upload the bodies the relay
// lacks (members who may edit). Every body that arrives is checked against its hash before
// it is stored (body-wire.ts): a relay cannot substitute one body for another either.
// An upload the relay refuses loses nothing: the body stays on this device and is offered
// again later (`pending`) — one the relay's copy of the document does not name yet (409
// `not-named`, or listed `unnamed` by `missing`), or one past the dossier's quota (413
// `quota-exceeded`, which also rejects with a `conflict` error whose `details.reason` is
// 'relay-quota', so the app can tell the user).
import * as v from 'valibot';
import { KnipselError } from '../../errors.js';
import { toBase64 } from '../base64.js';
import { bodyType } from '../../storage/body-store.js';
import type { BlobStore } from '../../storage/blob-store.js';
import { checkArrivedBody, hashListSchema, maxAnswerBytes, maxHashesPerRequest, wireBodiesSchema, type WireBody } from '../peer/body-wire.js';
import { relayHttpUrl } from './relay-link.js';

const getAnswer = v.object({ bodies: wireBodiesSchema, more: hashListSchema });
const missingAnswer = v.object({ missing: hashListSchema, unnamed: v.optional(hashListSchema, []) });
const errorAnswer = v.object({ error: v.pipe(v.string(), v.maxLength(64)) });

export interface RelayUpload {
  /** Uploaded now. */
  uploaded: string[];
  /** Not on the relay and not uploaded now (refused for now, or the relay did not answer): offer again later. */
  pending: string[];
}

export interface RelayBodies {
  /** Fetch bodies from the relay; resolves with the hashes that arrived true and were stored. */
  fetch(hashes: string[]): Promise<string[]>;
  /** Upload the bodies among `hashes` that this device has and the relay lacks. */
  upload(hashes: string[]): Promise<RelayUpload>;
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

  /** The answer, or null (logged); `refused` hears the error code of a 4xx answer. */
  async function call<T extends v.GenericSchema>(action: string, body: unknown, schema: T, refused?: (code: string) => void): Promise<v.InferOutput<T> | null> {
    const response = await doFetch(`${base}/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      log(`relay: bodies/${action} answered ${response.status}`);
      const error = v.safeParse(errorAnswer, await response.json().catch(() => null));
      if (error.success && response.status < 500) refused?.(error.output.error);
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
      const unique = [...new Set(hashes)];
      const uploaded: string[] = [];
      const settled = new Set<string>();
      let full = false;
      const done = () => ({ uploaded, pending: unique.filter((hash) => !settled.has(hash)) });
      for (let i = 0; i < unique.length && !full; i += maxHashesPerRequest) {
        const asked = unique.slice(i, i + maxHashesPerRequest);
        const answer = await call('missing', { hashes: asked }, missingAnswer);
        if (!answer) return done();
        const lacking = new Set([...answer.missing, ...answer.unnamed]);
        for (const hash of asked) if (!lacking.has(hash)) settled.add(hash);
        let batch: WireBody[] = [];
        let bytes = 0;
        const send = async () => {
          if (batch.length === 0 || full) return;
          const sent = batch;
          batch = [];
          bytes = 0;
          const stored = await call('put', { bodies: sent }, v.object({ stored: hashListSchema }), (code) => (full ||= code === 'quota-exceeded'));
          if (!stored) return;
          for (const body of sent) settled.add(body.hash);
          uploaded.push(...sent.map((body) => body.hash));
        };
        for (const hash of answer.missing) {
          const blob = await blobs.get(hash).catch(() => undefined);
          // Not on this device (yet): nothing to offer; another member may upload it.
          if (!blob) {
            settled.add(hash);
            continue;
          }
          if (bytes + blob.bytes.length > maxAnswerBytes) await send();
          batch.push({ hash, data: toBase64(blob.bytes) });
          bytes += blob.bytes.length;
        }
        await send();
      }
      if (full) {
        throw new KnipselError('conflict', 'The relay keeps no more bodies for this dossier (its quota is reached); they stay on this device.', {
          reason: 'relay-quota',
          pending: done().pending.length,
          nl: 'De relay bewaart niet meer teksten voor dit dossier (de limiet is bereikt); ze blijven op dit apparaat.',
        });
      }
      return done();
    },
  };
}
