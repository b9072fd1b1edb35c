// The small in-page toolbar shown on a selection in a clipped page: a note field and one
// button per meaning colour. Lives in a closed shadow root on a host reset with
// `all: initial`, so no style leaks in or out.
import type { HighlightColour } from '@knipsel/core';
import { colourStyles } from './paint.js';

export interface ToolbarText {
  keep: string;
  note: string;
  saved: string;
  failed: string;
  colours: Record<HighlightColour, string>;
}

export interface Toolbar {
  show(rect: DOMRect): void;
  hide(): void;
  status(text: string): void;
  readonly visible: boolean;
  contains(node: Node | null): boolean;
  destroy(): void;
}

const css = `
:host { all: initial; }
.bar { display: flex; align-items: center; gap: 4px; padding: 6px; background: #fff; color: #1d2b2a;
  border: 1px solid #c9d6d4; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.18);
  font: 13px/1.3 system-ui, -apple-system, "Segoe UI", sans-serif; }
button { all: unset; box-sizing: border-box; height: 28px; min-width: 96px; padding: 0 8px; white-space: nowrap; border-radius: 6px;
  text-align: center; cursor: pointer; font: inherit; font-weight: 600; color: #1d2b2a; border: 1px solid rgba(0,0,0,.15); }
button:focus-visible, input:focus-visible { outline: 2px solid #0f5e59; outline-offset: 1px; }
input { all: unset; box-sizing: border-box; height: 28px; width: 150px; padding: 0 8px; border: 1px solid #c9d6d4;
  border-radius: 6px; font: inherit; color: #1d2b2a; background: #fff; }
.status { padding: 0 6px; font-weight: 600; }
[hidden] { display: none !important; }
`;

export function createToolbar(doc: Document, text: ToolbarText, onkeep: (colour: HighlightColour, note: string) => void): Toolbar {
  const host = doc.createElement('knipsel-highlighter');
  host.setAttribute('style', 'all: initial; position: absolute; z-index: 2147483647; top: 0; left: 0; display: none;');
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = css;
  const bar = doc.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', text.keep);
  const note = doc.createElement('input');
  note.type = 'text';
  note.placeholder = text.note;
  note.setAttribute('aria-label', text.note);
  const status = doc.createElement('span');
  status.className = 'status';
  status.hidden = true;
  for (const colour of Object.keys(colourStyles) as HighlightColour[]) {
    const button = doc.createElement('button');
    button.type = 'button';
    button.textContent = text.colours[colour];
    button.title = `${text.keep}: ${text.colours[colour]}`;
    button.style.background = colourStyles[colour];
    button.dataset.colour = colour;
    // Keep the page's selection while clicking.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => onkeep(colour, note.value.trim()));
    bar.appendChild(button);
  }
  note.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') onkeep('inspiratie', note.value.trim());
    if (event.key === 'Escape') toolbar.hide();
  });
  bar.append(note, status);
  root.append(style, bar);
  (doc.body ?? doc.documentElement).appendChild(host);

  const toolbar: Toolbar = {
    show(rect) {
      const win = doc.defaultView!;
      note.value = '';
      status.hidden = true;
      host.style.display = 'block';
      const top = rect.bottom + win.scrollY + 8;
      const left = Math.max(win.scrollX + 4, Math.min(rect.left + win.scrollX, win.scrollX + win.innerWidth - 600));
      host.style.top = `${top}px`;
      host.style.left = `${left}px`;
    },
    hide() {
      host.style.display = 'none';
    },
    status(message) {
      status.textContent = message;
      status.hidden = false;
    },
    get visible() {
      return host.style.display !== 'none';
    },
    contains(node) {
      return node === host || (!!node && host.contains(node));
    },
    destroy() {
      host.remove();
    },
  };
  return toolbar;
}
