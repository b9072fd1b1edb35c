// Clip bodies read on demand: a dossier opens without them (the doc names each body by hash,
// the search index is stored), and what needs a body's text — the reader, an export, the
// search when it indexes a clip anew — reads it from the body store when it needs it.
import type { Dossier } from './dossier.js';
import type { Clip } from './types.js';
import { bodyHashes } from './body-migration.js';

/** The clip with its body brought into memory first (when this device has it). */
export async function clipWithBody(dossier: Dossier, clipId: string): Promise<Clip | undefined> {
  const clip = dossier.clips.get(clipId);
  if (!clip?.body || clip.body.here || !dossier.bodies) return clip;
  await dossier.bodies.load([clip.body.hash]);
  return dossier.clips.get(clipId);
}

/** Bring every body of the dossier this device has into memory (before a whole-dossier export); resolves with the hashes not here. */
export async function loadDossierBodies(dossier: Dossier): Promise<string[]> {
  return dossier.bodies ? dossier.bodies.load(bodyHashes(dossier.doc)) : [];
}

/**
 * The clip as a text source sees it: with its body read from the body store when it is not in
 * memory (the body is not kept in memory afterwards). Without the body here, the clip as it is.
 */
export async function readClipBody(dossier: Dossier, clip: Clip): Promise<Clip> {
  if (!clip.body || clip.body.here || !dossier.bodies) return clip;
  const body = await dossier.bodies.get(clip.body.hash);
  return body ? { ...clip, capture: { ...clip.capture, ...body } } : clip;
}
