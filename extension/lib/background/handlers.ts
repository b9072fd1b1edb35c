// The background's implementation of the message protocol: every request in
// messaging/protocol.ts is answered here, on top of the library service.
import { browser } from 'wxt/browser';
import { comparableUrl, isIncompleteLink, maxKeptFileBytes, suggestThemes, type Capture } from '@knipsel/core';
import { bridgeAlias } from '@knipsel/core/bridge';
import type { DuplicateRef, Results } from '../messaging/protocol.js';
import type { Handlers, SenderInfo } from '../messaging/router.js';
import { appClipUrl, loadSettings, loadThemeMemory, saveSettings, saveThemeMemory } from '../settings/settings.js';
import { pushRecent, themeOptions } from '../themes/theme-filter.js';
import { captureTab } from './capture-tab.js';
import { keepImages } from './keep-images.js';
import { injectHighlighter, syncHighlighterRegistration } from './highlighter-registration.js';
import type { BridgeHost } from './bridge-host.js';
import type { LibraryService } from './background-library.js';
import { PdfHostError, type PdfHost } from './pdf-host.js';

const anchorKey = (clipId: string) => `anchors:${clipId}`;

type BridgeControls = Pick<BridgeHost, 'status' | 'answerPairing' | 'unpair' | 'resolveDeletions'>;

const noBridge: BridgeControls = {
  status: async () => ({ connected: false, lastSeen: null, origin: null, mismatch: null, pairs: [], requests: [], deletions: null }),
  answerPairing: async () => ({ paired: false }),
  unpair: async () => undefined,
  resolveDeletions: async () => undefined,
};

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

  /** A content script may only ask about the page it runs in. */
  function assertOwnPage(sender: SenderInfo, url: string): void {
    if (!sender.url) return;
    if (sender.tab?.url && comparableUrl(sender.tab.url) !== comparableUrl(url) && comparableUrl(sender.url) !== comparableUrl(url)) {
      throw Object.assign(new Error('A page may only ask about itself.'), { code: 'forbidden' });
    }
  }

  async function rememberThemes(dossierId: string, themes: string[]): Promise<void> {
    const memory = await loadThemeMemory(dossierId);
    await saveThemeMemory(dossierId, { recent: pushRecent(memory.recent, themes), lastUsed: themes });
  }

  async function pageClip(url: string) {
    const [found] = await service.findByUrl([url]);
    return found ?? null;
  }

  async function duplicatesOf(urls: string[]): Promise<DuplicateRef[]> {
    return (await service.findByUrl(urls)).map(({ dossierId, clip }) => ({
      dossierId,
      clipId: clip.id,
      title: clip.title,
      createdAt: clip.createdAt,
      incomplete: clip.toComplete === true || isIncompleteLink(clip.capture),
    }));
  }

  /** A PDF open in the browser's viewer: read by the PDF host, its file offered for keeping. */
  async function pdfPreview(tabId: number, url: string): Promise<Results['clip/preview']> {
    if (!pdf) return { ok: false, reason: 'pdf', url };
    try {
      const read = await pdf.read(url);
      const { capture } = read.result;
      return {
        ok: true,
        tab: { id: tabId, url, title: capture.title },
        capture,
        confidence: read.result.confidence,
        warnings: read.result.warnings,
        suggestedMode: null,
        selection: null,
        duplicates: await duplicatesOf([capture.canonicalUrl, capture.url]),
        file: { sha256: read.sha256, size: read.size, name: read.name, max: maxKeptFileBytes },
      };
    } catch (error) {
      return { ok: false, reason: error instanceof PdfHostError && error.reason === 'fetch-failed' ? 'pdf-fetch' : 'pdf-unreadable', url };
    }
  }

  /**
   * The normal capture of a page the user is not looking at: opened in a background tab, read
   * once its document is (capture-tab.ts), the tab closed again. A PDF is read by the PDF host.
   */
  async function readInBackgroundTab(url: string): Promise<Capture | { reason: string }> {
    if (/\.pdf(?:[?#]|$)/i.test(url) && pdf) {
      try {
        const read = await pdf.read(url);
        return { ...read.result.capture, pdf: { ...read.result.capture.pdf!, file: null } };
      } catch (error) {
        return { reason: error instanceof PdfHostError ? error.reason : 'pdf-unreadable' };
      }
    }
    const tab = await browser.tabs.create({ url, active: false });
    try {
      // Until the navigation commits, the new tab still shows a blank page.
      for (let i = 0; i < 100 && !/^https?:/i.test((await browser.tabs.get(tab.id!)).url ?? ''); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      const captured = await captureTab(tab.id!, 'article');
      if (!captured.ok) return { reason: captured.reason };
      return captured.result.capture;
    } finally {
      await browser.tabs.remove(tab.id!).catch(() => undefined);
    }
  }

  const handlers: Handlers = {
    async 'clip/preview'({ tabId, mode }): Promise<Results['clip/preview']> {
      const captured = await captureTab(tabId, mode);
      if (!captured.ok) return captured.reason === 'pdf' && captured.url && /^https?:/i.test(captured.url) ? pdfPreview(tabId, captured.url) : captured;
      const { capture } = captured.result;
      const duplicates = await duplicatesOf([capture.canonicalUrl, capture.url]);
      return {
        ok: true,
        tab: captured.tab,
        capture,
        confidence: captured.result.confidence,
        warnings: captured.result.warnings,
        suggestedMode: captured.result.suggestedMode,
        selection: captured.selection ?? null,
        duplicates,
      };
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
      const capture = await readInBackgroundTab(clip.capture.url);
      if ('reason' in capture) return { completed: false, reason: capture.reason };
      handle.dossier.clips.complete(clipId, await keepImages(capture, service.files()));
      await handle.flush();
      broadcast(dossierId);
      return { completed: true };
    },

    async 'clip/save'({ dossierId, capture, title, note, themes, tabId, keepFile, toComplete }) {
      // The file first: a clip never names a file that is not there.
      const file = capture.mode === 'pdf' ? capture.pdf?.file : null;
      if (file && keepFile && pdf) await pdf.keep(file, capture.url);
      else if (file) capture = { ...capture, pdf: { ...capture.pdf!, file: null } };
      // The page's images too, before the clip names them.
      capture = await keepImages(capture, service.files());
      const handle = await service.open(dossierId);
      const clipId = handle.dossier.clips.add({ capture, title, note, themes, toComplete });
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
      const clip = handle.dossier.clips.get(clipId);
      if (!clip) throw Object.assign(new Error(`No clip ${clipId}`), { code: 'not-found' });
      const stored = (await browser.storage.local.get(anchorKey(clipId)))[anchorKey(clipId)] as { orphaned?: string[] } | undefined;
      const known = new Set(clip.highlights.map((h) => h.id));
      return { clip, orphaned: (stored?.orphaned ?? []).filter((id) => known.has(id)), appUrl: await appLink(dossierId, clipId) };
    },

    async 'clip/update'({ dossierId, clipId, title, note, addThemes, removeThemes }) {
      const handle = await service.open(dossierId);
      const clips = handle.dossier.clips;
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

    async 'clip/add-highlight'({ dossierId, clipId, quote, position, note, colour }) {
      const handle = await service.open(dossierId);
      const highlightId = handle.dossier.clips.addHighlight(clipId, { quote, position: position ?? null, note, colour });
      await handle.flush();
      broadcast(dossierId);
      return { highlightId };
    },

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

    async 'bridge/status'() {
      return bridge.status();
    },

    async 'bridge/pair-answer'({ requestId, accept }) {
      return bridge.answerPairing(requestId, accept);
    },

    async 'bridge/unpair'({ pairId }) {
      await bridge.unpair(pairId);
      return { ok: true };
    },

    async 'bridge/deletions'({ accept }) {
      await bridge.resolveDeletions(accept);
      return { ok: true };
    },

    async 'page/highlights'({ url }, sender) {
      assertOwnPage(sender, url);
      const found = await pageClip(url);
      if (!found) return null;
      return {
        dossierId: found.dossierId,
        clipId: found.clip.id,
        highlights: found.clip.highlights.map((h) => ({ id: h.id, quote: h.quote, position: h.position, colour: h.colour, note: h.note })),
      };
    },

    async 'page/add-highlight'({ url, quote, position, note, colour }, sender) {
      assertOwnPage(sender, url);
      const found = await pageClip(url);
      if (!found) return null;
      const result = await handlers['clip/add-highlight']({ dossierId: found.dossierId, clipId: found.clip.id, quote, position, note, colour }, sender);
      return { clipId: found.clip.id, highlightId: result.highlightId };
    },

    async 'page/anchor-report'({ url, clipId, orphaned }, sender) {
      assertOwnPage(sender, url);
      const found = await service.findByUrl([url]);
      if (!found.some((f) => f.clip.id === clipId)) return { ok: true };
      await browser.storage.local.set({ [anchorKey(clipId)]: { orphaned, checkedAt: Date.now() } });
      return { ok: true };
    },
  };
  return handlers;
}
