// The Content-Security-Policy sent with every HTML (and SVG) response of the Knipsel server.
// One constant so it can be tightened or loosened in one place.

/**
 * Scripts only from our own origin (no inline script, no eval); inline styles are allowed
 * because Svelte transitions and some libraries set them. Images only from our own origin,
 * data: and blob: — a clip's images are kept with it and shown from blob: URLs, any other
 * image in a clip is a placeholder (core/capture/render-html.ts), so reading a clip contacts
 * no third party; nothing else in the app shows a remote image (no favicons). `connect-src ws: wss:` lets
 * the app reach this server's signalling endpoint or one configured in settings, and a
 * relay; `https:` (and plain http on this machine) for the relay owners' API.
 * Workers only from our own origin (the file worker that reads picked files; no blob: workers).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss: https: http://localhost:* http://127.0.0.1:*",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
