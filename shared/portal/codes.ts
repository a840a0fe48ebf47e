// Offline registration on the portal's side: a request code (typed, scanned or from its file)
// comes in, a Registration code and a signed token go out.
import { z } from 'zod';
import { REQUEST_FILE_MAX_BYTES } from '../codes/files.js';
import { say } from '../messages/say.js';
import { SystemId } from './systems.js';

export const IssueCodeInput = z.strictObject({
  /** The request code as typed or scanned, or the whole content of the request file. */
  request: z
    .string({ error: say('fields.requestCodeMissing') })
    .min(1, say('fields.requestCodeEmpty'))
    .max(REQUEST_FILE_MAX_BYTES, say('fields.requestFileTooLong', { size: REQUEST_FILE_MAX_BYTES / 1024 })),
  /** A version 2 request carries its own kind: this must be it. A version 1 request takes it from here. */
  kind: z.enum(['register', 'associate'], { error: say('fields.requestKind') }),
  /** For associate: the System ID the wiped server has now; the request must be for it. */
  newSystemId: SystemId.optional(),
});
export type IssueCodeInput = z.output<typeof IssueCodeInput>;

export const IssuedCode = z.strictObject({
  serial: z.number().int(),
  kind: z.enum(['register', 'associate']),
  /** The System ID the request was made for. */
  systemId: z.string(),
  registrationCode: z.string(),
  token: z.string(),
  /** The token as an SVG QR code, for the site's camera or a printout. */
  tokenQrSvg: z.string(),
  issuedAt: z.string(),
  validUntil: z.string(),
  serverCount: z.number().int(),
});
export type IssuedCode = z.infer<typeof IssuedCode>;
