// "Nieuw sinds je laatst keek": what others wrote after the moment a member last looked
// (the app keeps that moment per member and dossier on the device).
import type { Comment } from './together-types.js';

export function newSince(comments: readonly Comment[], seenAt: number | null, selfId: string): Set<string> {
  const out = new Set<string>();
  for (const c of comments) if (c.author.id !== selfId && (seenAt === null || c.at > seenAt)) out.add(c.id);
  return out;
}
