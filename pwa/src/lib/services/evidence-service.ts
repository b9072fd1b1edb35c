// Evidence of one open dossier for the screens: add an own experience or feedback, change a
// clip's kind and card, attach photos and files (bytes to the blob store first), guided
// reflections bound answer by answer, and reflection guides. Every write is followed by a flush.
import {
  checkBlobSize,
  evidenceCapture,
  type BlobStore,
  type CardPatch,
  type EvidenceKind,
  type Guide,
  type GuideLocale,
  type OpenDossier,
  type OwnGuideInput,
} from '@knipsel/core';
import { persisting, type Persist } from './persist.js';
import { bindText, type NoteBinding } from './note-binding.js';

export interface EvidenceInput {
  kind: EvidenceKind;
  title: string;
  card: CardPatch;
  themes?: string[];
  lang?: string;
}

export function createEvidenceService(open: OpenDossier, blobs: BlobStore, persist: Persist, now: () => number = Date.now) {
  const { dossier } = open;
  const write = persisting(persist);
  const ops = dossier.evidence;
  return {
    /** A piece of evidence with no source page: an own experience or feedback. */
    add(input: EvidenceInput): string {
      const capture = evidenceCapture({ title: input.title, capturedAt: now(), lang: input.lang });
      return write(() => dossier.clips.add({ capture, title: capture.title, kind: input.kind, card: input.card, themes: input.themes }));
    },
    setKind: (clipId: string, kind: EvidenceKind) => write(() => ops.setKind([clipId], kind)),
    updateCard: (clipId: string, patch: CardPatch) => write(() => ops.updateCard(clipId, patch)),

    /** Store a picked file (refused above the limit before it is read) and attach it. */
    async attach(clipId: string, file: File): Promise<string> {
      checkBlobSize(file.size);
      const hash = await blobs.put(new Uint8Array(await file.arrayBuffer()), file.type);
      return write(() => ops.addAttachment(clipId, { hash, name: file.name || 'bestand', type: file.type || 'application/octet-stream', size: file.size }));
    },
    removeAttachment: (clipId: string, attachmentId: string) => write(() => ops.removeAttachment(clipId, attachmentId)),
    /** An object URL for an attachment's bytes (revoke it when done), or null when they are not on this device. */
    async attachmentUrl(hash: string, type: string): Promise<string | null> {
      const blob = await blobs.get(hash);
      return blob ? URL.createObjectURL(new Blob([blob.bytes as Uint8Array<ArrayBuffer>], { type: blob.type || type })) : null;
    },

    startReflection: (clipId: string, guide: Guide) => write(() => ops.startReflection(clipId, { guideId: guide.id, guideName: guide.name, prompts: guide.prompts })),
    removeReflection: (clipId: string, reflectionId: string) => write(() => ops.removeReflection(clipId, reflectionId)),
    bindAnswer(clipId: string, reflectionId: string, promptId: string): NoteBinding {
      return bindText(ops.answerText(clipId, reflectionId, promptId), (value) => ops.setAnswer(clipId, reflectionId, promptId, value), persist);
    },

    guides: (locale: GuideLocale): Guide[] => dossier.guides.list(locale),
    addGuide: (input: OwnGuideInput) => write(() => dossier.guides.add(input)),
    removeGuide: (id: string) => write(() => dossier.guides.remove(id)),
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
