// The PDF host page: fetches a PDF the user clips, reads it in a worker (lib/pdf/pdf-worker.ts)
// and keeps the file in the extension's file store when the user wants it. Chrome opens it as
// an offscreen document (its background service worker cannot start workers); Firefox's
// background page holds it in an iframe. Answers only the background's messages.
import { browser } from 'wxt/browser';
import * as v from 'valibot';
import { createDexieBlobStore, maxBlobBytes } from '@knipsel/core';
import { PdfReadError, runPdfTask } from '@knipsel/core/capture';
import { fileNameOf, maxReadPdfBytes, pdfHostRequest, type PdfHostReply } from '../../lib/pdf/pdf-host-protocol.js';

const files = createDexieBlobStore('knipsel');
/** The last files read, by hash, so keeping one needs no second download. */
const recent = new Map<string, Uint8Array>();

const failure = (reason: Extract<PdfHostReply, { ok: false }>['reason'], message: string): PdfHostReply => ({ ok: false, reason, message });

async function download(url: string): Promise<Uint8Array | PdfHostReply> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include' });
  } catch (error) {
    return failure('fetch-failed', String(error));
  }
  if (!response.ok) return failure('fetch-failed', `HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxReadPdfBytes) return failure('too-large', `${declared} bytes`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxReadPdfBytes) return failure('too-large', `${bytes.byteLength} bytes`);
  if (!new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-')) return failure('not-pdf', 'no PDF header');
  return bytes;
}

async function read(url: string): Promise<PdfHostReply> {
  const bytes = await download(url);
  if (!(bytes instanceof Uint8Array)) return bytes;
  try {
    const start = () => new Worker(new URL('../../lib/pdf/pdf-worker.ts', import.meta.url), { type: 'module', name: 'knipsel-pdf' });
    const done = await runPdfTask(start, { bytes: bytes.slice(), url, fileName: fileNameOf(url), now: Date.now() });
    recent.set(done.sha256, bytes);
    while (recent.size > 3) recent.delete(recent.keys().next().value!);
    return { ok: true, read: { ...done, name: fileNameOf(url) } };
  } catch (error) {
    return failure(error instanceof PdfReadError && error.reason === 'too-slow' ? 'too-slow' : 'failed', String(error));
  }
}

async function keep(sha256: string, url: string): Promise<PdfHostReply> {
  let bytes = recent.get(sha256);
  if (!bytes) {
    // This page was closed since the file was read: fetch it again, it must be the same file.
    const again = await download(url);
    if (!(again instanceof Uint8Array)) return again;
    bytes = again;
  }
  if (bytes.byteLength > maxBlobBytes) return failure('too-large', `${bytes.byteLength} bytes`);
  try {
    const stored = await files.put(bytes, 'application/pdf');
    if (stored !== sha256) return failure('gone', 'the file at this address changed since it was read');
    return { ok: true, kept: true };
  } catch (error) {
    return failure('failed', String(error));
  }
}

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const parsed = v.safeParse(pdfHostRequest, message);
  // Only the background (no tab) of this very extension talks to this page.
  if (!parsed.success || sender.id !== browser.runtime.id || sender.tab) return undefined;
  const request = parsed.output;
  const work = request.type === 'read' ? read(request.url) : request.type === 'keep' ? keep(request.sha256, request.url) : Promise.resolve<PdfHostReply>({ ok: true });
  void work.then(sendResponse);
  return true;
});
