import { z } from 'zod';
import { say } from '../messages/say.js';
import { invisibleCharacterIn } from '../text-safety.js';

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
 * A System ID is opaque and case-sensitive: surrounding white space is trimmed and nothing else is
 * ever changed (DOMAIN.md, The System ID), except that it is taken in Unicode NFC: an accent typed
 * as one character or as a letter and a combining mark is the same ID, so look-alikes cannot be
 * registered twice. The codes' digests use the same rule (shared/node/codes/digests.ts).
 * Control, bidi and zero-width characters are refused: they make two IDs look alike.
 */
export const normalizeSystemId = (systemId: string) => systemId.trim().normalize('NFC');

export const SystemId = z
  .string()
  .transform(normalizeSystemId)
  .pipe(
    z
      .string()
      .min(1, say('fields.systemIdEmpty'))
      .max(128, say('fields.systemIdTooLong'))
      .superRefine((id, ctx) => {
        const found = invisibleCharacterIn(id);
        if (found) {
          ctx.addIssue({
            code: 'custom',
            message: say('fields.systemIdInvisible', { codePoint: found.codePoint, position: found.position }),
          });
        }
      }),
  );

/** Registration as a server reports it. */
export const Registration = z.strictObject({
  state: z.enum(['registered', 'unregistered']),
  method: z.enum(['online', 'offline']).nullable(),
  code: z.string().nullable(),
  organization: z.string().nullable(),
  siteName: z.string().nullable(),
  registeredAt: z.string().nullable(),
  /** For a shadow: the System ID of the lead whose registration it carries. */
  leadSystemId: z.string().nullable(),
});
export type Registration = z.infer<typeof Registration>;

export const SERVER_STATUSES = ['registered', 'inherits', 'unregistered', 'needs-reassociation', 'unreachable', 'ews-disabled', 'not-read'] as const;
export const ServerStatus = z.enum(SERVER_STATUSES);
export type ServerStatus = z.infer<typeof ServerStatus>;

/** The statuses a person should look at: the tree's "need attention" filter and count. */
export const ATTENTION_STATUSES: readonly ServerStatus[] = ['unregistered', 'needs-reassociation', 'unreachable', 'ews-disabled', 'not-read'];

export const SERVER_STATUS_LABELS: Record<ServerStatus, string> = {
  registered: 'Registered',
  inherits: 'Inherits from lead',
  unregistered: 'Unregistered',
  'needs-reassociation': 'Needs re-association',
  unreachable: 'Unreachable',
  'ews-disabled': 'EWS disabled',
  'not-read': 'Not read this time',
};

export const ServerView = z.strictObject({
  /** Base URL the server answers at; the key of a server within a site. */
  address: z.string(),
  systemId: z.string(),
  name: z.string(),
  kind: ServerKind,
  model: z.string(),
  version: z.string(),
  /** Address of the server this one is attached to, null at the top of the tree. */
  parentAddress: z.string().nullable(),
  /** The server whose registration this one carries: itself for a lead. */
  leadAddress: z.string(),
  role: z.enum(['lead', 'shadow']),
  /** Why it is a shadow: attached below its lead, or set up by the user. */
  relationship: z.enum(['own', 'hierarchy', 'user']),
  status: ServerStatus,
  /** Unreachable, EWS disabled or not read this time: why, as the last read found it. */
  statusReason: z.string().nullable(),
  /** What the last read could not learn from a server it reached (its attached servers, its registration). */
  readNote: z.string().nullable(),
  /** Set while a database wipe waits for re-association: the System ID before the wipe. */
  previousSystemId: z.string().nullable(),
  registration: Registration.nullable(),
  /** Something the user should know that is not a failure, e.g. a registration about to be overwritten. */
  notice: z.string().nullable(),
  lastSeenAt: z.string(),
});
export type ServerView = z.infer<typeof ServerView>;

export const ReadFailure = z.strictObject({
  address: z.string(),
  kind: z.string(),
  reason: z.string(),
});
export type ReadFailure = z.infer<typeof ReadFailure>;

/** A server the last read found gone from the site: its parent answered without it. */
export const RemovedServer = z.strictObject({
  address: z.string(),
  name: z.string(),
  systemId: z.string(),
  parentAddress: z.string().nullable(),
  reason: z.string(),
  removedAt: z.string(),
});
export type RemovedServer = z.infer<typeof RemovedServer>;

export const SiteSnapshot = z.strictObject({
  readAt: z.string().nullable(),
  servers: z.array(ServerView),
  /** Addresses that could not be read and that the app has never read before. */
  failures: z.array(ReadFailure),
  /** Servers the last read removed, with the reason. */
  removed: z.array(RemovedServer),
});
export type SiteSnapshot = z.infer<typeof SiteSnapshot>;

export const DiscoveryProgress = z.strictObject({
  running: z.boolean(),
  done: z.number().int(),
  total: z.number().int(),
  failed: z.number().int(),
  current: z.string().nullable(),
  cancelled: z.boolean(),
});
export type DiscoveryProgress = z.infer<typeof DiscoveryProgress>;

export const HistoryEntry = z.strictObject({ systemId: z.string(), seenAt: z.string() });

export const ServerDetail = z.strictObject({
  server: ServerView,
  history: z.array(HistoryEntry),
  shadows: z.array(z.string()),
});
export type ServerDetail = z.infer<typeof ServerDetail>;

/** What setting a lead would overwrite: a registered stand-alone server's own registration. */
export const OverwriteWarning = z.strictObject({
  address: z.string(),
  name: z.string(),
  systemId: z.string(),
  registration: Registration,
  message: z.string(),
});
export type OverwriteWarning = z.infer<typeof OverwriteWarning>;
