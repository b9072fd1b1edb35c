// Security headers shared by every response of the Knipsel server (files, health, errors).
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.js';

/** Headers every response carries. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Headers for documents besides the CSP: a page of the app gets its own browsing context
 * group (no window another site opened keeps a handle on it), and powerful features it
 * never uses are off for it and anything it embeds.
 */
export const DOCUMENT_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=(), browsing-topics=()',
};

/** True for content types that a browser renders as a document and so need the CSP. */
export function needsContentSecurityPolicy(contentType: string): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return type === 'text/html' || type === 'image/svg+xml';
}

/** Sets the base headers, plus the CSP when the content type is a document. */
export function applySecurityHeaders(res: ServerResponse, contentType: string): void {
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) res.setHeader(name, value);
  if (!needsContentSecurityPolicy(contentType)) return;
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  for (const [name, value] of Object.entries(DOCUMENT_SECURITY_HEADERS)) res.setHeader(name, value);
}
