// Offline registration at the site (DOMAIN.md, Offline registration; DESIGN.md, Codes people carry
// between machines): a pending request for a lead and its shadows, shown as QR, grouped text and a
// file; the Registration code or token entered back; the registration written to every server.
import { z } from 'zod';
import { say } from '../messages/say.js';

export const OfflineKind = z.enum(['register', 'associate']);
export type OfflineKind = z.infer<typeof OfflineKind>;

export const OfflineServer = z.strictObject({
  address: z.string(),
  name: z.string(),
  systemId: z.string(),
  /** What writing the registration to it did: waiting, done, or failed with the reason. */
  state: z.enum(['waiting', 'pending', 'done', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  doneAt: z.string().nullable(),
});

export const OfflineRequestView = z.strictObject({
  id: z.number().int(),
  kind: OfflineKind,
  state: z.enum(['pending', 'applied', 'cancelled']),
  leadAddress: z.string(),
  leadName: z.string(),
  /** The System ID the request is for: the lead's, or for associate the wiped server's new one. */
  systemId: z.string(),
  /** For associate: the System ID before the wipe. */
  previousSystemId: z.string().nullable(),
  servers: z.array(OfflineServer),
  requestCode: z.string(),
  /** The request code as an SVG QR code, made here (nothing from the network); empty once the request is no longer pending. */
  qrSvg: z.string(),
  fileName: z.string(),
  fileContent: z.string(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
  /** After applying: what the portal granted, as the site records it. */
  grant: z
    .strictObject({
      serial: z.number().int(),
      issuedOn: z.string(),
      validUntil: z.string(),
      code: z.string(),
      via: z.enum(['code', 'token']),
    })
    .nullable(),
  /** One plain sentence: "Registered offline on 24 Nov 2026, code ...". */
  summary: z.string(),
});
export type OfflineRequestView = z.infer<typeof OfflineRequestView>;

export const PortalKeyView = z.strictObject({ keyId: z.number().int(), fingerprint: z.string() });

export const OfflineStatus = z.strictObject({
  /** Public keys of the portal this companion accepts codes from; none means codes cannot be checked yet. */
  portalKeys: z.array(PortalKeyView),
  requests: z.array(OfflineRequestView),
});
export type OfflineStatus = z.infer<typeof OfflineStatus>;

/** A code, a token or a request file's content as entered; bounded before anything reads it. */
export const EnteredCode = z
  .string({ error: say('fields.codeAsText') })
  .min(1, say('fields.codeEmpty'))
  .max(16 * 1024, say('fields.codeTooLong'));
