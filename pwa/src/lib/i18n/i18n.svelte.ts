// The current language as shared reactive state, plus locale-aware formatting (Intl).
import { en } from './en.js';
import type { Locale, Messages } from './messages.js';
import { nl } from './nl.js';

const catalogues: Record<Locale, Messages> = { nl, en };
const intlTags: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

export class I18n {
  locale = $state<Locale>('nl');
  m: Messages = $derived(catalogues[this.locale]);

  #date = $derived(new Intl.DateTimeFormat(intlTags[this.locale], { day: 'numeric', month: 'long', year: 'numeric' }));
  #dateShort = $derived(new Intl.DateTimeFormat(intlTags[this.locale], { day: 'numeric', month: 'short', year: 'numeric' }));
  #number = $derived(new Intl.NumberFormat(intlTags[this.locale]));

  /** "3 maart 2025" */
  date = (value: number | string | Date): string => {
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : this.#date.format(date);
  };
  dateShort = (value: number | Date): string => this.#dateShort.format(value);
  number = (value: number): string => this.#number.format(value);
  bytes = (value: number): string =>
    new Intl.NumberFormat(intlTags[this.locale], { style: 'unit', unit: value >= 1e9 ? 'gigabyte' : 'megabyte', maximumFractionDigits: 1 }).format(
      value >= 1e9 ? value / 1e9 : value / 1e6,
    );
}
