// How the systems screens write countries, statuses, roles and the registration's choices, in the
// active language; dates and numbers come from lib/format.ts, the one place every screen takes them from.
import { BUSINESS_SEGMENTS, SYSTEM_APPLICATIONS } from '../../../../shared/portal/fields.js';
import type { SystemSummary } from '../../../../shared/portal/systems.js';
import { intlLocale, t } from '../../i18n/index.js';

// Dates and numbers are written one way across the app: lib/format.ts.
export { formatCount, formatDate, formatWhen } from '../../lib/format.js';

// One Intl.DisplayNames per locale: the language can change while the app runs.
const regions = new Map<string, Intl.DisplayNames | null>();
function regionNames(): Intl.DisplayNames | null {
  const locale = intlLocale();
  if (!regions.has(locale)) {
    try {
      regions.set(locale, new Intl.DisplayNames([locale], { type: 'region' }));
    } catch {
      regions.set(locale, null);
    }
  }
  return regions.get(locale)!;
}

/** "France" for FR, in the active language; the code itself where the browser has no name. */
export function countryName(code: string): string {
  if (!code) return '';
  try {
    return regionNames()?.of(code) ?? code;
  } catch {
    return code;
  }
}

export const placeOf = (city: string, country: string) => [city, countryName(country)].filter(Boolean).join(', ');

/** The status My systems shows: consent first, then how the registration reached its site. */
export function statusLabel(s: Pick<SystemSummary, 'status' | 'delivery'>): string {
  if (s.status === 'pending-consent') return t('systems.status.pendingConsent');
  if (s.delivery === 'online') return t('systems.status.online');
  if (s.delivery === 'offline') return t('systems.status.offline');
  return t('systems.status.portalOnly');
}

export const statusClass = (s: Pick<SystemSummary, 'status' | 'delivery'>) => (s.status === 'pending-consent' ? 'sys-status-pending' : s.delivery ? 'sys-status-registered' : 'sys-status-portal');

export const roleLabel = (role: 'integrator' | 'end-user') => (role === 'integrator' ? t('systems.role.integrator') : t('systems.role.endUser'));

// The segments and applications are values the portal keeps, in English: only their labels are translated.
const SEGMENT_KEYS = {
  'Commercial office': 'commercialOffice',
  'Data center': 'dataCenter',
  Education: 'education',
  Government: 'government',
  Healthcare: 'healthcare',
  Hospitality: 'hospitality',
  Industrial: 'industrial',
  'Life sciences': 'lifeSciences',
  Residential: 'residential',
  Retail: 'retail',
  Transportation: 'transportation',
  Other: 'other',
} as const satisfies Record<(typeof BUSINESS_SEGMENTS)[number], string>;

const APPLICATION_KEYS = {
  'HVAC control': 'hvac',
  'Energy management': 'energy',
  'Lighting control': 'lighting',
  'Access control and security': 'access',
  'Power monitoring': 'power',
  'Room control': 'room',
  'Several of these': 'several',
  Other: 'other',
} as const satisfies Record<(typeof SYSTEM_APPLICATIONS)[number], string>;

const has = <T extends object>(map: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(map, key);

/** A business segment's label; a value the app does not know is shown as it is. */
export const segmentLabel = (value: string) => (has(SEGMENT_KEYS, value) ? t(`systems.segment.${SEGMENT_KEYS[value]}`) : value);

/** A system application's label; a value the app does not know is shown as it is. */
export const applicationLabel = (value: string) => (has(APPLICATION_KEYS, value) ? t(`systems.application.${APPLICATION_KEYS[value]}`) : value);

/** The dropdowns' options: the portal's values, labelled in the active language. */
export const segmentOptions = () => BUSINESS_SEGMENTS.map((value) => ({ value, label: segmentLabel(value) }));
export const applicationOptions = () => SYSTEM_APPLICATIONS.map((value) => ({ value, label: applicationLabel(value) }));
