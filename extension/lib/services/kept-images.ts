// The images a clip keeps, read from the extension's kept-file store (the one the background
// writes when it clips) as blob: URLs for an extension page; `release` revokes them.
import { createDexieBlobStore, type CaptureImage, type BlobStore } from '@knipsel/core';

let store: BlobStore | null = null;

export async function keptImageUrls(images: CaptureImage[]): Promise<{ urls: Map<string, string>; release: () => void }> {
  store ??= createDexieBlobStore('knipsel');
  const urls = new Map<string, string>();
  for (const image of images) {
    const kept = await store.get(image.sha256).catch(() => undefined);
    if (kept) urls.set(image.sha256, URL.createObjectURL(new Blob([kept.bytes as Uint8Array<ArrayBuffer>], { type: kept.type })));
  }
  return { urls, release: () => urls.forEach((url) => URL.revokeObjectURL(url)) };
}
