// The first run's welcome as rune state: shown on the personal dossier until the user starts
// ("Aan de slag") or puts it off; Settings can show it again. The welcome itself (a lazy chunk)
// applies the choices (services/first-run.ts).
import { welcomePref } from '../services/first-run-pref.js';
import { dossierHref } from '../services/routes.js';
import type { AppPort } from './app-port.js';

export class FirstRun {
  /** The welcome shows (on the personal dossier's list). */
  showing = $state(false);

  constructor(private readonly app: AppPort & { personalId: string | null }) {}

  async load(): Promise<void> {
    this.showing = (await this.app.service.getPref<boolean>(welcomePref)) !== true;
  }

  /** Answered or put off: not shown again by itself. */
  async done(): Promise<void> {
    this.showing = false;
    await this.app.service.setPref(welcomePref, true).catch((error) => this.app.report(error));
  }

  /** From Settings: the welcome once more, on the personal dossier. */
  async again(): Promise<void> {
    await this.app.service.setPref(welcomePref, false).catch((error) => this.app.report(error));
    this.showing = true;
    if (this.app.personalId) this.app.go(dossierHref(this.app.personalId, 'list'));
  }
}
