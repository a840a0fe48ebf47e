import { z } from 'zod';

/** Where the site is and how to log on, as the user edits it. Passwords go in, never come out. */
export const ConnectionInput = z.strictObject({
  targets: z.string({ error: 'Enter the server addresses as text.' }).max(100_000, 'The address list is at most 100,000 characters.'),
  username: z.string().max(256, 'A user name is at most 256 characters.').optional(),
  /** Omitted: keep the saved password. Empty: forget it. */
  password: z.string().max(1024, 'A password is at most 1,024 characters.').optional(),
  concurrency: z.number().int('Use a whole number.').min(1, 'At least 1.').max(64, 'At most 64 servers at once.').default(16),
  timeoutSeconds: z.number().min(1, 'At least 1 second.').max(120, 'At most 120 seconds.').default(10),
  perServer: z
    .array(
      z.strictObject({
        address: z.string().max(2048),
        username: z.string().min(1, 'Enter a user name for this server.').max(256),
        password: z.string().max(1024).optional(),
      }),
    )
    .max(4096)
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
