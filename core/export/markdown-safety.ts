// Markdown that comes from outside (a capture's body, notes — peers, relays and backups can
// write any of it) made inert before it goes into an exported .md file: no raw HTML, no
// entities, and link targets only http(s), mailto or relative. No Markdown parser: a parser
// that disagrees with the reader's (Obsidian, a Git host) on where a code block ends is a way
// around it, so the rules hold in code too. What that costs: `<` and `&` in code show as
// `&lt;` and `&amp;`.

/** Link schemes an exported file may point to; any other becomes a fragment (`#javascript:…`). */
const allowedSchemes = new Set(['http', 'https', 'mailto']);

/** ASCII punctuation, which a backslash escapes in Markdown. */
const escapedPunctuation = /\\(?=[!-/:-@[-`{-~])/g;

/**
 * The Markdown with `&` and `<` written as entities (so no HTML tag, comment, autolink or
 * entity trick can form: `&colon;`, `&#106;`) and every link target after `](` or `]:` that
 * names another scheme turned into a fragment. Text reads the same once rendered.
 */
export function inertMarkdown(markdown: string): string {
  const escaped = markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  let out = '';
  let last = 0;
  for (const match of escaped.matchAll(/\][(:]/g)) {
    // The target starts after spaces and line breaks (a superset of where Markdown starts it).
    let at = match.index + 2;
    while (at < escaped.length && /\s/.test(escaped[at])) at++;
    if (!namesOtherScheme(escaped.slice(at, at + 64))) continue;
    out += `${escaped.slice(last, at)}#`;
    last = at;
  }
  return out + escaped.slice(last);
}

/** Whether a link target starting with `head` has a scheme other than the allowed ones. */
function namesOtherScheme(head: string): boolean {
  const target = head.replace(escapedPunctuation, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(target)?.[1];
  if (scheme !== undefined) return !allowedSchemes.has(scheme);
  // A scheme longer than the part looked at: not one we allow.
  return /^[a-z][a-z0-9+.-]*$/.test(target) && target.length >= 60;
}

/** The address as a link target when it is http(s), else null (write it as text, or leave it out). */
export function webLinkTarget(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
