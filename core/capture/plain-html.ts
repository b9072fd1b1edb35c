// Text → HTML for everything Knipsel writes itself (hand-made captures, citations, the
// plain-text fallbacks of extraction, the portfolio): escaped, never markup from the text.

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

/** Paragraphs separated by blank lines; single newlines become <br>. */
export function textToHtml(text: string, className?: string): string {
  const cls = className ? ` class="${escapeHtml(className)}"` : '';
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p${cls}>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** Every non-empty line its own paragraph (text whose line breaks carry no layout). */
export function linesToHtml(text: string): string {
  return text
    .split(/\n{2,}|\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
}
