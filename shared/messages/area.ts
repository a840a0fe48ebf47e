// One area of the catalog: English as literal types (say() reads its placeholders), and French and
// German with exactly English's keys, which the compiler checks (test/unit/i18n-keys.test.ts checks
// the placeholders).
export type Translation<T> = { [K in keyof T]: string };

export interface MessageArea {
  en: Record<string, string>;
  fr: Record<string, string>;
  de: Record<string, string>;
}

/** An area, typed so a key missing or extra in fr or de fails the typecheck. */
export const area = <const T extends Record<string, string>>(en: T, fr: Translation<T>, de: Translation<T>) => ({ en, fr, de });
