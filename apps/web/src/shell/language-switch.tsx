import { useI18n } from '../i18n/i18n-context';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/messages';

/** 中文 | English, each named in itself. */
export function LanguageSwitch({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { language, setLanguage, t } = useI18n();
  return (
    <div className={`lang-switch lang-switch--${tone}`} role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          className="lang-switch__option"
          aria-pressed={language === lang}
          onClick={() => setLanguage(lang)}
        >
          {LANGUAGE_NAMES[lang]}
        </button>
      ))}
    </div>
  );
}
