// Boilerplate that is never the article, recognised by its markup: consent bars, comment
// sections, share bars, newsletter sign-ups, related-post lists, breadcrumbs, author boxes
// and pop-ups — a word in a
// short id/class token ("comments-area", "post-share"; not "sharing-with-a-single-developer"),
// a navigation tag or a landmark role. Applied to an extractor's output, so it never changes
// which block the extractor picks.

const BOILERPLATE_WORDS = new Set([
  'cookie',
  'cookies',
  'cookiebar',
  'cookiebanner',
  'consent',
  'gdpr',
  'comment',
  'comments',
  'commentlist',
  'reacties',
  'reactie',
  'respond',
  'disqus',
  'share',
  'sharing',
  'sharedaddy',
  'social',
  'socials',
  'deel',
  'delen',
  'newsletter',
  'nieuwsbrief',
  'subscribe',
  'signup',
  'inschrijven',
  'related',
  'gerelateerd',
  'breadcrumb',
  'breadcrumbs',
  'kruimelpad',
  // author boxes and pop-ups
  'authorbio',
  'popup',
  'modal',
]);
const BOILERPLATE_TAGS = new Set(['NAV', 'FORM']);
const BOILERPLATE_ROLES = /^(?:navigation|complementary|contentinfo|search|dialog|alertdialog)$/i;
const CONTENT_MARKERS = 'h1, article, main, [itemprop~="articleBody"]';

function boilerplateToken(token: string): boolean {
  const parts = token.toLowerCase().split(/[-_]+/).filter(Boolean);
  return parts.length > 0 && parts.length <= 3 && parts.some((p) => BOILERPLATE_WORDS.has(p));
}

/** Whether an element is boilerplate by its tag, role, id or class. */
export function isBoilerplate(el: Element): boolean {
  if (BOILERPLATE_TAGS.has(el.tagName)) return true;
  const role = el.getAttribute('role');
  if (role && BOILERPLATE_ROLES.test(role)) return true;
  const id = el.getAttribute('id');
  if (id && boilerplateToken(id)) return true;
  const cls = el.getAttribute('class');
  return !!cls && cls.split(/\s+/).some(boilerplateToken);
}

/** Remove boilerplate blocks under `root`, never one holding over 40% of its text or a heading of the article. */
export function removeBoilerplate(root: Element): void {
  const total = (root.textContent ?? '').length || 1;
  const doomed: Element[] = [];
  const walk = (el: Element): void => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      if (child.tagName !== 'ARTICLE' && child.tagName !== 'MAIN' && isBoilerplate(child)) {
        const length = (child.textContent ?? '').length;
        if (length <= total * 0.4 && !child.querySelector(CONTENT_MARKERS)) {
          doomed.push(child);
          continue;
        }
      }
      walk(child);
    }
  };
  walk(root);
  for (const el of doomed) el.remove();
}
