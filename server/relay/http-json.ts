// JSON over plain HTTP for the relay's APIs (the owners' API and the members' body API): an
// error with a status and a code, reading a size-limited JSON body, checking it with valibot,
// and answering with JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { createTokenBucket, type TokenBucket } from '../rate-limit.js';
import type { ClientAddressOf } from './client-address.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** CORS for a web app on another origin (no cookies: a bearer secret is the only credential). */
export function setCors(res: ServerResponse, allowOrigin = '*'): void {
  res.setHeader('Access-Control-Allow-Origin', allowOrigin);
  res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, x-knipsel-registration-key');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  res.setHeader('Access-Control-Max-Age', '600');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The request's JSON body; 415 when it is not JSON, 413 past `maxBody` bytes, 400 when it does not parse. */
export async function readJson(req: IncomingMessage, maxBody: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported-media-type', 'Send JSON (Content-Type: application/json).');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBody) throw new HttpError(413, 'too-large', `Request body over ${maxBody} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw new HttpError(413, 'too-large', `Request body over ${maxBody} bytes.`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid-json', 'The body is not valid JSON.');
  }
}

/** The input checked against `schema`, or a 400 naming what is wrong. */
export function parseInput<T extends v.GenericSchema>(schema: T, input: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new HttpError(400, 'invalid-input', result.issues.map((issue) => issue.message).join('; '));
  return result.output;
}

/** Answer an error thrown while handling: its own status for an HttpError, else 503 (the database is away; nothing changed). */
export function sendError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) {
    sendJson(res, error.status, { error: error.code, message: error.message });
  } else {
    res.setHeader('Retry-After', '5');
    sendJson(res, 503, { error: 'unavailable', message: 'The relay cannot reach its database; try again shortly.' });
  }
  // Stop reading an oversized body.
  if (!req.complete) req.destroy();
}

/**
 * What every API request passes: CORS (a preflight is answered here), a rate limit per client
 * address (token bucket, refilled at `ratePerSecond`, burst `burst`), and errors turned into
 * answers (`sendError`).
 */
export function createApiDoor(options: { addressOf: ClientAddressOf; allowOrigin?: string; ratePerSecond: number; burst: number; onRateLimited?: () => void }) {
  const buckets = new Map<string, TokenBucket>();
  const sweep = setInterval(() => buckets.clear(), 60_000);
  sweep.unref();
  return {
    async serve(req: IncomingMessage, res: ServerResponse, work: () => Promise<void>): Promise<void> {
      setCors(res, options.allowOrigin);
      if (req.method === 'OPTIONS') {
        res.writeHead(204);
        res.end();
        return;
      }
      const client = options.addressOf(req);
      let bucket = buckets.get(client);
      if (!bucket) buckets.set(client, (bucket = createTokenBucket({ ratePerSecond: options.ratePerSecond, burst: options.burst })));
      try {
        if (!bucket.tryTake()) {
          options.onRateLimited?.();
          throw new HttpError(429, 'rate-limited', 'Too many requests; try again shortly.');
        }
        await work();
      } catch (error) {
        sendError(req, res, error);
      }
    },
    close() {
      clearInterval(sweep);
    },
  };
}
