// What a person does in a page, as functions that run inside the page: pass them to
// `page.evaluate(fn, arg)` of playwright-core (Chromium) or puppeteer-core (Firefox) alike. Each
// takes one argument and closes over nothing, so the drivers can send them as they are.

/** A file as it crosses into the page: its bytes in base64. */
export interface FileInPage {
  name: string;
  type: string;
  base64: string;
}

/** Drop a file on the app's main area the way a browser delivers a dragged file. */
export function dropFile(file: FileInPage): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], file.name, { type: file.type }));
  const target = document.querySelector('main')!;
  target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
}

/** Select `passage` inside the first element matching `selector` whose text holds it (one text node). */
export function selectPassage({ selector, passage }: { selector: string; passage: string }): void {
  const root = [...document.querySelectorAll(selector)].find((el) => el.textContent?.includes(passage));
  if (!root) throw new Error(`no ${selector} holds “${passage}”`);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let text = walker.nextNode();
  while (text && !text.textContent!.includes(passage)) text = walker.nextNode();
  if (!text) throw new Error(`“${passage}” spans more than one text node`);
  const at = text.textContent!.indexOf(passage);
  const range = document.createRange();
  range.setStart(text, at);
  range.setEnd(text, at + passage.length);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
}

/**
 * Post a share the way a phone's share sheet does: a multipart form navigation to the app's
 * share target `action` (run it in a blank page: the app's own pages may not submit forms, its
 * CSP says form-action 'none').
 */
export function postShare({ action, fields, photo }: { action: string; fields: Record<string, string>; photo?: FileInPage }): void {
  const form = document.createElement('form');
  form.method = 'POST';
  form.enctype = 'multipart/form-data';
  form.action = action;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input');
    input.name = name;
    input.value = value;
    form.append(input);
  }
  if (photo) {
    const input = document.createElement('input');
    input.type = 'file';
    input.name = 'photos';
    const data = new DataTransfer();
    data.items.add(new File([Uint8Array.from(atob(photo.base64), (c) => c.charCodeAt(0))], photo.name, { type: photo.type }));
    input.files = data.files;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}
