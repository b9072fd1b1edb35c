// The images a clip keeps, as blob: URLs made from this device's kept-file store (the reader
// shows nothing else; core's render sanitiser turns every other image into a placeholder).
import type { CaptureImage, BlobStore } from '@knipsel/core';

export interface ImageUrls {
  urls: Map<string, string>;
  /** Hashes this device does not have (kept on the device that clipped the page). */
  missing: string[];
  release(): void;
}

export async function keptImageUrls(files: BlobStore, images: CaptureImage[]): Promise<ImageUrls> {
  const urls = new Map<string, string>();
  const missing: string[] = [];
  for (const image of images) {
    if (urls.has(image.sha256)) continue;
    const kept = await files.get(image.sha256).catch(() => undefined);
    if (kept) urls.set(image.sha256, URL.createObjectURL(new Blob([kept.bytes as Uint8Array<ArrayBuffer>], { type: kept.type })));
    else missing.push(image.sha256);
  }
  return { urls, missing, release: () => urls.forEach((url) => URL.revokeObjectURL(url)) };
}
