// Sanitised HTML → GitHub-flavoured Markdown (turndown + GFM tables, strikethrough, task lists).
/// <reference path="./turndown-plugin-gfm.d.ts" />
// A capture's Markdown is built when it is asked for (export, the command line), not at capture:
// `captureMarkdown` reads a stored one or converts the capture's sanitised HTML.
import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';
import type { Capture } from '../dossier/types.js';

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

/** The Markdown of a capture: the stored one, or one built from its sanitised HTML. */
export function captureMarkdown(capture: Pick<Capture, 'html' | 'markdown'>): string {
  if (capture.markdown) return capture.markdown;
  return capture.html ? toMarkdown(capture.html) : '';
}
