// How every screen writes dates, numbers and counted nouns: in the person's own locale, through
// Intl (nothing fetched). One moment is always written one way: date and time, medium date style.
// A value that does not parse is shown as it came. The language pass will swap the English nouns
// for catalogue entries; the plural category already comes from Intl.PluralRules.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const numbers = new Intl.NumberFormat();
const plurals = new Intl.PluralRules();

/** A moment (ISO 8601) as date and time, e.g. "3 Dec 2026, 14:05". */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/**
 * A day: a calendar date (YYYY-MM-DD, as warranties are kept) without a time zone shifting it, or
 * a moment's date in the person's time zone.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12)) : new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : day ? calendarDay.format(d) : dateOnly.format(d);
}

export const formatCount = (n: number) => numbers.format(n);

/** English forms of a counted noun, by Intl.PluralRules category ("one" and "other" at least). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { one: string; other: string };

/** The form of a noun (or phrase) for a count, without the number: "needs" / "need". */
export const pluralForm = (n: number, forms: PluralForms) => forms[plurals.select(n)] ?? forms.other;

/** A count with its noun: "1 server", "12 servers", "1,204 servers". */
export const counted = (n: number, forms: PluralForms) => `${formatCount(n)} ${pluralForm(n, forms)}`;
