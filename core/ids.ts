// Random, URL-safe ids for dossiers, clips, themes and highlights.

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

export function createId(length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}
