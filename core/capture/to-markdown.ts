// Sanitised HTML → GitHub-flavoured Markdown (turndown + GFM tables, strikethrough, task lists).
/// <reference path="./turndown-plugin-gfm.d.ts" />
import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';

/** A converter with Knipsel's settings; create once per extraction run (cheap) or reuse. */
export function createMarkdownConverter(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
    hr: '---',
    linkStyle: 'inlined',
  });
  service.use(gfm);
  // Text that looks like a tag ("<script>" written in an article) must stay text in Markdown
  // renderers that allow HTML: escape "<" on top of turndown's own escaping.
  const escape = service.escape.bind(service);
  service.escape = (text: string) => escape(text).replace(/</g, '\\<');
  service.remove(['script', 'style', 'noscript', 'template'] as unknown as TurndownService.Filter);
  // <mark> (selection highlight) as ==text== is not GFM; keep it as bold-free plain emphasis.
  service.addRule('mark', { filter: ['mark'], replacement: (content) => `**${content}**` });
  return service;
}

let shared: TurndownService | null = null;

/** Markdown for sanitised HTML (a string or an element). Never throws; '' on failure. */
export function toMarkdown(input: HTMLElement | string, converter: TurndownService = (shared ??= createMarkdownConverter())): string {
  try {
    return converter
      .turndown(input)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } catch {
    return '';
  }
}

/**
 * Markdown for an element the caller no longer needs: turndown rewrites its whitespace in
 * place instead of working on a deep copy (its copy cost as much as a third of the
 * conversion). The element is left in an unspecified state.
 */
export function consumeToMarkdown(element: HTMLElement, converter?: TurndownService): string {
  const own = Object.getOwnPropertyDescriptor(element, 'cloneNode');
  Object.defineProperty(element, 'cloneNode', { value: () => element, configurable: true });
  try {
    return toMarkdown(element, converter);
  } finally {
    if (own) Object.defineProperty(element, 'cloneNode', own);
    else delete (element as { cloneNode?: unknown }).cloneNode;
  }
}
