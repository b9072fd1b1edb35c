// What the sharing and relay states need of the app, as a narrow port (AppState provides it):
// the library, the dossiers and the dossier on screen, the route, texts, and a few actions.
import type { DossierRecord } from '@knipsel/core';
import type { Messages } from '../i18n/messages.js';
import type { LibraryService } from '../services/library-service.js';
import type { Route } from '../services/routes.js';
import type { DossierState } from './dossier-state.svelte.js';
import type { Toasts } from './toasts.svelte.js';

export interface AppPort {
  readonly service: LibraryService;
  /** The library's dossiers (reactive). */
  readonly dossiers: readonly DossierRecord[];
  /** The dossier on screen (reactive). */
  readonly dossier: DossierState | null;
  readonly route: Route;
  readonly m: Messages;
  readonly toasts: Toasts;
  /** Show an error to the user. */
  report(error: unknown): void;
  refreshDossiers(): Promise<void>;
  go(hash: string): void;
  /** Close the dossier on screen if it is this one (it is being left or removed). */
  closeDossier(id: string): void;
}
