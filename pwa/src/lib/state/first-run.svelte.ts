// The first run's welcome as rune state: shown on the personal dossier until the user starts
// ("Aan de slag": name, frameworks) or puts it off; Settings can show it again.
import { applyFrameworkChoice, welcomePref, type WelcomeChoice } from '../services/first-run.js';
import { dossierHref } from '../services/routes.js';
import type { AppPort } from './app-port.js';

export class FirstRun {
  /** The welcome shows (on the personal dossier's list). */
  showing = $state(false);

  constructor(private readonly app: AppPort & { personalId: string | null; renameDossier(id: string, name: string): Promise<void>; run<T>(work: () => T): T | undefined }) {}

  async load(): Promise<void> {
    this.showing = (await this.app.service.getPref<boolean>(welcomePref)) !== true;
  }

  /** Apply the choices to the dossier on screen (null: put off); true when done. */
  async finish(choice: WelcomeChoice | null): Promise<boolean> {
    if (choice) {
      const dossier = this.app.dossier;
      const admin = dossier?.themesAdmin;
      if (!dossier || !admin) return false;
      const applied = this.app.run(() => {
        applyFrameworkChoice(admin, dossier.frameworks, choice);
        return true;
      });
      if (!applied) return false;
      if (choice.name !== dossier.name) await this.app.renameDossier(dossier.id, choice.name);
    }
    this.showing = false;
    await this.app.service.setPref(welcomePref, true).catch((error) => this.app.report(error));
    return true;
  }

  /** From Settings: the welcome once more, on the personal dossier. */
  async again(): Promise<void> {
    await this.app.service.setPref(welcomePref, false).catch((error) => this.app.report(error));
    this.showing = true;
    if (this.app.personalId) this.app.go(dossierHref(this.app.personalId, 'list'));
  }
}
