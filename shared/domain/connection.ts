import { z } from 'zod';
import { say } from '../messages/say.js';

/** The longest each field may be; the page's inputs use the same numbers (maxLength). */
export const CONNECTION_LIMITS = { targets: 100_000, address: 2048, username: 256, password: 1024, servers: 4096 } as const;

// A pasted line break or NUL is saved silently today and fails only later, inside an HTTP header;
// refuse it where the person can still see what they typed. \p{Cc} is C0, DEL and C1.
const CONTROL = /\p{Cc}/u;

// Each takes its messages: the site's user name and password, or one server's own.
const userName = (asText: string, control: string) =>
  z
    .string({ error: asText })
    .max(CONNECTION_LIMITS.username, say('fields.userNameTooLong'))
    .refine((s) => !CONTROL.test(s), control);

const password = (asText: string, control: string) =>
  z
    .string({ error: asText })
    .max(CONNECTION_LIMITS.password, say('fields.sitePasswordTooLong'))
    .refine((s) => !CONTROL.test(s), control);

/** Where the site is and how to log on, as the user edits it. Passwords go in, never come out. */
export const ConnectionInput = z.strictObject({
  targets: z.string({ error: say('fields.targetsAsText') }).max(CONNECTION_LIMITS.targets, say('fields.targetsTooLong')),
  username: userName(say('fields.userNameAsText'), say('fields.userNameControl')).optional(),
  /** Omitted: keep the saved password. Empty: forget it. */
  password: password(say('fields.passwordAsText'), say('fields.passwordControl')).optional(),
  concurrency: z.number().int(say('fields.wholeNumber')).min(1, say('fields.atLeastOne')).max(64, say('fields.concurrencyMax')).default(16),
  timeoutSeconds: z.number().min(1, say('fields.timeoutMin')).max(120, say('fields.timeoutMax')).default(10),
  perServer: z
    .array(
      z.strictObject({
        address: z.string({ error: say('fields.serverAddressAsText') }).max(CONNECTION_LIMITS.address, say('fields.addressTooLong')),
        username: userName(say('fields.serverUserNameAsText'), say('fields.serverUserNameControl')).min(1, say('fields.serverUserNameEmpty')),
        password: password(say('fields.serverPasswordAsText'), say('fields.serverPasswordControl')).optional(),
      }),
    )
    .max(CONNECTION_LIMITS.servers, say('fields.perServerMax'))
    .default([]),
});
export type ConnectionInput = z.input<typeof ConnectionInput>;

export const TrustedCertificate = z.strictObject({
  hostPort: z.string(),
  fingerprint256: z.string(),
  subject: z.string(),
  trustedAt: z.string(),
});

export const ConnectionView = z.strictObject({
  targets: z.string(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  concurrency: z.number().int(),
  timeoutSeconds: z.number(),
  perServer: z.array(z.strictObject({ address: z.string(), username: z.string(), hasPassword: z.boolean() })),
  trusted: z.array(TrustedCertificate),
});
export type ConnectionView = z.infer<typeof ConnectionView>;

export const CertificateView = z.strictObject({
  hostPort: z.string(),
  fingerprint256: z.string(),
  subject: z.string(),
  issuer: z.string(),
  validTo: z.string(),
});
export type CertificateView = z.infer<typeof CertificateView>;
