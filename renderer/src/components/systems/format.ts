// How the systems screens write countries, statuses and roles; dates and numbers come from
// lib/format.ts, the one place every screen takes them from.
import type { SystemSummary } from '../../../../shared/portal/systems.js';

let regions: Intl.DisplayNames | null = null;
try {
  regions = new Intl.DisplayNames(undefined, { type: 'region' });
} catch {
  regions = null;
}

// Dates and numbers are written one way across the app: lib/format.ts.
export { formatCount, formatDate, formatWhen } from '../../lib/format.js';

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
