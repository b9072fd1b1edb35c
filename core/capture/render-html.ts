// Clip HTML right before it is shown (the web app's reader, the extension's side panel):
// the capture policy of sanitize.ts again — the same allow-list and URL rules, so whatever a
// peer, backup, relay or the bridge stored is held to what capture would have kept — plus
// display rules: links leave the app (new tab, no opener, no referrer) and never point into
// it, images load lazily without a referrer.
import createDOMPurify from 'dompurify';
import { checkUrlAttributes, sanitizeConfig } from './sanitize.js';

/** Only links that leave for the web, mail or phone survive in shown clip HTML. */
const OUTSIDE_LINK = /^(?:https?:|mailto:|tel:)/i;

export interface RenderSanitizer {
  /** Sanitised HTML, ready for `{@html}`. */
  render(html: string): string;
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
      el.setAttribute('loading', 'lazy');
      el.setAttribute('referrerpolicy', 'no-referrer');
      if (!el.hasAttribute('alt')) el.setAttribute('alt', '');
    }
  });
  return {
    render(html: string): string {
      return String(purify.sanitize(html));
    },
  };
}

function pointsInto(href: string, appOrigin: string): boolean {
  try {
    return new URL(href).origin === appOrigin;
  } catch {
    return true;
  }
}
