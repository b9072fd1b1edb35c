// What we tell peers we are looking at: the screen of the current route, and the clip when
// reading one. Nothing else about the route (no search query) leaves the device.
import type { PresenceView } from '@knipsel/core/peer';
import type { Route } from './routes.js';

export function presenceViewOf(route: Route, dossierId: string): PresenceView {
  if (route.name === 'clip' && route.dossierId === dossierId) return { screen: 'clip', clipId: route.clipId };
  if (route.name === 'dossier' && route.dossierId === dossierId) return { screen: route.view };
  return { screen: 'elsewhere' };
}
