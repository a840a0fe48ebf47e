// How the systems screens write dates, numbers, countries and states: in the person's own locale,
// through Intl (nothing fetched). A value that does not parse is shown as it came.
import type { SystemSummary } from '../../../../shared/portal/systems.js';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const numbers = new Intl.NumberFormat();
let regions: Intl.DisplayNames | null = null;
try {
  regions = new Intl.DisplayNames(undefined, { type: 'region' });
} catch {
  regions = null;
}

/** A moment (ISO 8601) as date and time. */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** A calendar date (YYYY-MM-DD, as warranties are kept) without a time zone shifting it by a day. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12)) : new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : day ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(d) : dateOnly.format(d);
}

export const formatCount = (n: number) => numbers.format(n);

/** "France" for FR, in the person's language; the code itself where the browser has no name. */
export function countryName(code: string): string {
  if (!code) return '';
  try {
    return regions?.of(code) ?? code;
  } catch {
    return code;
  }
}

export const placeOf = (city: string, country: string) => [city, countryName(country)].filter(Boolean).join(', ');

/** The status My systems shows: consent first, then how the registration reached its site. */
export function statusLabel(s: Pick<SystemSummary, 'status' | 'delivery'>): string {
  if (s.status === 'pending-consent') return 'Pending consent';
  if (s.delivery === 'online') return 'Registered online';
  if (s.delivery === 'offline') return 'Registered offline';
  return 'Registered (not on a site yet)';
}

export const statusClass = (s: Pick<SystemSummary, 'status' | 'delivery'>) => (s.status === 'pending-consent' ? 'sys-status-pending' : s.delivery ? 'sys-status-registered' : 'sys-status-portal');

export const roleLabel = (role: 'integrator' | 'end-user') => (role === 'integrator' ? 'Integrator' : 'End user');
