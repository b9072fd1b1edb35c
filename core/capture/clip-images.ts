// The images a clip keeps: fetched once when the page is clipped (by whoever has the page's
// permissions — the extension), within a budget, stored by SHA-256 in the blob store,
// and named in the clip's HTML by a reference that never resolves on the network
// (`https://knipsel.invalid/beeld/<sha256>`, a reserved domain). Readers resolve those to
// blob: URLs (render-html.ts) and fetch nothing else. String work only: the background of an
// MV3 extension has no DOMParser, and sanitised HTML is DOMPurify's serialisation, whose
// attributes are always double-quoted.
import type { Capture, CaptureImage } from '../dossier/types.js';

export const imageRefBase = 'https://knipsel.invalid/beeld/';

/** What one clip may keep: the rest shows as a placeholder linking to the image. */
export const imageBudget = {
  /** All images of one clip together. */
  perClipBytes: 5 * 1024 * 1024,
  /** One image. */
  perImageBytes: 1.5 * 1024 * 1024,
  /** Images looked at per clip (the first ones in the text). */
  maxImages: 40,
  /** Decoded size: width × height (a small file can decode to gigabytes). */
  maxPixels: 40_000_000,
} as const;

export type ImageBudget = typeof imageBudget;

export const imageRef = (sha256: string) => `${imageRefBase}${sha256}`;

/** The SHA-256 an image reference names, or null for any other address. */
export function hashOfImageRef(src: string): string | null {
  const match = /^https:\/\/knipsel\.invalid\/beeld\/([0-9a-f]{64})$/.exec(src.trim());
  return match ? match[1] : null;
}

const IMG_TAG = /<img\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const SRC_ATTR = /(\ssrc\s*=\s*)("([^"]*)"|'([^']*)')/i;

const decode = (value: string) =>
  value.replace(/&(amp|quot|#39|#x27|lt|gt);/g, (_, name: string) => ({ amp: '&', quot: '"', '#39': "'", '#x27': "'", lt: '<', gt: '>' })[name] ?? '');
const encode = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The http(s) sources of the `<img>` elements in sanitised HTML, each once, in order. */
export function imageSources(html: string): string[] {
  const seen = new Set<string>();
  for (const tag of html.match(IMG_TAG) ?? []) {
    const match = SRC_ATTR.exec(tag);
    const src = match ? decode(match[3] ?? match[4] ?? '').trim() : '';
    if (/^https?:/i.test(src) && !hashOfImageRef(src)) seen.add(src);
  }
  return [...seen];
}

/** Replace `<img>` sources: `replace(src)` returns the new address, or null to keep it. */
export function replaceImageSources(html: string, replace: (src: string) => string | null): string {
  return html.replace(IMG_TAG, (tag) =>
    tag.replace(SRC_ATTR, (whole, lead: string, _quoted: string, double?: string, single?: string) => {
      const next = replace(decode(double ?? single ?? '').trim());
      return next === null ? whole : `${lead}"${encode(next)}"`;
    }),
  );
}

/** The raster type the bytes start with (never SVG: it can carry script), or null. */
export function sniffImageType(bytes: Uint8Array): string | null {
  const at = (i: number, ...values: number[]) => values.every((value, k) => bytes[i + k] === value);
  const ascii = (i: number, text: string) => [...text].every((ch, k) => bytes[i + k] === ch.charCodeAt(0));
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(4, 'ftypavif') || ascii(4, 'ftypavis')) return 'image/avif';
  if (ascii(0, 'BM')) return 'image/bmp';
  return null;
}

export interface ImageKeeping {
  /** Fetch one image: bytes and the Content-Type, or null (failed, refused, too slow). Never throws. */
  fetch(url: string, maxBytes: number): Promise<{ bytes: Uint8Array; type: string } | null>;
  /** Store the bytes; resolves with their SHA-256. */
  put(bytes: Uint8Array, type: string): Promise<string>;
  /** Decoded width and height, or null when the bytes do not decode. Absent: not checked. */
  dimensions?(bytes: Uint8Array, type: string): Promise<{ width: number; height: number } | null>;
  budget?: ImageBudget;
  /** Fetches run this many at a time. */
  concurrency?: number;
}

export interface KeptImages {
  capture: Capture;
  /** Images left as they were (over budget, unreachable, not an image). */
  skipped: { url: string; reason: 'budget' | 'too-large' | 'failed' | 'not-image' | 'too-many-pixels' }[];
}

/**
 * Keep the images of a capture: each `<img>` of its HTML is fetched once, checked (an
 * image/* response whose bytes are a raster image, within the per-image size and pixel
 * limits, within what is left of the clip's budget, in the order of the text), stored, and
 * its `src` replaced by the reference to its hash. The rest keep their address (shown as a
 * placeholder that links there). Never throws; the capture is returned as is on no images.
 */
export async function keepClipImages(capture: Capture, keeping: ImageKeeping): Promise<KeptImages> {
  const budget = keeping.budget ?? imageBudget;
  const sources = imageSources(capture.html);
  const skipped: KeptImages['skipped'] = sources.slice(budget.maxImages).map((url) => ({ url, reason: 'budget' as const }));
  const wanted = sources.slice(0, budget.maxImages);
  if (wanted.length === 0) return { capture, skipped };
  const fetched = new Array<{ bytes: Uint8Array; type: string } | null>(wanted.length).fill(null);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < wanted.length; i = next++) {
      fetched[i] = await keeping.fetch(wanted[i], budget.perImageBytes).catch(() => null);
    }
  };
  await Promise.all(Array.from({ length: Math.min(keeping.concurrency ?? 4, wanted.length) }, worker));

  const kept = new Map<string, CaptureImage>();
  let used = 0;
  for (let i = 0; i < wanted.length; i++) {
    const url = wanted[i];
    const got = fetched[i];
    if (!got) {
      skipped.push({ url, reason: 'failed' });
      continue;
    }
    const type = sniffImageType(got.bytes);
    if (!type || !/^image\//i.test(got.type)) {
      skipped.push({ url, reason: 'not-image' });
      continue;
    }
    if (got.bytes.byteLength > budget.perImageBytes) {
      skipped.push({ url, reason: 'too-large' });
      continue;
    }
    if (used + got.bytes.byteLength > budget.perClipBytes) {
      skipped.push({ url, reason: 'budget' });
      continue;
    }
    if (keeping.dimensions) {
      const size = await keeping.dimensions(got.bytes, type).catch(() => null);
      if (!size || size.width * size.height > budget.maxPixels) {
        skipped.push({ url, reason: size ? 'too-many-pixels' : 'not-image' });
        continue;
      }
    }
    try {
      const sha256 = await keeping.put(got.bytes, type);
      // The same bytes under two addresses count once.
      if (![...kept.values()].some((image) => image.sha256 === sha256)) used += got.bytes.byteLength;
      kept.set(url, { sha256, size: got.bytes.byteLength, type, url });
    } catch {
      skipped.push({ url, reason: 'failed' });
    }
  }
  if (kept.size === 0) return { capture, skipped };
  const html = replaceImageSources(capture.html, (src) => {
    const image = kept.get(src);
    return image ? imageRef(image.sha256) : null;
  });
  const images: CaptureImage[] = [];
  for (const image of kept.values()) if (!images.some((known) => known.sha256 === image.sha256)) images.push(image);
  return { capture: { ...capture, html, images }, skipped };
}

/** The hashes of the images a capture keeps (for moving them with the clip). */
export function keptImageHashes(capture: Capture): string[] {
  return (capture.images ?? []).map((image) => image.sha256);
}
