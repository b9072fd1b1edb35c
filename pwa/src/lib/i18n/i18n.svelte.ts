// The current language as shared reactive state, plus locale-aware formatting (Intl).
// Dutch comes with the app; English is a lazy chunk, loaded by `use('en')` before it shows.
import { getContext, setContext } from 'svelte';
import type { Locale, Messages } from './messages.js';
import { nl } from './nl.js';

const loaders: Record<Locale, () => Promise<Messages>> = {
  nl: async () => nl,
  en: async () => (await import('./en.js')).en,
};
const intlTags: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

export class I18n {
  #locale = $state<Locale>('nl');
  #catalogues = $state.raw<Partial<Record<Locale, Messages>>>({ nl });
  m: Messages = $derived(this.#catalogues[this.#locale] ?? nl);

  get locale(): Locale {
    return this.#locale;
  }

  /** Switch the language once its messages are loaded (the old one stays until then). */
  async use(locale: Locale): Promise<void> {
    if (!this.#catalogues[locale]) {
      const messages = await loaders[locale]();
      this.#catalogues = { ...this.#catalogues, [locale]: messages };
    }
    this.#locale = locale;
  }

  #date = $derived(new Intl.DateTimeFormat(intlTags[this.locale], { day: 'numeric', month: 'long', year: 'numeric' }));
  #dateShort = $derived(new Intl.DateTimeFormat(intlTags[this.locale], { day: 'numeric', month: 'short', year: 'numeric' }));
  #number = $derived(new Intl.NumberFormat(intlTags[this.locale]));

  #month = $derived(new Intl.DateTimeFormat(intlTags[this.locale], { month: 'long', year: 'numeric', timeZone: 'UTC' }));

  /** "3 maart 2025"; a year ("2016") or a month ("december 2016") as given, never a made-up day. */
  date = (value: number | string | Date): string => {
    if (typeof value === 'string' && /^\d{4}$/.test(value)) return value;
    if (typeof value === 'string' && /^\d{4}-\d{2}$/.test(value)) return this.#month.format(new Date(`${value}-01T00:00:00Z`));
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : this.#date.format(date);
  };
  dateShort = (value: number | Date): string => this.#dateShort.format(value);
  number = (value: number): string => this.#number.format(value);
  /** A file size as the extension and the file limits say it (1 MB = 1024 kB = 1024 × 1024 bytes): "20 MB", "22 kB". */
  bytes = (value: number): string => {
    const [unit, size] =
      value >= 1024 ** 3
        ? (['gigabyte', value / 1024 ** 3] as const)
        : value >= 1024 ** 2
          ? (['megabyte', value / 1024 ** 2] as const)
          : (['kilobyte', Math.max(1, value / 1024)] as const);
    return new Intl.NumberFormat(intlTags[this.locale], { style: 'unit', unit, maximumFractionDigits: unit === 'kilobyte' || size >= 10 ? 0 : 1 }).format(size);
  };
}

const key = Symbol('knipsel-i18n');
/** Make the app's I18n available to components below (the root does this once). */
export const provideI18n = (i18n: I18n) => setContext(key, i18n);
/** Texts and formatting for components that need nothing else of the app. */
export const getI18n = (): I18n => getContext<I18n>(key);
