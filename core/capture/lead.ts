// The lead: news pages often set the article's opening paragraph (standfirst, intro) apart
// from the body, and Readability leaves it out. When the page's description is a paragraph of
// the page itself, in a block before the article's text, and the article lacks it, it is put
// back at the top.

/** Shorter descriptions are taglines, not a lead. */
const minLeadChars = 80;

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * Whether `squash(text)` contains `probe` (itself squashed), without building the squashed
 * copy of a whole page's text: each space of the probe stands for a run of whitespace.
 */
export function squashedIncludes(text: string, probe: string): boolean {
  if (!probe) return true;
  const pattern = probe
    .split(' ')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  // A trailing space of the probe is whitespace before more text (squash trims the end).
  return new RegExp(probe.endsWith(' ') ? `${pattern}(?=\\S)` : pattern).test(text);
}

/**
 * Prepend the page's lead paragraph to `root` when the article lacks it. `bodyText`: the
 * text of `doc.body`, read by the caller once for all who need it.
 */
export function addLead(root: Element, doc: Document, description: string | null, bodyText: () => string = () => doc.body?.textContent ?? ''): void {
  const lead = squash(description);
  if (lead.length < minLeadChars || !doc.body) return;
  const probe = lead.slice(0, 60);
  if (squashedIncludes(root.textContent ?? '', probe) || !squashedIncludes(bodyText(), probe)) return;
  for (const el of Array.from(doc.body.querySelectorAll('p, h2, div'))) {
    // A block of blocks is not the lead paragraph (and reading its text is costly).
    if (el.childElementCount > 3) continue;
    const text = squash(el.textContent);
    // The element itself, not a block around it: its text is the lead, give or take a little.
    if (text.length < lead.length * 0.9 || text.length > lead.length * 1.2 || !text.includes(probe)) continue;
    if (el.closest('head, nav, footer, aside, script, noscript, template, a')) continue;
    const p = root.ownerDocument.createElement('p');
    p.textContent = text;
    root.insertBefore(p, root.firstChild);
    return;
  }
}
