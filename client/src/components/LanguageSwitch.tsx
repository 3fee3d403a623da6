/** Switches the UI language; the button is written in the language it switches to. */
import { type Locale, setLocale, t } from '../i18n';

export function LanguageSwitch() {
  return (
    <button
      type="button"
      class="button button--quiet"
      lang={t().language.switchToLang}
      onClick={() => setLocale(t().language.switchToLang as Locale)}
    >
      {t().language.switchTo}
    </button>
  );
}
