// Selection capture: the selected content as HTML plus its surrounding context.
// A selection is first widened to whole words ("apt" in "laptop" becomes "laptop"): half a
// word is never what someone meant. Inside one block (paragraph, list item, heading, cell,
// quote) the selection itself comes first, as a quote, and the whole block follows as its
// context (in <aside>, the selected words in <mark>), unless the selection is the whole
// block. A selection across blocks is captured as the selected blocks themselves (cloned
// range), which carry their own context. Nothing here touches the live page: ranges are
// cloned, never modified.

const BLOCK = 'p, li, dd, dt, blockquote, h1, h2, h3, h4, h5, h6, td, th, figcaption, pre';
/** A block longer than this is not pulled in as context (the bare selection is used). */
const MAX_CONTEXT_CHARS = 2000;

function rangesOf(selection: Selection | Range | null | undefined): Range[] {
  if (!selection) return [];
  if ('rangeCount' in selection) {
    const out: Range[] = [];
    for (let i = 0; i < selection.rangeCount; i++) {
      const r = selection.getRangeAt(i);
      if (!r.collapsed) out.push(r);
    }
    return out;
  }
  return selection.collapsed ? [] : [selection];
}

function blockOf(node: Node): Element | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el?.closest(BLOCK) ?? null;
}

const wordChar = /[\p{L}\p{N}'’]/u;

/** Widen a range that starts or ends inside a word (within its text node) to the whole word. */
function toWholeWords(range: Range): void {
  const start = range.startContainer;
  if (start.nodeType === 3) {
    const text = start.nodeValue ?? '';
    let offset = range.startOffset;
    if (offset < text.length && wordChar.test(text[offset] ?? '')) while (offset > 0 && wordChar.test(text[offset - 1])) offset--;
    if (offset !== range.startOffset) range.setStart(start, offset);
  }
  const end = range.endContainer;
  if (end.nodeType === 3) {
    const text = end.nodeValue ?? '';
    let offset = range.endOffset;
    if (offset > 0 && wordChar.test(text[offset - 1] ?? '')) while (offset < text.length && wordChar.test(text[offset])) offset++;
    if (offset !== range.endOffset) range.setEnd(end, offset);
  }
}

/**
 * Content (unsanitised, imported into `workDoc`) for the selection with context, or null when nothing is
 * selected. `doc` is the page; `workDoc` an inert document to build the result in.
 */
export function selectionHtml(doc: Document, selection: Selection | Range | null | undefined, workDoc: Document): Element | null {
  const ranges = rangesOf(selection);
  if (ranges.length === 0) return null;
  const container = workDoc.createElement('div');
  for (const selected of ranges) {
    // Whole words, then widen over element edges (a fully selected <b> is captured whole, not as an empty shell).
    const range = selected.cloneRange();
    toWholeWords(range);
    while (range.startOffset === 0 && range.startContainer.parentNode && range.startContainer !== blockOf(range.startContainer)) range.setStartBefore(range.startContainer);
    while (
      range.endContainer.parentNode &&
      range.endOffset === (range.endContainer.nodeType === 1 ? range.endContainer.childNodes.length : (range.endContainer.nodeValue ?? '').length) &&
      range.endContainer !== blockOf(range.endContainer)
    )
      range.setEndAfter(range.endContainer);
    if (!range.toString().trim() && !range.cloneContents().querySelector?.('img')) continue;
    const startBlock = blockOf(range.startContainer);
    const endBlock = blockOf(range.endContainer);
    if (startBlock && startBlock === endBlock) {
      // One block: the selection as a quote, then the block around it as context.
      const quote = workDoc.createElement('blockquote');
      const selectedPart = workDoc.createElement('p');
      selectedPart.appendChild(workDoc.importNode(range.cloneContents(), true));
      quote.appendChild(selectedPart);
      container.appendChild(quote);
      const before = doc.createRange();
      before.setStart(startBlock, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const after = doc.createRange();
      after.setStart(range.endContainer, range.endOffset);
      after.setEnd(startBlock, startBlock.childNodes.length);
      const aroundIt = `${before.toString()}${after.toString()}`.trim();
      if (!aroundIt || (startBlock.textContent ?? '').length > MAX_CONTEXT_CHARS) continue;
      const context = workDoc.createElement('aside');
      const block = workDoc.createElement(/^(li|t[dh]|h[1-6])$/i.test(startBlock.tagName) ? 'p' : startBlock.tagName.toLowerCase());
      block.appendChild(workDoc.importNode(before.cloneContents(), true));
      const mark = workDoc.createElement('mark');
      mark.appendChild(workDoc.importNode(range.cloneContents(), true));
      block.appendChild(mark);
      block.appendChild(workDoc.importNode(after.cloneContents(), true));
      context.appendChild(block);
      container.appendChild(context);
    } else {
      container.appendChild(workDoc.importNode(range.cloneContents(), true));
    }
  }
  return container.innerHTML.trim() ? container : null;
}

/** The document's current selection, tolerating documents without one. */
export function currentSelection(doc: Document): Selection | null {
  try {
    return doc.getSelection?.() ?? doc.defaultView?.getSelection?.() ?? null;
  } catch {
    return null;
  }
}
