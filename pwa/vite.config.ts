// Build of the Knipsel web app: Svelte 5 + vite-plugin-pwa (precached app shell, prompt on update).
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));
const accent = '#1f5a85';

export default defineConfig({
  root,
  publicDir: 'public',
  build: {
    // KNIPSEL_DIST (relative to the repository) lets parallel work build side by side.
    outDir: resolve(root, '..', process.env.KNIPSEL_DIST ?? 'dist', 'pwa'),
    emptyOutDir: true,
    target: 'es2022',
  },
  // The file worker (src/lib/workers/file-worker.ts) is a module worker: its own lazy chunk.
  worker: { format: 'es' },
  plugins: [
    svelte(),
    VitePWA({
      registerType: 'prompt',
      // We call registerSW from main.ts: no inline script (the server's CSP forbids it).
      injectRegister: null,
      manifest: {
        name: 'Knipsel',
        short_name: 'Knipsel',
        description: 'Je leerdossier voor het sociaal werk: bewaar praktijkvoorbeelden, orden ze per thema van het ambacht en reflecteer erop.',
        lang: 'nl',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        id: '/',
        display: 'standalone',
        theme_color: accent,
        background_color: '#f6f5f1',
        categories: ['education', 'productivity'],
        // Sharing from a phone's browser or gallery to the installed app: public/share-target-sw.js
        // takes the POST in the service worker (offline too) and the app makes the clip.
        share_target: {
          action: '/gedeeld',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'photos', accept: ['image/*'] }] },
        },
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Every chunk, lazy ones included (screens, peer/relay sessions, English, export/import):
        // offline, a screen first opened after a reload still loads (tests/e2e/pwa-clips.e2e.ts checks).
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        navigateFallback: 'index.html',
        // The server owns these paths (signalling, relay, API): never answer them with the shell.
        navigateFallbackDenylist: [/^\/(api|signal|relay|ws)\b/],
        cleanupOutdatedCaches: true,
        // Before Workbox's own handlers: the share target's POST (see the manifest's share_target).
        importScripts: ['share-target-sw.js'],
      },
    }),
  ],
});
