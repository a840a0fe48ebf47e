// The contract: every call the renderer can make to main and every event main can push, each
// with the schema of what crosses. Both hosts (Electron IPC and the browser-mode WebSocket) bind
// this one table, and the renderer's types come from it.
import { z } from 'zod';
import { CertificateView, ConnectionInput, ConnectionView } from '../domain/connection.js';
import { DiscoveryProgress, OverwriteWarning, ServerDetail, SiteSnapshot } from '../domain/server.js';
import type { CallName, EventName } from './names.js';

const NoInput = z.strictObject({});

/** Bounded so that a huge string is refused before any service sees it. */
const Address = z.string({ error: 'Enter the server address as text.' }).min(1, 'Enter a server address.').max(2048, 'An address is at most 2,048 characters.');
const HostPort = z
  .string({ error: 'Enter host:port as text.' })
  .max(300, 'host:port is at most 300 characters.')
  .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:]+\](:\d{1,5})?$/, 'Use host:port, for example es01:443 or 10.0.0.5:443.');

export const callSchemas = {
  'app.info': { input: NoInput, output: z.strictObject({ name: z.string(), version: z.string() }) },
  'site.connection': { input: NoInput, output: ConnectionView },
  'site.connection.save': { input: ConnectionInput, output: ConnectionView },
  'site.discover': { input: NoInput, output: SiteSnapshot },
  'site.cancel': { input: NoInput, output: z.strictObject({ cancelled: z.boolean() }) },
  'site.progress': { input: NoInput, output: DiscoveryProgress },
  'site.tree': { input: NoInput, output: SiteSnapshot },
  'site.server': { input: z.strictObject({ address: Address }), output: ServerDetail },
  'site.lead.preview': { input: z.strictObject({ shadow: Address, lead: Address }), output: z.array(OverwriteWarning) },
  'site.lead.set': {
    input: z.strictObject({ shadow: Address, lead: Address.nullable(), confirmOverwrite: z.boolean().default(false) }),
    output: SiteSnapshot,
  },
  'site.certificate.probe': { input: z.strictObject({ hostPort: HostPort }), output: CertificateView },
  'site.certificate.trust': { input: z.strictObject({ hostPort: HostPort, fingerprint256: z.string().max(200) }), output: ConnectionView },
  'site.certificate.distrust': { input: z.strictObject({ hostPort: HostPort }), output: ConnectionView },
} satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

export const eventSchemas = {
  'site.changed': SiteSnapshot,
  'site.progress': DiscoveryProgress,
} satisfies Record<EventName, z.ZodType>;

export type CallInput<N extends CallName> = z.input<(typeof callSchemas)[N]['input']>;
export type CallOutput<N extends CallName> = z.output<(typeof callSchemas)[N]['output']>;
export type EventPayload<N extends EventName> = z.output<(typeof eventSchemas)[N]>;
