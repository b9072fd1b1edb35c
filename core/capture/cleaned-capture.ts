// A clip's content without the blocks the user removed as noise (`Clip.removedBlocks`): the one
// source of the text search indexes and of the body Markdown export writes. The blocks are
// those of the render sanitiser (`renderBlocks`, what the reader's cleaner shows), so an index
// names the same block here as where it was removed. A clip without removals is its capture as
// it is (no DOM needed); removals need a DOM (a window, or `globalThis.window` in a browser) —
// without one (a Node tool) the whole capture is used.
import type { Capture, Clip } from '../dossier/types.js';
import { createRenderSanitizer, type RenderSanitizer } from './render-html.js';
import { captureMarkdown, toMarkdown } from './to-markdown.js';

export interface CleanedCapture {
  /** Sanitised HTML of the blocks kept (the capture's HTML when nothing was removed). */
  html: string;
  /** Plain text of the blocks kept, a blank line between blocks. */
  text: string;
  /** Markdown of the blocks kept (the capture's Markdown when nothing was removed). */
  markdown: string;
}

type View = Window & typeof globalThis;

const renderers = new WeakMap<object, RenderSanitizer | null>();

function rendererFor(view: View | undefined): RenderSanitizer | null {
  if (!view?.DOMParser) return null;
  if (!renderers.has(view)) renderers.set(view, createRenderSanitizer(view, 'about:blank'));
  return renderers.get(view) ?? null;
}

const defaultView = (): View | undefined => (globalThis as { window?: View }).window;

/** The clip's content with its removed blocks left out. */
export function cleanedCapture(clip: Pick<Clip, 'capture' | 'removedBlocks'>, view: View | undefined = defaultView()): CleanedCapture {
  const { capture } = clip;
  const removed = clip.removedBlocks ?? [];
  const renderer = removed.length > 0 && capture.html ? rendererFor(view) : null;
  if (!renderer) return whole(capture);
  const blocks = renderer.renderBlocks(capture.html, { removed }).filter((block) => !block.removed);
  const html = blocks.map((block) => block.html).join('\n');
  const doc = new view!.DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const text = Array.from(doc.body.children)
    .map((el) => (el.textContent ?? '').replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  return { html, text, markdown: toMarkdown(doc.body) };
}

/** Only the text (what search indexes). */
export function cleanedText(clip: Pick<Clip, 'capture' | 'removedBlocks'>, view?: View): string {
  if (!clip.removedBlocks?.length) return clip.capture.text;
  return cleanedCapture(clip, view ?? defaultView()).text;
}

function whole(capture: Capture): CleanedCapture {
  return { html: capture.html, text: capture.text, markdown: captureMarkdown(capture) };
}
