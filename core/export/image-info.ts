// The kind and pixel size of a photo from its first bytes (PNG, JPEG, GIF, WebP), so exports
// embed only real images, with their own type, and a .docx can size them. Pure.

export interface ImageInfo {
  type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  width: number;
  height: number;
}

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ok = (info: ImageInfo) => (info.width > 0 && info.height > 0 && info.width < 100_000 && info.height < 100_000 ? info : null);
  try {
    if (bytes.length >= 24 && bytes[0] === 0x89 && ascii(bytes, 1, 4) === 'PNG' && ascii(bytes, 12, 16) === 'IHDR') {
      return ok({ type: 'image/png', width: view.getUint32(16), height: view.getUint32(20) });
    }
    if (bytes.length >= 10 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) {
      return ok({ type: 'image/gif', width: view.getUint16(6, true), height: view.getUint16(8, true) });
    }
    if (bytes.length >= 30 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
      const chunk = ascii(bytes, 12, 16);
      if (chunk === 'VP8X') return ok({ type: 'image/webp', width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(27, true) & 0xffffff) });
      if (chunk === 'VP8 ') return ok({ type: 'image/webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff });
      if (chunk === 'VP8L') {
        const bits = view.getUint32(21, true);
        return ok({ type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 });
      }
      return null;
    }
    if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
      // Walk the JPEG segments to a start-of-frame marker.
      let at = 2;
      while (at + 9 < bytes.length) {
        if (bytes[at] !== 0xff) return null;
        const marker = bytes[at + 1]!;
        if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
          at += 2;
          continue;
        }
        const length = view.getUint16(at + 2);
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          return ok({ type: 'image/jpeg', width: view.getUint16(at + 7), height: view.getUint16(at + 5) });
        }
        if (length < 2) return null;
        at += 2 + length;
      }
    }
  } catch {
    return null;
  }
  return null;
}
