// Opaque secrets the portal hands out: session tokens and recovery codes. Only their SHA-256
// hashes are stored, so a copy of the database opens no account.
import crypto from 'node:crypto';

export const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('base64url');

export const newSessionToken = () => `bmsp_${crypto.randomBytes(32).toString('base64url')}`;

const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Ten characters of Crockford Base32: 50 bits, typed once when the phone is lost. */
export function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => RECOVERY_ALPHABET[b & 31]).join('');
}

/** The secret in a verification or invitation link: 256 bits, URL-safe. Stored only as its SHA-256. */
export const newLinkToken = () => crypto.randomBytes(32).toString('base64url');
