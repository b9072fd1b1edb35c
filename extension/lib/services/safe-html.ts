// Captured HTML is sanitised again (DOMPurify, the capture module's rules) right before an
// extension page renders it: clipped content never runs script here.
import { createSanitizer } from '../../../core/capture/sanitize.js';

export function safeHtml(html: string): string {
  const sanitizer = createSanitizer(window as Window & typeof globalThis);
  if (!sanitizer) return '';
  return sanitizer.sanitize(html);
}
