// The rows of subscription periods, as both engines read them, and the store's objects they become
// (license-store.ts).
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
