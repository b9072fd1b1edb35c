// Things shared to the installed app from a phone (Web Share Target): the service worker
// (public/share-target-sw.js) puts each POST in the share inbox as it came; here the app
// checks an entry (valibot: it crossed a boundary) and turns it into a clip at once, offline
// too. A page becomes a link with the shared text, marked "to complete" (the extension on a
// desktop fills in the page's text later); photos become attachments (bytes in the blob
// store) of a piece of own practice, with the shared text as the note; text alone becomes a
// note-clip.
import * as v from 'valibot';
import {
  countTypedWords,
  normalizeUrl,
  noteCapture,
  noteClipUrl,
  siteNameOf,
  textToHtml,
  type AttachmentInput,
  type BlobStore,
  type Capture,
  type CardPatch,
  type EvidenceKind,
  type OpenDossier,
} from '@knipsel/core';

const inboxName = 'knipsel-share-inbox';

const entrySchema = v.object({
  id: v.pipe(v.string(), v.maxLength(64)),
  at: v.pipe(v.number(), v.integer(), v.minValue(0)),
  title: v.pipe(v.string(), v.maxLength(20_000)),
  text: v.pipe(v.string(), v.maxLength(20_000)),
  url: v.pipe(v.string(), v.maxLength(20_000)),
  photos: v.pipe(v.array(v.object({ name: v.pipe(v.string(), v.maxLength(200)), type: v.pipe(v.string(), v.maxLength(100)), bytes: v.instance(Uint8Array) })), v.maxLength(10)),
});
export type SharedEntry = v.InferOutput<typeof entrySchema>;

function openInbox(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(inboxName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('shares', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openInbox().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const request = work(db.transaction('shares', mode).objectStore('shares'));
        request.onsuccess = () => (db.close(), resolve(request.result));
        request.onerror = () => (db.close(), reject(request.error));
      }),
  );
}

/** Valid entries waiting in the inbox, oldest first; entries that fail the check are dropped. */
export async function readInbox(): Promise<SharedEntry[]> {
  const raw = await run<unknown[]>('readonly', (store) => store.getAll());
  const entries: SharedEntry[] = [];
  for (const item of raw) {
    const parsed = v.safeParse(entrySchema, item);
    if (parsed.success) entries.push(parsed.output);
    else if (typeof (item as { id?: unknown })?.id === 'string') await removeFromInbox((item as { id: string }).id);
  }
  return entries.sort((a, b) => a.at - b.at);
}

export async function removeFromInbox(id: string): Promise<void> {
  await run('readwrite', (store) => store.delete(id));
}

const urlPattern = /https?:\/\/[^\s<>"']+/i;

/** The local calendar day of a time, as YYYY-MM-DD. */
const localDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** What a share becomes: the capture, the note, its kind, and whether it waits for its page's text. */
export function sharedClip(
  entry: Pick<SharedEntry, 'title' | 'text' | 'url'>,
  photos: number,
  now: number,
  labels: { photo: (date: string) => string; date: (ms: number) => string },
): { capture: Capture; note: string; kind: EvidenceKind; card?: CardPatch; toComplete: boolean } | null {
  // Browsers on phones often put the address in the text instead of the url field.
  const inText = entry.text.match(urlPattern)?.[0] ?? null;
  const url = normalizeUrl(entry.url) ?? (inText ? normalizeUrl(inText) : null);
  const text = (inText ? entry.text.replace(inText, '') : entry.text).replace(/\s+\n/g, '\n').trim();
  const title = entry.title.replace(/\s+/g, ' ').trim();
  if (url) {
    const capture: Capture = {
      url,
      canonicalUrl: url,
      title: (title || siteNameOf(url)).slice(0, 2000),
      byline: null,
      siteName: siteNameOf(url),
      published: null,
      lang: null,
      description: null,
      image: null,
      html: text ? textToHtml(text) : '',
      markdown: text,
      text,
      wordCount: countTypedWords(text),
      capturedAt: now,
      mode: 'bookmark',
    };
    return { capture, note: '', kind: 'praktijkvoorbeeld', toComplete: true };
  }
  if (photos > 0) {
    const capture: Capture = {
      url: noteClipUrl,
      canonicalUrl: noteClipUrl,
      title: (title || labels.photo(labels.date(now))).slice(0, 2000),
      byline: null,
      siteName: null,
      published: null,
      lang: 'nl',
      description: null,
      image: null,
      html: '',
      markdown: '',
      text: '',
      wordCount: 0,
      capturedAt: now,
      mode: 'note',
    };
    // The day it was shared is the day of the situation, until the user says otherwise.
    return { capture, note: text, kind: 'eigen-praktijk', card: { date: localDay(now) }, toComplete: false };
  }
  if (!text && !title) return null;
  return { capture: noteCapture({ text: text || title, title: title || undefined, capturedAt: now }), note: '', kind: 'praktijkvoorbeeld', toComplete: false };
}

/**
 * Turn every entry in the inbox into a clip of `open`'s dossier (photos into `blobs` first,
 * then attached), each stored before it leaves the inbox. Returns the new clip ids.
 */
export async function receiveShares(open: OpenDossier, blobs: BlobStore, labels: Parameters<typeof sharedClip>[3], now = Date.now): Promise<string[]> {
  const made: string[] = [];
  for (const entry of await readInbox()) {
    const kept: AttachmentInput[] = [];
    for (const photo of entry.photos) {
      const type = /^image\/[\w.+-]+$/.test(photo.type) ? photo.type : 'image/jpeg';
      const hash = await blobs.put(photo.bytes, type);
      kept.push({ hash, size: photo.bytes.byteLength, name: photo.name || 'foto.jpg', type });
    }
    const clip = sharedClip(entry, kept.length, now(), labels);
    if (clip) {
      const { dossier } = open;
      const id = dossier.clips.add({ capture: clip.capture, note: clip.note || undefined, kind: clip.kind, card: clip.card, toComplete: clip.toComplete });
      for (const attachment of kept) dossier.evidence.addAttachment(id, attachment);
      made.push(id);
      await open.flush();
    }
    await removeFromInbox(entry.id);
  }
  return made;
}
