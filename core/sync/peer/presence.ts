// Presence in a shared dossier: the one shape of awareness state peers broadcast (name,
// colour, what they look at — nothing more) and its check for states that arrive.
import * as v from 'valibot';
import { KnipselError } from '../../errors.js';

const viewSchema = v.strictObject({
  /** Which screen: 'library', 'clip', 'board', 'settings', … (free, short, kebab-case). */
  screen: v.pipe(v.string(), v.minLength(1), v.maxLength(40), v.regex(/^[a-z][a-z0-9-]*$/)),
  /** The clip being looked at, when there is one. */
  clipId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128), v.regex(/^[\w:./-]+$/))),
});

export const presenceSchema = v.strictObject({
  /** Display name, as the user typed it on the join screen. */
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'name is empty'), v.maxLength(60, 'name is longer than 60 characters')),
  /** Colour of the peer's marker, `#rrggbb`. */
  colour: v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb')),
  view: viewSchema,
});

export type Presence = v.InferOutput<typeof presenceSchema>;
export type PresenceView = Presence['view'];

/** A remote peer as the presence UI sees it. */
export interface PeerPresence extends Presence {
  /** The peer's awareness client id; stable while it stays connected. */
  clientId: number;
}

/** The checked presence, or null when `state` is not exactly a valid presence. Never throws. */
export function checkPresence(state: unknown): Presence | null {
  const result = v.safeParse(presenceSchema, state);
  return result.success ? result.output : null;
}

/** Check our own presence before broadcasting it; only the schema's fields are kept. */
export function parsePresence(state: unknown): Presence {
  const result = v.safeParse(presenceSchema, state);
  if (!result.success) {
    throw new KnipselError('invalid-input', `Invalid presence: ${result.issues[0].message}.`, { reason: 'invalid-presence' });
  }
  return result.output;
}

/** Other clients' presence in an awareness, only states that match the schema, by name. */
export function readPeerPresence(awareness: { clientID: number; getStates(): Map<number, unknown> }): PeerPresence[] {
  const peers: PeerPresence[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const checked = checkPresence(state);
    if (checked) peers.push({ clientId, ...checked });
  }
  return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/**
 * Who is in the dossier, from every channel at once (peers, relay): one entry per member
 * (same name and colour: the same person reached twice), the one that looks at something in
 * the dossier first. Someone looking at an invitation has not joined and is left out.
 */
export function presentMembers(...lists: PeerPresence[][]): PeerPresence[] {
  const byMember = new Map<string, PeerPresence>();
  for (const peer of lists.flat()) {
    if (peer.view.screen === 'join') continue;
    const key = `${peer.name}\n${peer.colour.toLowerCase()}`;
    const known = byMember.get(key);
    if (!known || (known.view.screen === 'elsewhere' && peer.view.screen !== 'elsewhere')) byMember.set(key, peer);
  }
  return [...byMember.values()].sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}
