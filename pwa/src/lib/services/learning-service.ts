// The learning plan of one open dossier for the screens: leervragen (with evidence and
// actions), periods, self-ratings and the "gaandeweg veranderd" answer per theme, and the
// growth view of a theme. Every write is followed by a flush.
import {
  growthView,
  type GrowthView,
  type GuideLocale,
  type Leervraag,
  type LeervraagInput,
  type LeervraagPatch,
  type OpenDossier,
  type Period,
  type PeriodInput,
  type Rating,
} from '@knipsel/core';
import { persisting, type Persist } from './persist.js';

export function createLearningService(open: OpenDossier, persist: Persist) {
  const { dossier } = open;
  const write = persisting(persist);
  const lv = dossier.leervragen;
  const growth = dossier.growth;
  return {
    leervragen: (): Leervraag[] => lv.list(),
    addLeervraag: (input: LeervraagInput) => write(() => lv.add(input)),
    updateLeervraag: (id: string, patch: LeervraagPatch) => write(() => lv.update(id, patch)),
    removeLeervraag: (id: string) => write(() => lv.remove(id)),
    link: (id: string, clipIds: string[]) => write(() => lv.link(id, clipIds)),
    unlink: (id: string, clipIds: string[]) => write(() => lv.unlink(id, clipIds)),
    addAction: (id: string, text: string) => write(() => lv.addAction(id, text)),
    setActionDone: (id: string, actionId: string, done: boolean) => write(() => lv.updateAction(id, actionId, { done })),
    removeAction: (id: string, actionId: string) => write(() => lv.removeAction(id, actionId)),

    periods: (): Period[] => growth.periods(),
    addPeriod: (input: PeriodInput) => write(() => growth.addPeriod(input)),
    removePeriod: (id: string) => write(() => growth.removePeriod(id)),
    rate: (periodId: string, themeId: string, rating: Rating | null) => write(() => growth.rate(periodId, themeId, rating)),
    setChanged: (themeId: string, text: string) => write(() => growth.setChanged(themeId, text)),

    /** The growth view of one theme: first and latest reflection, ratings per period, what changed. */
    view(themeId: string, locale: GuideLocale = 'nl'): GrowthView {
      return growthView({ themeId, clips: dossier.clips.all(), periods: growth.periods(), rating: growth.rating, changed: growth.changed(themeId), locale });
    },
  };
}

export type LearningService = ReturnType<typeof createLearningService>;
