// The shape of a message catalogue: the Dutch one defines it, others must match it.
import type { nl } from './nl.js';

export type Messages = typeof nl;
export type Locale = 'nl' | 'en';
export const locales: readonly Locale[] = ['nl', 'en'];
