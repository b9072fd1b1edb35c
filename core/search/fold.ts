// Case- and diacritic-folding that keeps string length, so match offsets in folded text
// are offsets in the original ("ideeën" → "ideeen", "coöperatie" → "cooperatie").

const cache = new Map<string, string>();

function foldChar(char: string): string {
  let folded = cache.get(char);
  if (folded === undefined) {
    const stripped = char.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    folded = stripped.length === 1 ? stripped : char.toLowerCase().length === 1 ? char.toLowerCase() : char;
    cache.set(char, folded);
  }
  return folded;
}

export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x41) out += text[i];
    else if (code <= 0x5a) out += String.fromCharCode(code + 32);
    else if (code < 0xc0) out += text[i];
    else out += foldChar(text[i]);
  }
  return out;
}
