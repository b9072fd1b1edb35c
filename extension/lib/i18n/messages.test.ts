import { describe, expect, it } from 'vitest';
import { dictionaries, resolveLang, translate } from './messages';

describe('i18n', () => {
  it('has every Dutch key in English, none empty', () => {
    const nlKeys = Object.keys(dictionaries.nl).sort();
    expect(Object.keys(dictionaries.en).sort()).toEqual(nlKeys);
    for (const lang of ['nl', 'en'] as const) for (const key of nlKeys) expect(dictionaries[lang][key as keyof typeof dictionaries.nl].trim()).not.toBe('');
  });
  it('fills placeholders', () => {
    expect(translate('nl', 'popup.words', { count: 412 })).toBe('412 woorden');
    expect(translate('en', 'popup.saved', { dossier: 'Mijn leerdossier' })).toBe('Saved in Mijn leerdossier.');
  });
  it('says one of a thing in the singular: every text that counts has a form for 1', () => {
    for (const lang of ['nl', 'en'] as const) {
      const dictionary = dictionaries[lang];
      for (const key of Object.keys(dictionary) as (keyof typeof dictionary)[]) {
        if (key.endsWith('.one') || !/\{count\} \p{L}/u.test(dictionary[key])) continue;
        expect(`${key}.one` in dictionary ? '' : key).toBe('');
        const one = translate(lang, key, { count: 1 });
        expect(one).not.toBe(translate(lang, key, { count: 2 }).replace('2', '1'));
      }
    }
    expect(translate('nl', 'popup.words', { count: 1 })).toBe('1 woord');
    expect(translate('en', 'side.themes', { count: 1 })).toBe('1 theme');
    expect(translate('en', 'side.themes', { count: 3 })).toBe('3 themes');
  });
  it('picks the language: setting, else browser nl/en, else Dutch', () => {
    expect(resolveLang('en', 'nl-NL')).toBe('en');
    expect(resolveLang('auto', 'en-GB')).toBe('en');
    expect(resolveLang('auto', 'nl')).toBe('nl');
    expect(resolveLang('auto', 'de-DE')).toBe('nl');
    expect(resolveLang('auto', undefined)).toBe('nl');
  });
});
