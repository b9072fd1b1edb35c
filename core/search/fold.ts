// Case- and diacritic-folding that keeps string length, so match offsets in folded text
// are offsets in the original ("ideeën" → "ideeen", "coöperatie" → "cooperatie").

const cache = new Map<string, string>();

function foldChar(char: string): string {
  let folded = cache.get(char);
  if (folded === undefined) {
    const stripped = char
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    folded = stripped.length === 1 ? stripped : char.toLowerCase().length === 1 ? char.toLowerCase() : char;
    cache.set(char, folded);
  }
  return folded;
}

/**
 * Characters from U+00C0 on, the only ones folding changes besides A–Z, less U+2002–U+20FF
 * (punctuation such as curly quotes, dashes and the ellipsis, and currency signs: folding keeps
 * them, and English texts are full of them).
 */
const beyondLatin1 = /[\u00c0-\u2001\u2100-\uffff]/g;
const anyBeyondLatin1 = /[\u00c0-\u2001\u2100-\uffff]/;

export function fold(text: string): string {
  // Most of a text is ASCII: one native lower-casing, then the characters from U+00C0 on each
  // folded alone (read from the text itself: lower-casing a Greek capital sigma depends on
  // what follows it). A per-character loop folding clip texts for snippets was a third of the
  // time of a search; a callback per run of capitals, still a fifth.
  const lower = text.toLowerCase();
  // "İ" lower-cases to two characters: then fold character by character.
  if (lower.length !== text.length) return text.replace(/[A-Z]+|[\u00c0-\uffff]/g, (run) => (run.charCodeAt(0) <= 0x5a ? run.toLowerCase() : foldChar(run)));
  // Checked first: replace() copies the text even when it finds nothing to replace.
  return anyBeyondLatin1.test(lower) ? lower.replace(beyondLatin1, (_char, at: number) => foldChar(text[at])) : lower;
}
