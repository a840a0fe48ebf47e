// Online registration from the site (DOMAIN.md, Registration): the companion registers, modifies or
// associates through the portal itself, with no codes, then writes the registration to the lead
// and every shadow through the same outbox as offline. Which path is offered follows from whether
// the portal answers, and both end in the same state.
import { z } from 'zod';
import { say } from '../messages/say.js';
import { SystemInformation } from '../portal/information.js';
import { SystemListQuery, SystemPage } from '../portal/systems.js';
import { OfflineServer } from './offline.js';

export const OnlineKind = z.enum(['register', 'associate']);
export type OnlineKind = z.infer<typeof OnlineKind>;

/** Whether the configured portal answers, and whether this companion is logged on to it. */
export const OnlineCheck = z.strictObject({
  url: z.string().nullable(),
  reachable: z.boolean(),
  loggedOn: z.boolean(),
  /** Why not, in words; or what happens next. */
  message: z.string(),
});
export type OnlineCheck = z.infer<typeof OnlineCheck>;

export const OnlineResultView = z.strictObject({
  id: z.number().int(),
  kind: OnlineKind,
  leadAddress: z.string(),
  leadName: z.string(),
  /** The System ID registered: the lead's, or for associate the wiped lead's new one. */
  systemId: z.string(),
  /** For associate: the registration's System ID before (the one the portal knew). */
  previousSystemId: z.string().nullable(),
  servers: z.array(OfflineServer),
  createdAt: z.string(),
  /** Whether the portal took the site's server list; why not, when it did not. */
  inventory: z.strictObject({ reported: z.boolean(), error: z.string().nullable() }),
  /** One plain sentence: "Registered online on ...; written to all 4 servers." */
  summary: z.string(),
});
export type OnlineResultView = z.infer<typeof OnlineResultView>;

export const OnlineStatus = z.strictObject({ results: z.array(OnlineResultView) });
export type OnlineStatus = z.infer<typeof OnlineStatus>;

/** The renderer sends numbers; they travel to the portal as query parameters. */
export const SystemsQuery = z.strictObject({
  q: z.string({ error: say('fields.searchAsText') }).max(128, say('fields.searchTooLong')).optional(),
  sort: SystemListQuery.shape.sort,
  order: SystemListQuery.shape.order,
  offset: z.number({ error: say('fields.offsetNumber') }).int().min(0).max(1_000_000).default(0),
  limit: z.number({ error: say('fields.pageSizeNumber') }).int().min(1).max(200).default(50),
});
export type SystemsQuery = z.output<typeof SystemsQuery>;
export { SystemPage };

/** One server of the site as it compares with the portal's record. */
export const SiteDifference = z.strictObject({
  address: z.string(),
  name: z.string(),
  role: z.enum(['lead', 'shadow']),
  /** What the server reports now. */
  systemId: z.string(),
  /** The registration the server holds: the lead System ID it carries, or null for none. */
  holdsFor: z.string().nullable(),
  /** In step with the portal, or what differs. */
  state: z.enum(['ok', 'not-written', 'other-registration', 'needs-association', 'wiped-shadow', 'not-in-inventory', 'unreachable']),
  message: z.string(),
  /** The action that fixes it, where there is one. */
  action: z.enum(['write-again', 'associate', 'register', 'rewrite-shadow', 'read-again']).nullable(),
});
export type SiteDifference = z.infer<typeof SiteDifference>;

export const SystemInformationView = z.strictObject({
  portal: SystemInformation,
  /** Where this companion has read a server of this registration: each server side by side; else null. */
  site: z
    .strictObject({
      readAt: z.string().nullable(),
      leadAddress: z.string(),
      servers: z.array(SiteDifference),
    })
    .nullable(),
  /** Codes this companion applied for the registration, by serial: "used where known". */
  applied: z.array(z.strictObject({ serial: z.number().int(), appliedAt: z.string() })),
});
export type SystemInformationView = z.infer<typeof SystemInformationView>;
