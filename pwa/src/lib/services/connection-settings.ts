// Where shared dossiers find each other: the signalling server (default: this app's own
// origin at /signal, ws or wss by the page's scheme) and the ICE servers WebRTC uses to
// get through routers. Pure: parsing and checking of what the user types in Settings.
//
// Default ICE: one public STUN server, so colleagues on different networks (home, office,
// phone) can connect. A STUN server sees IP addresses, never dossier content. Clearing the
// list keeps connections to the local network (what the end-to-end tests do: they have no
// internet). TURN needs credentials and is left to the relay.

export interface ConnectionSettings {
  /** A ws(s):// URL, or '' for this app's own `/signal`. */
  signalingUrl: string;
  /** `stun:`/`stuns:` URLs; empty = only direct connections within the local network. */
  iceUrls: string[];
}

export const defaultIceUrls: readonly string[] = ['stun:stun.l.google.com:19302'];
export const defaultConnectionSettings: ConnectionSettings = { signalingUrl: '', iceUrls: [...defaultIceUrls] };

export type SettingsProblem = 'signaling-not-websocket' | 'signaling-invalid' | 'ice-invalid' | 'ice-too-many';

/** `ws(s)://<host>/signal` of the page's origin. */
export function ownSignalingUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`;
}

/** The signalling URL to use now. */
export function resolveSignalingUrl(settings: ConnectionSettings, location: { protocol: string; host: string }): string {
  return settings.signalingUrl || ownSignalingUrl(location);
}

/** Check a signalling URL as typed: '' (own origin) or ws/wss; http(s) is turned into ws(s). */
export function checkSignalingUrl(text: string): { url: string } | { problem: SettingsProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { url: '' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { problem: 'signaling-invalid' };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') url = new URL(trimmed.replace(/^http/i, 'ws'));
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return { problem: 'signaling-not-websocket' };
  if (url.username || url.password || url.hash) return { problem: 'signaling-invalid' };
  return { url: url.href };
}

/** Check ICE server URLs as typed (one per line or comma-separated). */
export function checkIceUrls(text: string): { urls: string[] } | { problem: SettingsProblem } {
  const urls = text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (urls.length > 5) return { problem: 'ice-too-many' };
  for (const url of urls) {
    if (!/^stuns?:[a-z0-9.-]+(:\d{1,5})?$/i.test(url)) return { problem: 'ice-invalid' };
  }
  return { urls: [...new Set(urls)] };
}

/** A stored value, repaired to a valid ConnectionSettings (bad parts fall back to defaults). */
export function normaliseSettings(stored: unknown): ConnectionSettings {
  if (typeof stored !== 'object' || stored === null) return { ...defaultConnectionSettings, iceUrls: [...defaultIceUrls] };
  const value = stored as Partial<Record<keyof ConnectionSettings, unknown>>;
  const signaling = typeof value.signalingUrl === 'string' ? checkSignalingUrl(value.signalingUrl) : { url: '' };
  const ice = Array.isArray(value.iceUrls) && value.iceUrls.every((u) => typeof u === 'string') ? checkIceUrls(value.iceUrls.join('\n')) : null;
  return {
    signalingUrl: 'url' in signaling ? signaling.url : '',
    iceUrls: ice && 'urls' in ice ? ice.urls : [...defaultIceUrls],
  };
}

/** RTCConfiguration.iceServers for the settings. */
export function iceServersOf(settings: ConnectionSettings): RTCIceServer[] {
  return settings.iceUrls.map((urls) => ({ urls }));
}
