// DOMPurify with Knipsel's explicit allow-list: structure, text, links, images, tables and
// figures only. Embeds become links; no script, handlers, styles, forms, svg or MathML.
import createDOMPurify from 'dompurify';
import type { Config } from 'dompurify';

/** Tags that survive. Everything else is removed (its text kept, except for FORBID_CONTENTS). */
export const allowedTags = [
  'a',
  'abbr',
  'article',
  'aside',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'main',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
];
/** Attributes that survive (on any allowed tag). No style, class, id, on*, srcset or data-*. */
export const allowedAttributes = [
  'href',
  'src',
  'alt',
  'title',
  'width',
  'height',
  'colspan',
  'rowspan',
  'headers',
  'scope',
  'datetime',
  'cite',
  'lang',
  'dir',
  'start',
  'reversed',
  'type',
  'open',
  'target',
];
/** Elements whose content is dropped along with them. */
const forbiddenContents = [
  'script',
  'style',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'title',
  'head',
  'select',
  'textarea',
  'button',
  'form',
  'xmp',
  'plaintext',
];

const SAFE_LINK = /^(?:https?:|mailto:|tel:|#)/i;
const SAFE_IMAGE = /^(?:https?:|data:image\/(?:png|jpe?g|gif|webp|avif|bmp);)/i;
/** A `cite` attribute only ever names a source page. */
const SAFE_CITE = /^https?:/i;

/** The one policy: capture and rendering share it (render-html.ts adds display-only rules). */
export const sanitizeConfig: Readonly<Config> = {
  ALLOWED_TAGS: allowedTags,
  ALLOWED_ATTR: allowedAttributes,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Only these schemes; scheme-less values (like target="_blank") pass, hrefs are re-checked below.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.\-]+(?:[^a-z+.\-:]|$))/i,
  FORBID_CONTENTS: forbiddenContents,
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  SAFE_FOR_TEMPLATES: false,
  USE_PROFILES: false,
  RETURN_DOM: false,
  RETURN_DOM_FRAGMENT: false,
};

export interface Sanitizer {
  /** Sanitised HTML string. */
  sanitize(html: string): string;
  /**
   * The element (a div in an inert document) sanitised: in a browser a copy in an inert
   * document of DOMPurify's, in jsdom the element itself, sanitised in place.
   */
  sanitizeElement(root: Element): Element;
}

/**
 * A sanitiser bound to a window (the page's `document.defaultView`, or a jsdom window).
 * Returns null when there is no window to work with; callers fall back to plain text.
 */
export function createSanitizer(view: (Window & typeof globalThis) | null | undefined): Sanitizer | null {
  if (!view) return null;
  // One per window: setting DOMPurify up costs more than sanitising a small article.
  const known = sanitizers.get(view);
  if (known !== undefined) return known;
  const made = makeSanitizer(view);
  sanitizers.set(view, made);
  return made;
}

const sanitizers = new WeakMap<object, Sanitizer | null>();

function makeSanitizer(view: Window & typeof globalThis): Sanitizer | null {
  const purify = createDOMPurify(view);
  if (!purify.isSupported) return null;
  // Set once: parsing the config on every call costs a tenth of sanitising an article. The
  // same policy twice, differing only in what is handed back (a string, or a DOM copy).
  purify.setConfig({ ...sanitizeConfig });
  purify.addHook('afterSanitizeAttributes', checkUrlAttributes);
  // A browser makes DOMPurify's fresh document and the copy natively: one copy and one walk
  // beat sanitising in place (four more walks of pre- and post-passes) — 0.54× the time on
  // the corpus in Chromium. jsdom builds documents in JavaScript, where the copy cost 1.7× the
  // in-place passes: there the element is sanitised in place. The policy is the same.
  const inPlace = /jsdom/i.test(view.navigator?.userAgent ?? '');
  const toDom = createDOMPurify(view);
  toDom.setConfig({ ...sanitizeConfig, ...(inPlace ? { IN_PLACE: true } : { RETURN_DOM: true }) });
  toDom.addHook('afterSanitizeAttributes', checkUrlAttributes);
  return {
    sanitize(html: string): string {
      return String(purify.sanitize(html));
    },
    sanitizeElement(root: Element): Element {
      if (inPlace) {
        toDom.sanitize(root);
        return root;
      }
      // The element is imported into a fresh body; that body holds it alone (or nothing, when it was removed).
      const body = toDom.sanitize(root) as unknown as Element;
      const copy = body.firstElementChild;
      if (copy) return copy;
      return body.ownerDocument.createElement('div');
    },
  };
}

/** The policy's URL rules, run on every element that survives the allow-list. */
export function checkUrlAttributes(node: Node): void {
  const el = node as Element;
  if (el.nodeType !== 1) return;
  const tag = el.tagName.toLowerCase();
  // Every URL attribute on every element (allowed: href, src, cite) is checked here.
  if (el.hasAttribute('href') && !SAFE_LINK.test((el.getAttribute('href') ?? '').trim())) el.removeAttribute('href');
  if (el.hasAttribute('cite') && !SAFE_CITE.test((el.getAttribute('cite') ?? '').trim())) el.removeAttribute('cite');
  if (tag === 'img') {
    const src = (el.getAttribute('src') ?? '').trim();
    // An image without a usable source is noise (or a vector): drop it.
    if (!SAFE_IMAGE.test(src)) {
      el.remove();
      return;
    }
  } else if (el.hasAttribute('src')) {
    el.removeAttribute('src');
  }
  if (el.hasAttribute('target')) {
    if (tag === 'a' && el.getAttribute('target') === '_blank') el.setAttribute('rel', 'noopener noreferrer');
    else el.removeAttribute('target');
  }
  if (el.hasAttribute('type') && tag !== 'ol' && tag !== 'ul') el.removeAttribute('type');
}

const EMBED_SELECTOR = 'iframe, embed, object, video, audio';

/**
 * Replace embeds (iframe, embed, object, video, audio) with a paragraph linking to their source,
 * so an embedded video stays findable without running anything. Mutates `root` (pass a clone).
 */
export function embedsToLinks(root: ParentNode, base: string): void {
  for (const el of Array.from(root.querySelectorAll(EMBED_SELECTOR))) {
    if (!el.isConnected && !el.parentNode) continue;
    const raw = el.getAttribute('src') ?? el.getAttribute('data') ?? el.querySelector('source[src]')?.getAttribute('src') ?? el.getAttribute('data-src');
    let href: string | null = null;
    try {
      href = raw ? new URL(raw.trim(), base).href : null;
    } catch {
      href = null;
    }
    if (!href || !/^https?:/i.test(href)) {
      el.remove();
      continue;
    }
    const doc = el.ownerDocument;
    const p = doc.createElement('p');
    const a = doc.createElement('a');
    a.setAttribute('href', href);
    const label = el.getAttribute('title')?.trim();
    const kind = el.tagName === 'AUDIO' ? 'Audio' : el.tagName === 'VIDEO' || /youtu|vimeo|video|player/i.test(href) ? 'Video' : 'Embed';
    a.textContent = `${kind} (${label || new URL(href).hostname.replace(/^www\./, '')})`;
    p.appendChild(a);
    el.replaceWith(p);
  }
}
