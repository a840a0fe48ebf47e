import { z } from 'zod';

/** The longest each field may be; the page's inputs use the same numbers (maxLength). */
export const CONNECTION_LIMITS = { targets: 100_000, address: 2048, username: 256, password: 1024, servers: 4096 } as const;

// A pasted line break or NUL is saved silently today and fails only later, inside an HTTP header;
// refuse it where the person can still see what they typed. \p{Cc} is C0, DEL and C1.
const CONTROL = /\p{Cc}/u;

const userName = (what: string) =>
  z
    .string({ error: `Enter the ${what} as text.` })
    .max(CONNECTION_LIMITS.username, 'A user name is at most 256 characters.')
    .refine((s) => !CONTROL.test(s), `The ${what} contains a control character (a line break, tab or NUL, often pasted by accident): retype it.`);

const password = (what: string) =>
  z
    .string({ error: `Enter the ${what} as text.` })
    .max(CONNECTION_LIMITS.password, 'A password is at most 1,024 characters.')
    .refine((s) => !CONTROL.test(s), `The ${what} contains a control character (a line break, tab or NUL, often pasted by accident): retype it.`);

/** Where the site is and how to log on, as the user edits it. Passwords go in, never come out. */
export const ConnectionInput = z.strictObject({
  targets: z.string({ error: 'Enter the server addresses as text.' }).max(CONNECTION_LIMITS.targets, 'The address list is at most 100,000 characters.'),
  username: userName('user name').optional(),
  /** Omitted: keep the saved password. Empty: forget it. */
  password: password('password').optional(),
  concurrency: z.number().int('Use a whole number.').min(1, 'At least 1.').max(64, 'At most 64 servers at once.').default(16),
  timeoutSeconds: z.number().min(1, 'At least 1 second.').max(120, 'At most 120 seconds.').default(10),
  perServer: z
    .array(
      z.strictObject({
        address: z.string({ error: 'Enter the server address as text.' }).max(CONNECTION_LIMITS.address, 'An address is at most 2,048 characters.'),
        username: userName("server's user name").min(1, 'Enter a user name for this server.'),
        password: password("server's password").optional(),
      }),
    )
    .max(CONNECTION_LIMITS.servers, 'At most 4,096 servers can have their own credentials.')
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
