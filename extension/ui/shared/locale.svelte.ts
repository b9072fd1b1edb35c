// The UI language as shared reactive state: from the options (nl/en/auto), following changes.
import { resolveLang, translate, type Lang, type MessageKey } from '../../lib/i18n/messages';
import { loadSettings, onSettingsChanged } from '../../lib/settings/settings';
import { uiLanguage } from '../../lib/services/page-services';

export class Locale {
  lang = $state<Lang>('nl');
  ready = $state(false);

  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.lang, key, params);

  /** The texts of the theme picker where a clip's themes are chosen (popup, side panel). */
  get themePicker() {
    const t = this.t;
    return {
      label: t('popup.themes'),
      placeholder: t('popup.themeSearch'),
      emptyText: t('popup.themeNone'),
      removeLabel: (name: string) => t('popup.themeRemove', { name }),
      lang: this.lang,
      suggestedLabel: t('popup.suggested'),
      suggestedHint: t('popup.suggestedHint'),
      addLabel: (name: string) => t('popup.suggestAdd', { name }),
    };
  }

  /** Load the setting and follow changes; returns the teardown. */
  start(): () => void {
    void loadSettings().then((s) => {
      this.lang = resolveLang(s.language, uiLanguage());
      document.documentElement.lang = this.lang;
      this.ready = true;
    });
    return onSettingsChanged((s) => {
      this.lang = resolveLang(s.language, uiLanguage());
      document.documentElement.lang = this.lang;
    });
  }
}
