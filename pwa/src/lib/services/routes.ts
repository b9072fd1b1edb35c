// Hash routes of the app (`#/d/<dossierId>/board`): parse and build. Pure, so deep links
// survive a reload and tests can build addresses.

export type DossierView = 'board' | 'list' | 'search' | 'themes' | 'portfolio' | 'leervragen' | 'growth' | 'samen' | 'trash' | 'export' | 'share' | 'history';
export const dossierViews: readonly DossierView[] = ['board', 'list', 'search', 'portfolio', 'leervragen', 'growth', 'samen', 'themes', 'trash', 'export', 'share', 'history'];

export type Route =
  | { name: 'dossiers' }
  | { name: 'settings' }
  /** An invite link (`#/join/<payload>`); `hash` is the whole fragment for parseInviteLink. */
  | { name: 'join'; hash: string }
  /** A relay link (`#/relay/<payload>`); `hash` is the whole fragment for parseRelayLink. */
  | { name: 'relay-join'; hash: string }
  | { name: 'dossier'; dossierId: string; view: DossierView; query: string }
  | { name: 'clip'; dossierId: string; clipId: string }
  /** A handed-in version of the portfolio (`#/d/<id>/ingeleverd/<handInId>`). */
  | { name: 'hand-in'; dossierId: string; handInId: string }
  /** Something shared to the app (Web Share Target): the service worker put it in the inbox. */
  | { name: 'shared'; failed: boolean };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  if (parts[0] === 'join') return { name: 'join', hash: `#${raw}` };
  if (parts[0] === 'relay') return { name: 'relay-join', hash: `#${raw}` };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'gedeeld') return { name: 'shared', failed: new URLSearchParams(search).has('mislukt') };
  if (parts[0] === 'd' && parts[1]) {
    const dossierId = parts[1];
    if (parts[2] === 'clip' && parts[3]) return { name: 'clip', dossierId, clipId: parts[3] };
    if (parts[2] === 'ingeleverd' && parts[3]) return { name: 'hand-in', dossierId, handInId: parts[3] };
    const view = (dossierViews as readonly string[]).includes(parts[2] ?? '') ? (parts[2] as DossierView) : 'list';
    return { name: 'dossier', dossierId, view, query: new URLSearchParams(search).get('q') ?? '' };
  }
  return { name: 'dossiers' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'dossiers':
      return '#/';
    case 'settings':
      return '#/settings';
    case 'shared':
      return route.failed ? '#/gedeeld?mislukt=1' : '#/gedeeld';
    case 'join':
    case 'relay-join':
      return route.hash;
    case 'dossier': {
      const base = `#/d/${encodeURIComponent(route.dossierId)}/${route.view}`;
      return route.query ? `${base}?${new URLSearchParams({ q: route.query })}` : base;
    }
    case 'clip':
      return `#/d/${encodeURIComponent(route.dossierId)}/clip/${encodeURIComponent(route.clipId)}`;
    case 'hand-in':
      return `#/d/${encodeURIComponent(route.dossierId)}/ingeleverd/${encodeURIComponent(route.handInId)}`;
  }
}

export const dossierHref = (dossierId: string, view: DossierView = 'list', query = '') => href({ name: 'dossier', dossierId, view, query });
export const clipHref = (dossierId: string, clipId: string) => href({ name: 'clip', dossierId, clipId });
export const handInHref = (dossierId: string, handInId: string) => href({ name: 'hand-in', dossierId, handInId });

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Which screen a route shows (a search query is part of its screen, not a screen of its own). */
export function screenKey(route: Route): string {
  switch (route.name) {
    case 'dossier':
      return `d/${route.dossierId}/${route.view}`;
    case 'clip':
      return `d/${route.dossierId}/clip/${route.clipId}`;
    case 'hand-in':
      return `d/${route.dossierId}/ingeleverd/${route.handInId}`;
    case 'join':
    case 'relay-join':
      return route.name;
    default:
      return route.name;
  }
}

/** The screen an address opens. */
export const screenOfHash = (hash: string): string => screenKey(parseRoute(hash));
