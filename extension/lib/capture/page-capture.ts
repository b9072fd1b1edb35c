// Runs inside the page (injected on demand): extract() on the live DOM plus the current
// selection as a quote selector. Reads only; never changes the page.
import { extract, type ExtractMode } from '@knipsel/core/capture';
import type { PageCapture } from '../background/capture-tab.js';
import { describeRange } from '../highlights/anchor.js';
import { restrictionOfDocument } from './restricted-url.js';

export function capturePage(doc: Document, url: string, mode: ExtractMode): PageCapture {
  if (doc.readyState === 'loading') return { restricted: 'loading' };
  const docRestriction = restrictionOfDocument(doc.contentType);
  if (docRestriction) return { restricted: docRestriction };
  if (!/^https?:/i.test(url)) return { restricted: 'not-web' };
  const result = extract(doc, url, mode);
  let selection: PageCapture['selection'] = null;
  const current = doc.getSelection();
  if (current && current.rangeCount > 0 && !current.isCollapsed && doc.body) {
    selection = describeRange(current.getRangeAt(0), doc.body);
  }
  return { result, selection };
}
