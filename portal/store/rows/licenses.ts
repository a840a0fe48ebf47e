// The rows of subscription periods, as both engines read them, and the store's objects they become
// (license-store.ts).
import { addMonths } from '../../../shared/portal/licenses.js';
import type { PeriodRow } from '../license-store.js';

export interface PeriodDbRow {
  starts_on: string;
  ends_on: string;
  months: number;
  source: PeriodRow['source'];
  key_end: string | null;
  credits: number | null;
  action: PeriodRow['action'];
  added_at: string;
}

export const toPeriod = (r: PeriodDbRow): PeriodRow => ({
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  months: r.months,
  source: r.source,
  keyEnd: r.source === 'license' ? r.key_end : null,
  credits: r.source === 'credits' ? r.credits : null,
  action: r.action,
  addedAt: r.added_at,
});

/** A period made now: from a redeemed license key (`keyEnd`) or from credits spent (`credits`, `action`). */
export const newPeriod = (
  startsOn: string,
  months: number,
  from: { source: 'license'; keyEnd: string } | { source: 'credits'; credits: number; action: NonNullable<PeriodRow['action']> },
  now: string,
): PeriodRow => ({
  startsOn,
  endsOn: addMonths(startsOn, months),
  months,
  source: from.source,
  keyEnd: from.source === 'license' ? from.keyEnd : null,
  credits: from.source === 'credits' ? from.credits : null,
  action: from.source === 'credits' ? from.action : null,
  addedAt: now,
});
