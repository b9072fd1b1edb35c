// Absolute URLs and lazy images: resolves data-src / data-srcset / srcset / <noscript>
// fallbacks to a real `src`, and makes every link and image URL absolute.

const PLACEHOLDER = /^data:image\/(?:gif|png|svg\+xml)[;,]|placeholder|blank\.(?:gif|png)|spacer|pixel\.(?:gif|png)|lazy[-_]?load/i;
const LAZY_SRC_ATTRS = ['data-src', 'data-original', 'data-lazy-src', 'data-lazy', 'data-url', 'data-hi-res-src', 'data-full-src', 'data-orig-file'];
const LAZY_SRCSET_ATTRS = ['data-srcset', 'data-lazy-srcset'];

/** Resolve `value` against `base`; null for unparseable input. */
export function absoluteUrl(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return null;
  }
}

/** The widest candidate of a srcset ("a.jpg 320w, b.jpg 1024w" → b.jpg). */
export function bestSrcsetCandidate(srcset: string | null | undefined): string | null {
  if (!srcset) return null;
  let best: { url: string; size: number } | null = null;
  // Split on commas followed by whitespace, so commas inside URLs survive.
  for (const part of srcset.split(/,\s+/)) {
    const [url, descriptor = '1x'] = part.trim().split(/\s+/);
    if (!url) continue;
    const size = parseFloat(descriptor) * (descriptor.endsWith('x') ? 1000 : 1) || 1;
    if (!best || size > best.size) best = { url: url.replace(/,$/, ''), size };
  }
  return best?.url ?? null;
}

function isPlaceholder(src: string | null): boolean {
  return !src || !src.trim() || PLACEHOLDER.test(src);
}

/** Give lazy-loaded images their real source. Mutates `root` (pass a clone). */
export function resolveLazyImages(root: ParentNode): void {
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const src = img.getAttribute('src');
    if (!isPlaceholder(src)) continue;
    let real: string | null = null;
    for (const attr of LAZY_SRC_ATTRS) {
      const value = img.getAttribute(attr);
      if (value && !isPlaceholder(value)) {
        real = value;
        break;
      }
    }
    if (!real) {
      for (const attr of [...LAZY_SRCSET_ATTRS, 'srcset']) {
        const candidate = bestSrcsetCandidate(img.getAttribute(attr));
        if (candidate && !isPlaceholder(candidate)) {
          real = candidate;
          break;
        }
      }
    }
    if (!real) {
      const source = img.parentElement?.tagName === 'PICTURE' ? img.parentElement.querySelector('source[srcset], source[data-srcset]') : null;
      const candidate = bestSrcsetCandidate(source?.getAttribute('srcset') ?? source?.getAttribute('data-srcset'));
      if (candidate) real = candidate;
    }
    if (real) img.setAttribute('src', real);
  }
  // <noscript><img …></noscript> beside (or instead of) a placeholder image.
  for (const noscript of Array.from(root.querySelectorAll('noscript'))) {
    const markup = noscript.textContent ?? '';
    if (!/<img\b/i.test(markup)) continue;
    const holder = noscript.ownerDocument.createElement('div');
    holder.innerHTML = markup; // parsed in the clone's document; scripts in it never run
    const real = holder.querySelector('img');
    if (!real || holder.querySelectorAll('img').length !== 1 || (holder.textContent ?? '').trim()) continue;
    const realSrc = real.getAttribute('src');
    if (!realSrc) continue;
    const prev = noscript.previousElementSibling;
    const prevImg = prev?.tagName === 'IMG' ? prev : prev?.querySelectorAll('img').length === 1 ? prev.querySelector('img') : null;
    const image = noscript.ownerDocument.createElement('img');
    image.setAttribute('src', realSrc);
    const alt = real.getAttribute('alt') ?? prevImg?.getAttribute('alt');
    if (alt) image.setAttribute('alt', alt);
    if (prevImg && isPlaceholder(prevImg.getAttribute('src'))) {
      prevImg.replaceWith(image);
      noscript.remove();
    } else if (!prevImg) {
      noscript.replaceWith(image);
    }
  }
}

const URL_ATTRS: Array<[string, string]> = [
  ['a', 'href'],
  ['area', 'href'],
  ['img', 'src'],
  ['source', 'src'],
  ['video', 'src'],
  ['video', 'poster'],
  ['audio', 'src'],
  ['iframe', 'src'],
  ['embed', 'src'],
  ['object', 'data'],
  ['blockquote', 'cite'],
  ['q', 'cite'],
];

const URL_SELECTOR = URL_ATTRS.map(([tag, attr]) => `${tag}[${attr}]`).join(', ');
const URL_ATTRS_BY_TAG = new Map<string, string[]>();
for (const [tag, attr] of URL_ATTRS) URL_ATTRS_BY_TAG.set(tag, [...(URL_ATTRS_BY_TAG.get(tag) ?? []), attr]);

/** Make link, image and embed URLs absolute against `base`. Mutates `root` (pass a clone). */
export function absolutizeUrls(root: ParentNode, base: string): void {
  // One query for every element with a URL attribute (each rewritten on its own, so order is free).
  for (const el of Array.from(root.querySelectorAll(URL_SELECTOR))) {
    for (const attr of URL_ATTRS_BY_TAG.get(el.localName) ?? []) {
      const value = el.getAttribute(attr);
      if (value === null || value.startsWith('#') || /^(?:data|javascript|mailto|tel):/i.test(value.trim())) continue;
      const abs = absoluteUrl(value, base);
      if (abs) el.setAttribute(attr, abs);
      else el.removeAttribute(attr);
    }
  }
  for (const el of Array.from(root.querySelectorAll('img[srcset], source[srcset]'))) {
    const best = bestSrcsetCandidate(el.getAttribute('srcset'));
    el.removeAttribute('srcset');
    if (el.tagName === 'IMG' && best && !el.getAttribute('src')) {
      const abs = absoluteUrl(best, base);
      if (abs) el.setAttribute('src', abs);
    }
  }
}
