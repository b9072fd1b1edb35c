// Sanitised HTML → GitHub-flavoured Markdown (turndown + GFM tables, strikethrough, task lists).
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

/** Markdown for a sanitised element or HTML string. Never throws; '' on failure. */
export function toMarkdown(input: HTMLElement | string, converter: TurndownService = createMarkdownConverter()): string {
  try {
    return converter
      .turndown(input)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } catch {
    return '';
  }
}
