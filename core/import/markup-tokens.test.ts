import { describe, expect, it } from 'vitest';
import { markupTokens, maxTagChars, type MarkupToken } from './markup-tokens.js';

const brief = (tokens: Iterable<MarkupToken>) =>
  [...tokens].map((t) =>
    t.kind === 'text'
      ? `text:${t.text}`
      : t.kind === 'tag'
        ? `${t.closing ? '/' : ''}${t.name}${[...t.attributes].map(([k, v]) => ` ${k}=${v}`).join('')}`
        : `broken:${t.name}:${t.reason}`,
  );

describe('markup tokens', () => {
  it('reads tags, attributes in every quoting, text, and skips comments and declarations', () => {
    const html = `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<!-- a <DT> in a comment -->\n<DT><A HREF="https://a.nl/?x=1&amp;y=2" add_date='17' ICON=data:x PRIVATE TAGS = "a, b" href="tweede">Titel <b>vet</b></A>`;
    expect(brief(markupTokens(html))).toEqual([
      'text:\n',
      'text:\n',
      'dt',
      'a href=https://a.nl/?x=1&amp;y=2 add_date=17 icon=data:x private= tags=a, b',
      'text:Titel ',
      'b',
      'text:vet',
      '/b',
      '/a',
    ]);
  });

  it('keeps `>` inside quotes, treats a `<` that starts no tag as text', () => {
    expect(brief(markupTokens('<a title="1 > 0">x < y <3 </ a></a>'))).toEqual([
      'a title=1 > 0',
      'text:x ',
      'text:<',
      'text: y ',
      'text:<',
      'text:3 ',
      'text:</',
      'text: a>',
      '/a',
    ]);
  });

  it('drops a tag that never closes and goes on at the next `<`, or where it gave up', () => {
    expect(brief(markupTokens('<a href="x<DT><A HREF="y">Y</A><a'))).toEqual(['broken:a:unclosed', 'dt', 'a href=y', 'text:Y', '/a', 'broken:a:unclosed']);
    const long = `<a href="${'x'.repeat(maxTagChars)}">lang</a><a href="kort">kort</a>`;
    expect(brief(markupTokens(long))).toEqual(['broken:a:too-long', 'text:lang', '/a', 'a href=kort', 'text:kort', '/a']);
    expect(brief(markupTokens('<!-- nooit dicht <DT> <a>'))).toEqual(['dt', 'text: ', 'a']);
  });
});
