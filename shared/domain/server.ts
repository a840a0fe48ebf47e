import { z } from 'zod';

/** The tiers of an EcoStruxure Building Operation site, top first. */
export const SERVER_KINDS = ['enterprise-central', 'enterprise-server', 'automation-server'] as const;
export const ServerKind = z.enum(SERVER_KINDS);
export type ServerKind = z.infer<typeof ServerKind>;

export const SERVER_KIND_LABELS: Record<ServerKind, string> = {
  'enterprise-central': 'Enterprise Central',
  'enterprise-server': 'Enterprise Server',
  'automation-server': 'Automation server',
};

/**
 * A System ID is opaque and case-sensitive: surrounding white space is trimmed, nothing else is
 * ever changed (DOMAIN.md, The System ID).
 */
export const SystemId = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'A System ID cannot be empty.').max(128, 'A System ID is at most 128 characters.'));

export const ServerView = z.strictObject({
  /** Base URL the server answers at; the key of a server within a site. */
  address: z.string(),
  systemId: z.string(),
  name: z.string(),
  kind: ServerKind,
  version: z.string(),
  /** Address of the server this one is attached to, null at the top of the tree. */
  parentAddress: z.string().nullable(),
});
export type ServerView = z.infer<typeof ServerView>;

export const ReadFailure = z.strictObject({
  address: z.string(),
  reason: z.string(),
});
export type ReadFailure = z.infer<typeof ReadFailure>;

export const SiteSnapshot = z.strictObject({
  /** The address the user pointed the app at, null before the first read. */
  address: z.string().nullable(),
  readAt: z.string().nullable(),
  servers: z.array(ServerView),
  failures: z.array(ReadFailure),
});
export type SiteSnapshot = z.infer<typeof SiteSnapshot>;
