// The first hour's texts (welcome, extension, completing a link, Settings) in the current
// language, for the lazy components that show them.
import type { Locale } from './messages.js';
import { welcomeEn } from './welcome-en.js';
import { welcomeNl } from './welcome-nl.js';

export type WelcomeTexts = typeof welcomeNl;

export const welcomeTexts = (locale: Locale): WelcomeTexts => (locale === 'en' ? welcomeEn : welcomeNl);
