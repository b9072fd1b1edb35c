// The images of a page being clipped, fetched once by the background (which has the page's
// host access: activeTab for the page's own origin, or the optional all-sites permission;
// elsewhere a CDN without CORS headers refuses and the image stays a placeholder) and kept in
// the extension's kept-file store by hash (core/capture/clip-images.ts decides what fits).
// No cookies go with these requests; the browser's cache answers where it can.
import type { Capture, BlobStore } from '@knipsel/core';
import { keepClipImages, type ImageKeeping } from '@knipsel/core/capture';

/** One image may take this long; all images of one clip together this long. */
const perImageMs = 5_000;
const perClipMs = 10_000;

async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array | null> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    if (signal.aborted) return null;
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    total += value.byteLength;
    // Over the limit: enough bytes to say so, without reading the rest.
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) (out.set(part, at), (at += part.byteLength));
  return out;
}

function imageFetcher(deadline: number): ImageKeeping['fetch'] {
  return async (url, maxBytes) => {
    const left = Math.min(perImageMs, deadline - Date.now());
    if (left <= 0 || !/^https?:/i.test(url)) return null;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), left);
    try {
      const response = await fetch(url, { credentials: 'omit', cache: 'force-cache', referrerPolicy: 'no-referrer', signal: controller.signal });
      const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (!response.ok || !type.startsWith('image/')) return null;
      if (Number(response.headers.get('content-length') ?? 0) > maxBytes) return { bytes: new Uint8Array(maxBytes + 1), type };
      const bytes = await readCapped(response, maxBytes, controller.signal);
      return bytes ? { bytes, type } : null;
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  };
}

async function dimensions(bytes: Uint8Array, type: string): Promise<{ width: number; height: number } | null> {
  if (typeof createImageBitmap !== 'function') return null;
  try {
    const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return null;
  }
}

/** The capture with the images that fit kept and named by hash (as it was when none did). */
export async function keepImages(capture: Capture, files: BlobStore): Promise<Capture> {
  if (capture.mode === 'pdf' || capture.mode === 'bookmark' || capture.mode === 'note') return capture;
  const kept = await keepClipImages(capture, { fetch: imageFetcher(Date.now() + perClipMs), put: (bytes, type) => files.put(bytes, type), dimensions });
  return kept.capture;
}
