// The background's implementation of the message protocol: every request in
// messaging/protocol.ts is answered here, on top of the library service — the bridge/*
// requests in bridge-handlers.ts, the page/* ones in page-handlers.ts, reading pages in
// page-reading.ts.
import { browser } from 'wxt/browser';
import { clipWithBody, suggestThemes } from '@knipsel/core';
import { bridgeAlias } from '@knipsel/core/bridge';
import type { Results } from '../messaging/protocol.js';
import type { Handlers } from '../messaging/router.js';
import { appClipUrl, loadSettings, loadThemeMemory, saveSettings, saveThemeMemory } from '../settings/settings.js';
import { pushRecent, themeOptions } from '../themes/theme-filter.js';
import { keepImages } from './keep-images.js';
import { injectHighlighter, syncHighlighterRegistration } from './highlighter-registration.js';
import type { LibraryService } from './background-library.js';
import { bridgeHandlers, noBridge, type BridgeControls } from './bridge-handlers.js';
import { anchorKey, pageHandlers } from './page-handlers.js';
import { createPageReading } from './page-reading.js';
import type { PdfHost } from './pdf-host.js';
import { evidenceHandlers } from './evidence-handlers.js';

export function createHandlers(service: LibraryService, broadcast: (dossierId: string) => void, bridge: BridgeControls = noBridge, pdf: PdfHost | null = null): Handlers {
  async function appUrl(): Promise<string> {
    return (await loadSettings()).appUrls[0];
  }

  /**
   * The web app's address of a dossier or clip, resolved when it is asked for: a clip made
   * before the extension first met the app lives, after that meeting, in the app's personal
   * dossier (same clip id) — the old dossier id is an alias.
   */
  async function appLink(dossierId?: string, clipId?: string): Promise<string> {
    const library = await service.library();
    const current = dossierId && !(await library.get(dossierId)) ? ((await bridgeAlias(library, dossierId)) ?? dossierId) : dossierId;
    return appClipUrl(await appUrl(), current, clipId);
  }

  async function rememberThemes(dossierId: string, themes: string[]): Promise<void> {
    const memory = await loadThemeMemory(dossierId);
    await saveThemeMemory(dossierId, { recent: pushRecent(memory.recent, themes), lastUsed: themes });
  }

  const reading = createPageReading(service, pdf);
  const addHighlight: Handlers['clip/add-highlight'] = async ({ dossierId, clipId, quote, position, note, colour }) => {
    const handle = await service.open(dossierId);
    const highlightId = handle.dossier.clips.addHighlight(clipId, { quote, position: position ?? null, note, colour });
    await handle.flush();
    broadcast(dossierId);
    return { highlightId };
  };

  return {
    ...evidenceHandlers(service, broadcast, appLink),
    async 'clip/preview'({ tabId, mode }) {
      return reading.preview(tabId, mode);
    },

    async 'complete/list'() {
      const lib = await service.library();
      const links: Results['complete/list']['links'] = [];
      for (const record of await lib.list()) {
        const handle = await service.open(record.id);
        for (const clip of handle.dossier.clips.toComplete()) links.push({ dossierId: record.id, clipId: clip.id, title: clip.title, url: clip.capture.url });
      }
      return { links };
    },

    async 'complete/run'({ dossierId, clipId }) {
      const handle = await service.open(dossierId);
      const clip = handle.dossier.clips.get(clipId);
      if (!clip?.toComplete) return { completed: false, reason: 'not-waiting' };
      const capture = await reading.readInBackgroundTab(clip.capture.url);
      if ('reason' in capture) return { completed: false, reason: capture.reason };
      handle.dossier.clips.complete(clipId, await keepImages(capture, service.files()));
      await handle.flush();
      broadcast(dossierId);
      return { completed: true };
    },

    async 'clip/save'({ dossierId, capture, title, note, themes, kind, tabId, keepFile, toComplete }) {
      // The file first: a clip never names a file that is not there.
      const file = capture.mode === 'pdf' ? capture.pdf?.file : null;
      if (file && keepFile && pdf) await pdf.keep(file, capture.url);
      else if (file) capture = { ...capture, pdf: { ...capture.pdf!, file: null } };
      // The page's images too, before the clip names them.
      capture = await keepImages(capture, service.files());
      const handle = await service.open(dossierId);
      const clipId = handle.dossier.clips.add({ capture, title, note, themes, kind, toComplete });
      await handle.flush();
      // Saving without themes keeps the last chosen ones for the next quick clip.
      if (themes?.length) await rememberThemes(dossierId, themes);
      broadcast(dossierId);
      if (tabId !== undefined) void injectHighlighter(tabId);
      return { dossierId, clipId, appUrl: await appLink(dossierId, clipId) };
    },

    async 'clip/complete'({ dossierId, clipId, capture }) {
      const handle = await service.open(dossierId);
      handle.dossier.clips.complete(clipId, await keepImages(capture, service.files()));
      await handle.flush();
      broadcast(dossierId);
      return { dossierId, clipId, appUrl: await appLink(dossierId, clipId) };
    },

    async 'clip/get'({ dossierId, clipId }) {
      const handle = await service.open(dossierId);
      // The side panel shows the clip's text: its body is read from the body store.
      const clip = await clipWithBody(handle.dossier, clipId);
      if (!clip) throw Object.assign(new Error(`No clip ${clipId}`), { code: 'not-found' });
      const stored = (await browser.storage.local.get(anchorKey(clipId)))[anchorKey(clipId)] as { orphaned?: string[] } | undefined;
      const known = new Set(clip.highlights.map((h) => h.id));
      return { clip, orphaned: (stored?.orphaned ?? []).filter((id) => known.has(id)), appUrl: await appLink(dossierId, clipId) };
    },

    async 'clip/update'({ dossierId, clipId, title, note, addThemes, removeThemes, kind }) {
      const handle = await service.open(dossierId);
      const clips = handle.dossier.clips;
      if (kind !== undefined) handle.dossier.evidence.setKind([clipId], kind);
      if (title !== undefined || note !== undefined) clips.update(clipId, { title, note });
      if (addThemes?.length) clips.tag([clipId], addThemes);
      if (removeThemes?.length) clips.untag([clipId], removeThemes);
      if (addThemes?.length) {
        const memory = await loadThemeMemory(dossierId);
        await saveThemeMemory(dossierId, { ...memory, recent: pushRecent(memory.recent, addThemes) });
      }
      await handle.flush();
      broadcast(dossierId);
      return { ok: true };
    },

    'clip/add-highlight': addHighlight,

    async 'clips/list'({ dossierId, query, limit = 50 }) {
      const handle = await service.open(dossierId);
      const rows = handle.dossier.clips.rows({}, 'newest');
      if (!query?.trim()) return { rows: rows.slice(0, limit) };
      const byId = new Map(rows.map((row) => [row.id, row]));
      const hits = handle.search().search(query, { limit });
      return {
        rows: hits.flatMap((hit) => {
          const row = byId.get(hit.id);
          return row ? [{ ...row, snippet: hit.snippet?.text }] : [];
        }),
      };
    },

    async 'dossiers/list'() {
      const lib = await service.library();
      const records = await lib.list();
      return {
        dossiers: records.map((r) => ({ id: r.id, name: r.name, kind: r.kind, clipCount: r.clipCount })),
        defaultId: await service.defaultDossierId(),
      };
    },

    async 'themes/list'({ dossierId }) {
      const handle = await service.open(dossierId);
      const memory = await loadThemeMemory(dossierId);
      const themes = themeOptions(handle.dossier.frameworks.list());
      const known = new Set(themes.map((t) => t.id));
      return { themes, recent: memory.recent.filter((id) => known.has(id)), lastUsed: memory.lastUsed.filter((id) => known.has(id)) };
    },

    /** Themes whose wording the text matches (core's suggester, on the dossier's own frameworks). */
    async 'themes/suggest'({ dossierId, text, exclude }) {
      const handle = await service.open(dossierId);
      return { suggestions: suggestThemes(text, handle.dossier.frameworks.list(), { exclude }) };
    },

    async 'app/open'({ dossierId, clipId }) {
      const url = await appLink(dossierId, clipId);
      await browser.tabs.create({ url });
      return { url };
    },

    async 'highlights/enable'({ enabled }) {
      await saveSettings({ highlights: enabled });
      const origins = await syncHighlighterRegistration(enabled);
      return { enabled, origins };
    },

    ...bridgeHandlers(bridge),
    ...pageHandlers(service, addHighlight),
  };
}
