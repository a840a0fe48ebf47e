// The System Information page's data in one answer: the registration, its System ID history (in
// the registration), the codes issued, the last inventory the site reported, the audit log and
// the notification mail sent about it. Only the system's owners may read it.
import { z } from 'zod';
import { IssuedCode } from './codes.js';
import { InventoryView } from './inventory.js';
import { AuditEntry, Delivery, RegistrationView } from './systems.js';

export const MailRecord = z.strictObject({
  id: z.number().int(),
  queuedAt: z.string(),
  recipients: z.array(z.string()),
  subject: z.string(),
  state: z.enum(['sent', 'queued', 'failed']),
  sentAt: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
export type MailRecord = z.infer<typeof MailRecord>;

export const IssuedCodeRecord = IssuedCode.omit({ tokenQrSvg: true, serverCount: true });

export const SystemInformation = z.strictObject({
  registration: RegistrationView,
  delivery: Delivery.nullable(),
  /** Newest first. */
  codes: z.array(IssuedCodeRecord),
  inventory: InventoryView.nullable(),
  /** Newest first. */
  audit: z.array(AuditEntry),
  /** Newest first. */
  mail: z.array(MailRecord),
});
export type SystemInformation = z.infer<typeof SystemInformation>;
