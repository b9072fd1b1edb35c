// Safe, readable file and folder names from Dutch titles: diacritics folded, lower case,
// only [a-z0-9-], bounded length, and made unique within one export.

/** "Café in de wijk: één idee!" → "cafe-in-de-wijk-een-idee". Empty input gives `fallback`. */
export function slugify(text: string, maxLength = 60, fallback = 'zonder-titel'): string {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/gi, 'ae')
    .replace(/ø/gi, 'o')
    .replace(/ĳ/gi, 'ij')
    .toLowerCase()
    .replace(/&/g, ' en ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let slug = folded.slice(0, maxLength);
  if (slug.length < folded.length) {
    const cut = slug.lastIndexOf('-');
    if (cut > maxLength * 0.5) slug = slug.slice(0, cut);
  }
  slug = slug.replace(/-+$/g, '');
  return slug || fallback;
}

/** Hands out names that are unique (case-insensitively) by appending -2, -3, … */
export function createUniqueNamer() {
  const taken = new Set<string>();
  return (base: string, extension = ''): string => {
    let name = `${base}${extension}`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}${extension}`;
    taken.add(name.toLowerCase());
    return name;
  };
}
