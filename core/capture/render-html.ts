// Clip HTML right before it is shown (the web app's reader, the extension's side panel):
// the capture policy of sanitize.ts again — the same allow-list and URL rules, so whatever a
// peer, backup, relay or the bridge stored is held to what capture would have kept — plus
// display rules: links leave the app (new tab, no opener, no referrer) and never point into
// it. Then the reader fetches nothing: an image the clip keeps (named by its hash,
// clip-images.ts) gets the blob: URL the caller made from the file store; any other image
// becomes a small placeholder — its alt text, a link to where it lives — and is never loaded.
// Blocks the user removed as noise (clip-blocks.ts) are left out.
import createDOMPurify from 'dompurify';
import { clipBlocks } from './clip-blocks.js';
import { hashOfImageRef } from './clip-images.js';
import { checkUrlAttributes, sanitizeConfig } from './sanitize.js';

/** Only links that leave for the web, mail or phone survive in shown clip HTML. */
const OUTSIDE_LINK = /^(?:https?:|mailto:|tel:)/i;

export interface RenderOptions {
  /** The blob: URL of a kept image by its SHA-256, or null/undefined when this device lacks it. */
  image?: (sha256: string) => string | null | undefined;
  /** Where a kept image was fetched from, by its SHA-256 (the placeholder links there). */
  imageSource?: (sha256: string) => string | null | undefined;
  /** Text of a placeholder for an image without alt text. */
  imageLabel?: string;
  /** Indices of blocks to leave out (Clip.removedBlocks). */
  removed?: ReadonlySet<number> | readonly number[];
}

export interface RenderSanitizer {
  /** Sanitised HTML, ready for `{@html}`: no address in it is loaded except blob:/data: images. */
  render(html: string, options?: RenderOptions): string;
  /** The same, block by block (each with its index and whether it was removed), for editing. */
  renderBlocks(html: string, options?: RenderOptions): { index: number; html: string; removed: boolean }[];
}

/**
 * A render sanitiser for one window. `appOrigin` is the origin of the page that shows the
 * clip: links to it (say `#/relay/…` or `https://app/#/join/…`) are neutralised, so clip
 * content can never steer the app. Returns null where DOMPurify cannot run.
 */
export function createRenderSanitizer(view: Window & typeof globalThis, appOrigin: string): RenderSanitizer | null {
  const purify = createDOMPurify(view);
  if (!purify.isSupported) return null;
  purify.setConfig({ ...sanitizeConfig });
  purify.addHook('afterSanitizeAttributes', (node) => {
    checkUrlAttributes(node);
    const el = node as Element;
    if (el.nodeType !== 1) return;
    if (el.hasAttribute('href')) {
      const href = (el.getAttribute('href') ?? '').trim();
      if (!OUTSIDE_LINK.test(href) || pointsInto(href, appOrigin)) {
        el.removeAttribute('href');
        el.removeAttribute('target');
        el.removeAttribute('rel');
      } else {
        el.setAttribute('target', '_blank');
        el.setAttribute('rel', 'noopener noreferrer');
      }
    }
    if (el.tagName === 'IMG') {
      el.setAttribute('referrerpolicy', 'no-referrer');
      if (!el.hasAttribute('alt')) el.setAttribute('alt', '');
    }
  });
  /** The sanitised content in an inert document (nothing in it loads), images resolved. */
  function prepare(html: string, options: RenderOptions): HTMLElement {
    const doc = new view.DOMParser().parseFromString(`<!doctype html><body>${String(purify.sanitize(html))}`, 'text/html');
    for (const img of Array.from(doc.body.querySelectorAll('img'))) resolveImage(img, options, appOrigin);
    return doc.body;
  }
  const removedSet = (options: RenderOptions) => new Set(options.removed ?? []);
  return {
    render(html: string, options: RenderOptions = {}): string {
      const body = prepare(html, options);
      const removed = removedSet(options);
      if (removed.size > 0) clipBlocks(body).forEach((block, index) => removed.has(index) && block.remove());
      return body.innerHTML;
    },
    renderBlocks(html: string, options: RenderOptions = {}) {
      const removed = removedSet(options);
      return clipBlocks(prepare(html, options)).map((block, index) => ({ index, html: block.outerHTML, removed: removed.has(index) }));
    },
  };
}

/** A kept image gets its blob: URL; every other image (not data:) becomes a placeholder. */
function resolveImage(img: HTMLImageElement, options: RenderOptions, appOrigin: string): void {
  const src = (img.getAttribute('src') ?? '').trim();
  if (/^data:image\//i.test(src)) return;
  const hash = hashOfImageRef(src);
  const local = hash ? options.image?.(hash) : null;
  if (local && /^blob:/.test(local)) {
    img.setAttribute('src', local);
    return;
  }
  const doc = img.ownerDocument;
  const target = hash ? (options.imageSource?.(hash) ?? null) : src;
  const label = (img.getAttribute('alt') ?? '').trim() || (img.getAttribute('title') ?? '').trim() || options.imageLabel || 'Image';
  const holder = doc.createElement(target && /^https?:/i.test(target) && !pointsInto(target, appOrigin) ? 'a' : 'span');
  holder.setAttribute('class', 'clip-image-placeholder');
  holder.setAttribute('data-image-placeholder', '');
  if (holder.tagName === 'A') {
    holder.setAttribute('href', target!);
    holder.setAttribute('target', '_blank');
    holder.setAttribute('rel', 'noopener noreferrer');
  }
  holder.textContent = label;
  img.replaceWith(holder);
}

function pointsInto(href: string, appOrigin: string): boolean {
  try {
    return new URL(href).origin === appOrigin;
  } catch {
    return true;
  }
}
