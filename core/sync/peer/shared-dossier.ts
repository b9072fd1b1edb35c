// A dossier's doc as a shared dossier: mark it shared, make a copy with its own identity
// (to share a copy, or to keep a private copy when leaving), and wait for a joiner's empty
// doc to receive the dossier from the first peer.
import * as Y from 'yjs';
import { localOrigin, roots } from '../../dossier/doc-layout.js';
import { idSchema, nameSchema, parse } from '../../dossier/schema.js';
import type { DossierKind } from '../../dossier/types.js';
import { KnipselError } from '../../errors.js';

/** Set the doc's kind to 'shared' (a no-op when it already is). */
export function markShared(doc: Y.Doc): void {
  const { meta } = roots(doc);
  if (meta.get('kind') !== 'shared') doc.transact(() => meta.set('kind', 'shared'), localOrigin);
}

/**
 * A full doc state whose meta names a new dossier (`id`, `kind`, optional `name`): clips,
 * notes and frameworks are kept, so the copy starts equal but never merges back into the
 * original (a replica opens a dossier by its id). The meta is overwritten after the old
 * values are integrated, so the new values win everywhere.
 */
export function copyDossierState(state: Uint8Array, options: { id: string; kind: DossierKind; name?: string }): Uint8Array {
  const id = parse(idSchema, options.id, 'dossier id');
  const name = options.name === undefined ? undefined : parse(nameSchema, options.name, 'dossier name');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch (error) {
    throw new KnipselError('invalid-input', 'This is not a readable dossier state.', { cause: String(error) });
  }
  const { meta } = roots(doc);
  if (typeof meta.get('id') !== 'string') throw new KnipselError('invalid-input', 'This state holds no dossier.');
  doc.transact(() => {
    meta.set('id', id);
    meta.set('kind', options.kind);
    if (name !== undefined) meta.set('name', name);
  }, localOrigin);
  const copy = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return copy;
}

/** The dossier id in the doc's meta, once a peer has sent it (else null). */
export function receivedDossierId(doc: Y.Doc): string | null {
  const meta = roots(doc).meta;
  const id = meta.get('id');
  return typeof id === 'string' && id.length > 0 && typeof meta.get('name') === 'string' ? id : null;
}

/**
 * Resolves with the dossier id when the doc (a joiner's empty one, fed by a peer session)
 * has received the dossier's meta. A joiner must wait for this before `createDossier(doc)`:
 * migrations on an empty doc would write defaults that race the real ones.
 */
export function waitForDossierMeta(doc: Y.Doc, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = receivedDossierId(doc);
    if (done) return resolve(done);
    const check = () => {
      const id = receivedDossierId(doc);
      if (!id) return;
      cleanup();
      resolve(id);
    };
    const abort = () => {
      cleanup();
      reject(new DOMException('Stopped waiting for the shared dossier.', 'AbortError'));
    };
    const cleanup = () => {
      doc.off('afterTransaction', check);
      signal?.removeEventListener('abort', abort);
    };
    if (signal?.aborted) return abort();
    doc.on('afterTransaction', check);
    signal?.addEventListener('abort', abort);
  });
}
