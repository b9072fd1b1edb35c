// Reads Omnivore's own export: a zip of `metadata_<from>_to_<to>.json` files, each an array of
// { title, url, description, labels: string[] | {name}[], savedAt (ISO), state, … }.
// The web app unzips and passes each JSON file here (or the user picks one JSON file).
import { createCollector, parseDate, type ParsedImport } from './bookmarks.js';

export function looksLikeOmnivoreJson(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => item !== null && typeof item === 'object' && typeof (item as { url?: unknown }).url === 'string');
}

export function parseOmnivoreJson(items: Record<string, unknown>[]): ParsedImport {
  const collector = createCollector('omnivore-json');
  items.forEach((item, i) => {
    const str = (key: string) => (typeof item[key] === 'string' ? (item[key] as string) : '');
    const labels = Array.isArray(item.labels)
      ? item.labels.map((l) => (typeof l === 'string' ? l : typeof (l as { name?: unknown })?.name === 'string' ? (l as { name: string }).name : '')).filter(Boolean)
      : [];
    collector.add(i + 1, {
      url: str('url') || str('originalUrl'),
      title: str('title'),
      description: str('description') || null,
      tags: labels,
      addedAt: parseDate(str('savedAt') || str('createdAt')),
    });
  });
  return collector.result();
}
