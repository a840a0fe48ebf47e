// The derived columns of an account's systems list (table system_summaries): what the list shows,
// sorts and searches, kept by the store on every write so that a page is one indexed query instead
// of loading each registration's whole state.
import { countryName } from '../geo.js';
import type { ConsentState, RegistrationState, SystemIdRow } from './store.js';

export interface SummaryRow {
  registrationId: number;
  integratorId: number | null;
  endUserId: number | null;
  /** The current System ID. */
  systemId: string;
  siteName: string;
  city: string;
  country: string;
  status: 'confirmed' | 'pending-consent';
  updatedAt: string;
  /** Lower-cased System ID, site name, city, country code and name, for a case-insensitive substring search. */
  search: string;
}

/** The ID the registration is under now: the one not replaced (the newest as a fallback). */
export const currentSystemIdOf = (ids: SystemIdRow[]) => ids.find((s) => s.replacedAt === null)?.systemId ?? ids.at(-1)!.systemId;

export const confirmedBy = (consent: ConsentState) => consent.shareSystemInformation.given && consent.sharePersonalInformation.given;

// A separator no one types, so a search never matches across two fields.
const SEPARATOR = '\u001f';

/** The search text of a system; the query is lower-cased the same way (JavaScript's, which knows more than ASCII). */
// NFC, as System IDs are compared: a name typed with combining accents is found by its composed spelling.
export const searchTextOf = (parts: string[]) => parts.map((p) => p.normalize('NFC').toLowerCase()).join(SEPARATOR);

export function summaryRow(s: Omit<SummaryRow, 'search' | 'status'> & { confirmed: boolean }): SummaryRow {
  const { confirmed, ...rest } = s;
  return { ...rest, status: confirmed ? 'confirmed' : 'pending-consent', search: searchTextOf([s.systemId, s.siteName, s.city, s.country, countryName(s.country) ?? '']) };
}

export const summaryOf = (state: RegistrationState): SummaryRow =>
  summaryRow({
    registrationId: state.id,
    integratorId: state.integrator?.id ?? null,
    endUserId: state.endUser?.id ?? null,
    systemId: currentSystemIdOf(state.systemIds),
    siteName: state.installation.siteName,
    city: state.installation.city,
    country: state.installation.country,
    confirmed: confirmedBy(state.consent),
    updatedAt: state.updatedAt,
  });
