// Selection capture: the selected content as HTML plus its surrounding context.
// Choice: a selection inside one block (paragraph, list item, heading, cell, quote) is
// captured as that whole block with the selected part wrapped in <mark>, so the clip reads
// in context and still shows what was chosen. A selection across blocks is captured as
// the selected blocks themselves (cloned range), which carry their own context.
// Nothing here touches the live page: ranges are cloned, never modified.

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

/**
 * Content (unsanitised, imported into `workDoc`) for the selection with context, or null when nothing is
 * selected. `doc` is the page; `workDoc` an inert document to build the result in.
 */
export function selectionHtml(doc: Document, selection: Selection | Range | null | undefined, workDoc: Document): Element | null {
  const ranges = rangesOf(selection);
  if (ranges.length === 0) return null;
  const container = workDoc.createElement('div');
  for (const selected of ranges) {
    // Widen over element edges (a fully selected <b> is captured whole, not as an empty shell).
    const range = selected.cloneRange();
    while (range.startOffset === 0 && range.startContainer.parentNode && range.startContainer !== blockOf(range.startContainer)) range.setStartBefore(range.startContainer);
    while (range.endContainer.parentNode && range.endOffset === (range.endContainer.nodeType === 1 ? range.endContainer.childNodes.length : (range.endContainer.nodeValue ?? '').length) && range.endContainer !== blockOf(range.endContainer)) range.setEndAfter(range.endContainer);
    if (!range.toString().trim() && !range.cloneContents().querySelector?.('img')) continue;
    const startBlock = blockOf(range.startContainer);
    const endBlock = blockOf(range.endContainer);
    if (startBlock && startBlock === endBlock && (startBlock.textContent ?? '').length <= MAX_CONTEXT_CHARS) {
      // One block: the whole block, selected part marked.
      const before = doc.createRange();
      before.setStart(startBlock, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const after = doc.createRange();
      after.setStart(range.endContainer, range.endOffset);
      after.setEnd(startBlock, startBlock.childNodes.length);
      const block = workDoc.createElement(startBlock.tagName.toLowerCase() === 'li' || /^t[dh]$/i.test(startBlock.tagName) ? 'p' : startBlock.tagName.toLowerCase());
      block.appendChild(workDoc.importNode(before.cloneContents(), true));
      const mark = workDoc.createElement('mark');
      mark.appendChild(workDoc.importNode(range.cloneContents(), true));
      block.appendChild(mark);
      block.appendChild(workDoc.importNode(after.cloneContents(), true));
      container.appendChild(block);
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
