import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage, type Language } from '../i18n/index.js';

/**
 * The app's language: the system's until a choice is made here, which is remembered and applied at
 * once. Each language is named in itself, so it can be found from any of the others.
 */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className={`language-switch${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{t('language.label')}</label>{' '}
      <select id={id} value={currentLanguage()} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="language-switch">
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
