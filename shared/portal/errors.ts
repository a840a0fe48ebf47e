// How the portal says no: a code a program can branch on, a message a person can act on, and for
// bad input the fields that are wrong.
import { z } from 'zod';

export const PORTAL_ERROR_CODES = [
  'invalid_input',
  'unauthorized', // no session, or it expired or was revoked: log on again
  'mfa_required', // the password was right; the authenticator code is missing
  'mfa_enrolment_required', // a partner or branch account must enrol before anything else
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'unavailable', // the portal cannot reach its database just now: try again (Retry-After)
  'internal',
] as const;
export type PortalErrorCode = (typeof PORTAL_ERROR_CODES)[number];

export const PortalError = z.strictObject({
  error: z.strictObject({
    code: z.enum(PORTAL_ERROR_CODES),
    message: z.string(),
    issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type PortalError = z.infer<typeof PortalError>;
