// How every screen writes dates, numbers and counted nouns: in the active language, through the
// i18n helpers (i18n/index.ts: Intl with the system's own tag when it is of that language, so
// en-GB keeps day/month order). One moment is always written one way: date and time, medium date
// style. A value that does not parse is shown as it came. Counted nouns are better as i18next
// plurals (key_one/key_other with { count }); counted/pluralForm stay for forms a caller words itself.
import { currentLanguage, formatDate as dateIn, formatDateTime, formatNumber } from '../i18n/index.js';

/** A moment (ISO 8601) as date and time, e.g. "3 Dec 2026, 14:05", "3 déc. 2026, 14:05". */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatDateTime(d);
}

/**
 * A day: a calendar date (YYYY-MM-DD, as warranties are kept) without a time zone shifting it, or
 * a moment's date in the person's time zone.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12)) : new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return day ? dateIn(d, { dateStyle: 'medium', timeZone: 'UTC' }) : dateIn(d);
}

export const formatCount = (n: number) => formatNumber(n);

/** Forms of a counted noun in the active language, by Intl.PluralRules category ("one" and "other" at least). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { one: string; other: string };

// One PluralRules per language, made when first asked for.
const pluralRules = new Map<string, Intl.PluralRules>();
const pluralCategory = (n: number) => {
  const language = currentLanguage();
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  return rules.select(n);
};

/** The form of a noun (or phrase) for a count, without the number: "needs" / "need". */
export const pluralForm = (n: number, forms: PluralForms) => forms[pluralCategory(n)] ?? forms.other;

/** A count with its noun: "1 server", "12 servers", "1,204 servers". */
export const counted = (n: number, forms: PluralForms) => `${formatCount(n)} ${pluralForm(n, forms)}`;
