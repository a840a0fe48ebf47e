// The Partner ID: how a customer finds its partner, and the key the partner's customers are
// filed under (DOMAIN.md, Partner organizations). Proposed from the organization's name at
// sign-up ("Acme, Inc." gives ACME_INC), editable until the organization exists, afterwards
// changed only through a request a portal administrator approves.
import anyAscii from 'any-ascii';
import { z } from 'zod';
import { say } from '../messages/say.js';

export const PARTNER_ID_MAX = 32;
const ALLOWED = /^[A-Z0-9_]+$/;

/**
 * The Partner ID a name suggests: letters transliterated to Latin ("É" to E, "ü" to U, "ß" to SS),
 * upper case, each run of anything else one underscore, none at either end, at most
 * PARTNER_ID_MAX characters. Null when nothing is left: the person is asked for one.
 */
export function proposePartnerId(organizationName: string): string | null {
  const id = anyAscii(organizationName.normalize('NFC'))
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, PARTNER_ID_MAX)
    .replace(/_+$/, '');
  return id || null;
}

/** The first of ID, ID_2, ID_3… that `taken` does not hold, kept within PARTNER_ID_MAX. */
export function freePartnerId(wanted: string, taken: (id: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${wanted.slice(0, PARTNER_ID_MAX - suffix.length).replace(/_+$/, '')}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

export const PartnerId = z
  .string({ error: say('partners.idAsText') })
  .min(1, say('partners.idEmpty'))
  .max(PARTNER_ID_MAX, say('partners.idTooLong', { max: PARTNER_ID_MAX }))
  .regex(ALLOWED, say('partners.idCharacters'));
export type PartnerId = z.infer<typeof PartnerId>;
