// Words of Dutch text as the theme suggester compares them: folded (case, diacritics), split
// on anything that is not a letter or digit, common function words dropped, and reduced to
// their Snowball stem ("bewoners" → "bewoner", "oplossingen" → "oploss"). The stemmer is
// @orama/stemmers' Dutch Snowball port: 6.5 kB, no dependencies, runs on the device.
import { stemmer } from '@orama/stemmers/dutch';
import { fold } from '../search/fold.js';

/** Snowball's Dutch stop list without "zelf" ("bedacht door bewoners zelf" says who owns it), plus common adverbs and verbs that carry no theme. */
const stopwords = new Set(
  (
    'de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen kunnen ons tegen na reeds wil kon niets uw iemand geweest andere ' +
    'jij jou jouw we wij jullie onze hen elk elke welke waar wanneer waarom waarbij daarvan daarbij daarmee hierbij steeds vaak vooral wel weer even heel zeer erg eigenlijk gewoon etc bijvoorbeeld ' +
    'vanuit gaan gaat ga komt komen maak maakt maken laat laten krijgen krijgt staan staat goed goede nieuw nieuwe daarin hierin daaruit ervoor erop wij zijn'
  ).split(' '),
);

/** Folded words of a text, in order, stopwords included. */
export function foldedWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
}

export function isStopword(word: string): boolean {
  return stopwords.has(word);
}

const stems = new Map<string, string>();

/** The Snowball stem of a folded word (cached: a clip repeats its words). */
export function stem(word: string): string {
  let result = stems.get(word);
  if (result === undefined) {
    result = /^\d+$/.test(word) ? word : stemmer(word);
    if (stems.size > 50_000) stems.clear();
    stems.set(word, result);
  }
  return result;
}

/** Content words of a text: folded, no stopwords. */
export function contentWords(text: string): string[] {
  return foldedWords(text).filter((w) => !stopwords.has(w));
}
