// Hostile bookmark files for tests (unit, reliability, e2e): markup built so that a parser
// which rescans from every `<` (or every quote, comment or `&`) takes quadratic time.
// Each starts like a browser export, so it is recognised and parsed as one.

const head = '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<DL><p>\n';

/** name → the unit repeated to fill the file (or the whole body for the long ones). */
export const hostileBookmarkShapes = {
  /** Links whose `<a` has no `>` anywhere after it, as in the report that froze the app. */
  'open-links': '<A HREF=https://voorbeeld.nl/ ',
  'listed-open-links': '<DT><A ',
  'bare-a': '<a',
  'open-quotes': '<DT><A HREF="',
  'open-single-quotes': "<DT><A HREF='x ",
  'open-comments': '<!--',
  'open-declarations': '<!x',
  'titles-without-end': '<DT><H3>map ',
  'closing-soup': '</a</dl',
  'attribute-names': '<a b c d e f g h ',
  entities: '&amp&#x1&',
} as const;

export type HostileBookmarkShape = keyof typeof hostileBookmarkShapes | 'long-attribute' | 'long-name' | 'mixed';

export const hostileBookmarkShapeNames: HostileBookmarkShape[] = [
  ...(Object.keys(hostileBookmarkShapes) as (keyof typeof hostileBookmarkShapes)[]),
  'long-attribute',
  'long-name',
  'mixed',
];

/** A bookmark file of about `chars` characters in the given shape. */
export function hostileBookmarkFile(shape: HostileBookmarkShape, chars: number): string {
  const room = Math.max(0, chars - head.length);
  if (shape === 'long-attribute') return `${head}<DT><A HREF="https://voorbeeld.nl/${'a'.repeat(room)}`;
  if (shape === 'long-name') return `${head}<a${'a'.repeat(room)}`;
  if (shape === 'mixed') {
    // Every unit in turn, so no single kind of scan gets to restart cleanly.
    const units = Object.values(hostileBookmarkShapes);
    const parts: string[] = [];
    let length = 0;
    for (let i = 0; length < room; i++) {
      const unit = units[i % units.length];
      parts.push(unit);
      length += unit.length;
    }
    return head + parts.join('');
  }
  const unit = hostileBookmarkShapes[shape];
  return head + unit.repeat(Math.ceil(room / unit.length));
}
