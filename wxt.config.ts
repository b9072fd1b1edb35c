// WXT build of the Knipsel clipper extension (Chrome MV3, Firefox MV2). Sources live in
// extension/; builds land in dist/extension/<browser>-mv<n>; generated types in .wxt/.
import { defineConfig } from 'wxt';

/** Loopback origins for the Knipsel web app: any port, so a configured app address works (see extension/CONTEXT.md). */
const appHosts = ['http://127.0.0.1/*', 'http://localhost/*'];
/** Asked for only when the user switches highlights on (painting highlights on revisited pages). */
const optionalHosts = ['http://*/*', 'https://*/*'];

/** The Content-Security-Policy of the extension's own pages (MV3 object form, MV2 string). */
const extensionPagesCsp = "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; img-src 'self' data: blob:";

export default defineConfig({
  srcDir: 'extension',
  entrypointsDir: 'entrypoints',
  publicDir: 'extension/public',
  outDir: `${process.env.KNIPSEL_DIST ?? 'dist'}/extension`,
  modules: ['@wxt-dev/module-svelte'],
  // The PDF worker (extension/lib/pdf/pdf-worker.ts) is a module worker with lazy pdf.js chunks.
  vite: () => ({ worker: { format: 'es' } }),
  hooks: {
    // The toolbar tooltip is localised; WXT would take the popup's <title>.
    'build:manifestGenerated': (_wxt, manifest) => {
      const action = manifest.action ?? manifest.browser_action;
      if (action) action.default_title = '__MSG_actionTitle__';
      if (manifest.sidebar_action) manifest.sidebar_action.default_title = '__MSG_extName__';
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'nl',
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    action: { default_title: '__MSG_actionTitle__', default_icon: { 16: 'icons/16.png', 32: 'icons/32.png' } },
    // Strict policy for extension pages (popup, side panel, options): scripts only from the
    // package (Chrome's default would also allow http://localhost and 127.0.0.1), no plugins,
    // no <base>, no framing by other origins. Tested in tests/reliability/csp.rel.ts.
    content_security_policy: manifestVersion === 3 ? { extension_pages: extensionPagesCsp } : (extensionPagesCsp as unknown as { extension_pages: string }),
    // offscreen: the PDF host page (Chrome's service worker cannot start the pdf.js worker itself).
    permissions: ['activeTab', 'scripting', 'storage', 'contextMenus', ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen'])],
    host_permissions: appHosts,
    ...(manifestVersion === 3 ? { optional_host_permissions: optionalHosts } : { optional_permissions: optionalHosts }),
    commands: {
      'quick-clip': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandQuickClip__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'knipsel@knipsel.invalid',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
