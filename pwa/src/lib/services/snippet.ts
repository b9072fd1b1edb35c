// Splits a search snippet into plain and marked segments, so it renders as text with
// <mark> elements and never as HTML. Pure.
import type { Snippet } from '@knipsel/core';

export interface Segment {
  text: string;
  mark: boolean;
}

export function snippetSegments(snippet: Pick<Snippet, 'text' | 'ranges'>): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  const ranges = [...snippet.ranges].sort((a, b) => a[0] - b[0]);
  for (const [start, end] of ranges) {
    const from = Math.max(start, at);
    if (end <= from) continue;
    if (from > at) segments.push({ text: snippet.text.slice(at, from), mark: false });
    segments.push({ text: snippet.text.slice(from, end), mark: true });
    at = end;
  }
  if (at < snippet.text.length) segments.push({ text: snippet.text.slice(at), mark: false });
  return segments;
}
