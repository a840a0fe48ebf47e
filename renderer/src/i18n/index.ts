// The app's languages: i18next with every resource bundled (no backend plugin, nothing fetched at
// run time). Importing this module initialises it, synchronously, so a string asked for before
// React renders (a store, a check run in a test) is already translated. React is bound to it in
// ./react.ts, kept apart so Node tests can use this without React's types or code.
import i18next from 'i18next';
import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';

export const LANGUAGES = ['en', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Each language named in itself, as the switcher shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', de: 'Deutsch' };

declare module 'i18next' {
  interface CustomTypeOptions {
    // t('a.key') is checked against English's keys by the compiler.
    resources: { translation: typeof en };
  }
}

const STORAGE_KEY = 'bms-companion.language';

/** What this module needs of the page, typed here so it also compiles (and runs) in Node tests with no DOM. */
interface Host {
  navigator?: { languages?: readonly string[]; language?: string };
  localStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  document?: { documentElement: { lang: string } };
}
const host = globalThis as Host;
const primary = (tag: string) => tag.toLowerCase().split('-')[0]!;
const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** The first of the system's languages that the app has, else English. */
export function systemLanguage(tags: readonly string[]): Language {
  return tags.map(primary).find(isLanguage) ?? 'en';
}

const systemTags = (): readonly string[] => (host.navigator?.languages?.length ? host.navigator.languages : host.navigator?.language ? [host.navigator.language] : []);

function storedLanguage(): Language | null {
  try {
    const value = host.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // storage refused (privacy settings): the system's language it is
  }
}

// The global instance: react-i18next's hooks and any `import i18next` see the same language.
export const i18n = i18next;

void i18n.init({
  resources: { en: { translation: en }, fr: { translation: fr }, de: { translation: de } },
  lng: storedLanguage() ?? systemLanguage(systemTags()),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // React escapes what it renders; escaping here too would show &amp; and the like.
  interpolation: { escapeValue: false },
  initAsync: false,
});

const showLanguage = (language: string) => {
  if (host.document) host.document.documentElement.lang = language;
};
showLanguage(i18n.language);
i18n.on('languageChanged', showLanguage);

export const t = i18n.t.bind(i18n);

export const currentLanguage = (): Language => (isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en');

/** A choice made in the app: remembered, and applied at once (every useTranslation re-renders). */
export function setLanguage(language: Language): void {
  try {
    host.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    /* not remembered, still applied */
  }
  void i18n.changeLanguage(language);
}

/**
 * The locale Intl formats with: the system's own tag when it is of the active language (en-GB
 * keeps day/month order), else the language itself.
 */
export function intlLocale(): string {
  const language = currentLanguage();
  return systemTags().find((tag) => primary(tag) === language) ?? language;
}

type DateInput = Date | string | number;
const asDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

// Formatters are costly to make and a table formats hundreds of cells: one per locale and options.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: 'date' | 'number', options: object | undefined, make: (locale: string) => T): T {
  const locale = intlLocale();
  const key = `${kind} ${locale} ${JSON.stringify(options ?? {})}`;
  let found = formatters.get(key) as T | undefined;
  if (!found) formatters.set(key, (found = make(locale)));
  return found;
}

/** A day, in the active language: "Mar 12, 2026", "12 mars 2026", "12.03.2026". */
export const formatDate = (value: DateInput, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }) =>
  formatter('date', options, (locale) => new Intl.DateTimeFormat(locale, options)).format(asDate(value));

/** A day and time to the minute, in the active language. */
export const formatDateTime = (value: DateInput, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }) =>
  formatter('date', options, (locale) => new Intl.DateTimeFormat(locale, options)).format(asDate(value));

export const formatNumber = (value: number, options?: Intl.NumberFormatOptions) => formatter('number', options, (locale) => new Intl.NumberFormat(locale, options)).format(value);
