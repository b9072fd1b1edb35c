// Relay invite links: `<app>#/relay/<base64url JSON>` holding the relay address, the dossier
// id and an invite token. The token lives only in the fragment (never sent to a server by
// the browser). The role is not in the link: the relay says which role a token has.
import * as v from 'valibot';
import { idSchema } from '../../dossier/schema.js';
import { KnipselError } from '../../errors.js';
import { base64urlToBytes, bytesToBase64url } from '../peer/invite.js';

export const relayLinkPrefix = '#/relay/';
const linkVersion = 1;

export interface RelayLink {
  /** ws(s):// address of the relay. */
  relayUrl: string;
  dossierId: string;
  token: string;
  /** Name shown before anything has synced. */
  dossierName: string;
  /** Open the portfolio (for an assessor) instead of the list. */
  view: 'portfolio' | 'list';
}

export const relayUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(500, 'address is too long'),
  v.check((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'ws:' || url.protocol === 'wss:') && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, 'address must start with wss:// (or ws://)'),
);

export const relayTokenSchema = v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9_-]{20,200}$/, 'token is not a relay token'));

const payloadSchema = v.strictObject({
  v: v.literal(linkVersion),
  r: relayUrlSchema,
  d: idSchema,
  t: relayTokenSchema,
  n: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  p: v.picklist(['portfolio', 'list']),
});

const invalid = (reason: string, message: string) => new KnipselError('invalid-input', message, { reason });

export function makeRelayLink(appUrl: string, link: RelayLink): string {
  const payload = v.safeParse(payloadSchema, { v: linkVersion, r: link.relayUrl, d: link.dossierId, t: link.token, n: link.dossierName, p: link.view });
  if (!payload.success) throw invalid('invalid-field', `Cannot make a relay link: ${payload.issues[0].message}.`);
  const base = new URL(appUrl);
  base.hash = '';
  const json = new TextEncoder().encode(JSON.stringify(payload.output));
  return `${base.href.replace(/#$/, '')}${relayLinkPrefix}${bytesToBase64url(json)}`;
}

/** Read a relay link (full URL or fragment). Throws KnipselError 'invalid-input' with `details.reason`. */
export function parseRelayLink(urlOrFragment: string): RelayLink {
  const text = String(urlOrFragment ?? '').trim();
  const at = text.indexOf(relayLinkPrefix);
  if (at === -1) throw invalid('not-a-relay-link', 'This is not a Knipsel relay link (no #/relay/ part).');
  const encoded = text.slice(at + relayLinkPrefix.length);
  if (encoded.length === 0 || encoded.length > 4096) throw invalid('damaged', 'The relay link is incomplete or too long.');
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64urlToBytes(encoded)));
  } catch {
    throw invalid('damaged', 'The relay link is damaged (was it cut off when copied?).');
  }
  const result = v.safeParse(payloadSchema, data);
  if (!result.success) throw invalid('invalid-field', `The relay link is damaged: ${result.issues[0].message}.`);
  const { r, d, t, n, p } = result.output;
  return { relayUrl: r, dossierId: d, token: t, dossierName: n, view: p };
}

/** The relay's HTTP base address (owners' API) for its ws(s):// address. */
export function relayHttpUrl(relayUrl: string): string {
  const url = new URL(relayUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.search = '';
  return url.href.replace(/\/$/, '');
}
