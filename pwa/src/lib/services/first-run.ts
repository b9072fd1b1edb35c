// The choices of the first run applied to the first dossier: the preset frameworks the user
// works with switched on (the others off), and an empty framework for own themes when asked.
// Pure over the framework service, so it is tested without a browser.
import type { Framework } from '@knipsel/core';
import type { FrameworkService } from './framework-service.js';

export interface WelcomeChoice {
  /** The first dossier's name. */
  name: string;
  /** Preset framework ids to use. */
  frameworks: string[];
  /** Also an empty framework for own themes, named `ownName`. */
  own: boolean;
  ownName: string;
}

export function applyFrameworkChoice(admin: Pick<FrameworkService, 'setPresetEnabled' | 'addFramework'>, frameworks: readonly Framework[], choice: WelcomeChoice): void {
  for (const framework of frameworks) {
    if (!framework.preset) continue;
    const on = choice.frameworks.includes(framework.id);
    if (framework.enabled !== on) admin.setPresetEnabled(framework.id, on);
  }
  if (choice.own && !frameworks.some((f) => !f.preset)) admin.addFramework({ name: choice.ownName });
}
