// The web app's languages. i18next's one instance is the companion renderer's
// (renderer/src/i18n/index.ts: every resource bundled, the browser's language unless one was
// chosen, html[lang] kept in step), because the companion's form parts this app reuses ask it for
// their own words. This module adds the app's own words to it, in English, French and German.
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../../renderer/src/i18n/index.js';
import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';

export { currentLanguage, formatDate, formatDateTime, LANGUAGES, setLanguage, type Language } from '../../../../renderer/src/i18n/index.js';

for (const [language, resources] of Object.entries({ en, fr, de })) i18n.addResourceBundle(language, 'translation', resources, true, true);

/** A plural's key without its _one/_other: t() picks the form from `count`. */
type Base<K extends string> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K;
type Leaves<T, P extends string> = { [K in keyof T & string]: T[K] extends string ? `${P}${Base<K>}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];

/** Every key of the app's own words, checked by the compiler. */
export type WebKey = Leaves<typeof en.web, 'web.'>;
export type WebT = (key: WebKey, options?: Record<string, string | number>) => string;

// i18next's own key types are the renderer's (declared there); the app's keys are checked by WebKey.
const loose = (t: unknown) => t as WebT;

/** The app's words in the active language, outside React. */
export const tw: WebT = (key, options) => loose(i18n.t.bind(i18n))(key, options);

/** The app's words in the active language; the component re-renders when the language changes. */
export function useWebT(): WebT {
  const { t } = useTranslation();
  return loose(t);
}

/** A key only known at run time (a catalogued sentence): i18next falls back to `defaultValue`. */
export const tAny = (key: string, options: Record<string, unknown>): string => (i18n.t as unknown as (key: string, options: object) => string)(key, options);
