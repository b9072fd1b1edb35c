// The extension's own preferences (browser.storage.local): web app address(es), language,
// default dossier and themes, highlights on/off, and the recently/last used themes.
import { browser } from 'wxt/browser';
import * as v from 'valibot';

export type LanguageSetting = 'auto' | 'nl' | 'en';

export interface Settings {
  /** Knipsel web app addresses; the first one is opened by "Open in Knipsel". */
  appUrls: string[];
  language: LanguageSetting;
  /** null: the personal dossier. */
  defaultDossierId: string | null;
  defaultThemes: string[];
  /** Show the in-page highlighter on clipped pages (needs optional host access). */
  highlights: boolean;
}

export const defaultAppUrl = 'http://127.0.0.1:8787/';
export const defaultSettings: Settings = { appUrls: [defaultAppUrl], language: 'auto', defaultDossierId: null, defaultThemes: [], highlights: false };

const httpUrl = v.pipe(
  v.string(),
  v.url(),
  v.check((u) => /^https?:\/\//i.test(u), 'must be http(s)'),
);
const settingsSchema = v.object({
  appUrls: v.pipe(v.array(httpUrl), v.minLength(1), v.maxLength(10)),
  language: v.picklist(['auto', 'nl', 'en']),
  defaultDossierId: v.nullable(v.pipe(v.string(), v.maxLength(128))),
  defaultThemes: v.pipe(v.array(v.pipe(v.string(), v.maxLength(128))), v.maxLength(100)),
  highlights: v.boolean(),
});

const key = 'settings';

/** Normalise an address the user typed ("localhost:8787" → "http://localhost:8787/"); null if unusable. */
export function normaliseAppUrl(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    url.search = '';
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url.href;
  } catch {
    return null;
  }
}

/** The web app's address for a clip: `<appUrl>#/d/<dossierId>/clip/<clipId>`. */
export function appClipUrl(appUrl: string, dossierId?: string, clipId?: string): string {
  const base = normaliseAppUrl(appUrl) ?? defaultAppUrl;
  if (!dossierId) return base;
  return `${base}#/d/${encodeURIComponent(dossierId)}${clipId ? `/clip/${encodeURIComponent(clipId)}` : ''}`;
}

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(key))[key];
  const merged = { ...defaultSettings, ...(typeof stored === 'object' && stored ? stored : {}) };
  const parsed = v.safeParse(settingsSchema, merged);
  return parsed.success ? parsed.output : defaultSettings;
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings()), ...patch };
  const parsed = v.parse(settingsSchema, next);
  await browser.storage.local.set({ [key]: parsed });
  return parsed;
}

export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && key in changes) void loadSettings().then(listener);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

/** Recently used themes (per dossier) and the themes of the last clip, for quick clips. */
export async function loadThemeMemory(dossierId: string): Promise<{ recent: string[]; lastUsed: string[] }> {
  const stored = (await browser.storage.local.get(`themes:${dossierId}`))[`themes:${dossierId}`] as { recent?: string[]; lastUsed?: string[] } | undefined;
  return { recent: stored?.recent ?? [], lastUsed: stored?.lastUsed ?? [] };
}

export async function saveThemeMemory(dossierId: string, memory: { recent: string[]; lastUsed: string[] }): Promise<void> {
  await browser.storage.local.set({ [`themes:${dossierId}`]: memory });
}
