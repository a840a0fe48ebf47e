// The contract: every call the renderer can make to main and every event main can push, each
// with the schema of what crosses. Both hosts (Electron IPC and the browser-mode WebSocket) bind
// this one table, and the renderer's types come from it.
import { z } from 'zod';
import { CertificateView, ConnectionInput, ConnectionView } from '../domain/connection.js';
import { DiscoveryProgress, OverwriteWarning, ServerDetail, SiteSnapshot } from '../domain/server.js';
import { EnteredCode, OfflineKind, OfflineRequestView, OfflineStatus } from '../domain/offline.js';
import { PortalSessionView, PortalUrl } from '../domain/portal-session.js';
import { CustomerId, CustomerList, CustomerRegistrations, SharedSystems } from '../domain/customers.js';
import { OnlineCheck, OnlineResultView, OnlineStatus, SystemInformationView, SystemPage, SystemsQuery } from '../domain/online.js';
import { LogOnInput, MfaConfirmed, MfaConfirmInput, MfaEnrolment } from '../portal/accounts.js';
import { IssueCodeInput, IssuedCode } from '../portal/codes.js';
import { InviteInput, RegisterInput, RegistrationView, SystemAccess, SystemId } from '../portal/systems.js';
import { say } from '../messages/say.js';
import type { CallName, EventName } from './names.js';

const NoInput = z.strictObject({});

/** Bounded so that a huge string is refused before any service sees it. */
const Address = z.string({ error: say('fields.serverAddressAsText') }).min(1, say('fields.serverAddressEmpty')).max(2048, say('fields.addressTooLong'));
const HostPort = z
  .string({ error: say('fields.hostPortAsText') })
  .max(300, say('fields.hostPortTooLong'))
  .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:]+\](:\d{1,5})?$/, say('fields.hostPortFormat'));

const RequestId = z.number({ error: say('fields.requestNumber') }).int().positive();
const Named = z.array(z.strictObject({ code: z.string(), name: z.string() }));
const Country = z
  .string({ error: say('fields.countryChoose') })
  .max(2, { message: say('fields.countryChoose'), abort: true })
  .regex(/^[A-Z]{2}$/, say('fields.countryChoose'));
const State = z
  .string({ error: say('fields.stateChoose') })
  .max(10, { message: say('fields.stateChoose'), abort: true })
  .regex(/^[A-Za-z0-9-]{1,10}$/, say('fields.stateChoose'));

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
  'site.certificate.trust': { input: z.strictObject({ hostPort: HostPort, fingerprint256: z.string({ error: say('fields.fingerprintAsText') }).max(200, say('fields.fingerprintTooLong')) }), output: ConnectionView },
  'site.certificate.distrust': { input: z.strictObject({ hostPort: HostPort }), output: ConnectionView },
  'site.shadow.rewrite': {
    input: z.strictObject({ address: Address }),
    output: z.strictObject({ written: z.boolean(), error: z.string().nullable() }),
  },
  'offline.status': { input: NoInput, output: OfflineStatus },
  'offline.request.create': { input: z.strictObject({ leadAddress: Address, kind: OfflineKind }), output: OfflineRequestView },
  'offline.request.cancel': { input: z.strictObject({ id: RequestId }), output: OfflineRequestView },
  'offline.code.apply': { input: z.strictObject({ requestId: RequestId, code: EnteredCode }), output: OfflineRequestView },
  'offline.retry': { input: z.strictObject({ requestId: RequestId }), output: OfflineRequestView },
  'offline.keys.import': { input: z.strictObject({ json: z.string().max(16 * 1024, say('fields.keyFileTooLong')) }), output: OfflineStatus },
  'portal.session': { input: NoInput, output: PortalSessionView },
  'portal.connect': { input: z.strictObject({ url: PortalUrl }), output: PortalSessionView },
  'portal.logon': { input: LogOnInput, output: PortalSessionView },
  'portal.logoff': { input: NoInput, output: PortalSessionView },
  /** The account's e-mail verification: the link sent again (resend) or not, then the account read again. */
  'portal.verification': { input: z.strictObject({ resend: z.boolean() }), output: PortalSessionView },
  'portal.mfa.enrol': { input: NoInput, output: MfaEnrolment },
  'portal.mfa.confirm': { input: MfaConfirmInput, output: MfaConfirmed },
  'portal.system.access': { input: z.strictObject({ systemId: SystemId }), output: SystemAccess },
  'portal.system.get': { input: z.strictObject({ systemId: SystemId }), output: RegistrationView },
  'portal.system.register': { input: z.strictObject({ systemId: SystemId, registration: RegisterInput }), output: RegistrationView },
  'portal.system.invite': { input: InviteInput.extend({ systemId: SystemId }), output: RegistrationView },
  'portal.code.issue': { input: IssueCodeInput.extend({ systemId: SystemId }), output: IssuedCode },
  'portal.cancel': { input: NoInput, output: z.strictObject({ cancelled: z.number().int() }) },
  'portal.systems.list': { input: SystemsQuery, output: SystemPage },
  'portal.systems.export': {
    input: SystemsQuery.pick({ q: true, sort: true, order: true }),
    output: z.strictObject({ fileName: z.string(), csv: z.string(), count: z.number().int() }),
  },
  'portal.system.information': { input: z.strictObject({ systemId: SystemId }), output: SystemInformationView },
  /** A partner's customers, each with its access level and number of systems. */
  'portal.customers.list': { input: NoInput, output: CustomerList },
  /** One customer's systems in the portal's read-only view: masked IP addresses, no System ID. */
  'portal.customers.systems': { input: z.strictObject({ customerId: CustomerId }), output: SharedSystems },
  /** With Administrator access: the customer's registrations by System ID and site name. */
  'portal.customers.registrations': { input: z.strictObject({ customerId: CustomerId }), output: CustomerRegistrations },
  /** With Administrator access: one of the customer's registrations in full. */
  'portal.customers.registration': { input: z.strictObject({ customerId: CustomerId, systemId: SystemId }), output: RegistrationView },
  /** With Administrator access: one of the customer's registrations modified, as its integrator may (the same input as registering or modifying online). */
  'portal.customers.edit': { input: z.strictObject({ customerId: CustomerId, systemId: SystemId, registration: RegisterInput }), output: RegistrationView },
  'online.check': { input: NoInput, output: OnlineCheck },
  'online.status': { input: NoInput, output: OnlineStatus },
  'online.register': { input: z.strictObject({ leadAddress: Address, registration: RegisterInput }), output: OnlineResultView },
  'online.associate': { input: z.strictObject({ address: Address, systemId: SystemId }), output: OnlineResultView },
  'online.retry': { input: z.strictObject({ id: RequestId }), output: OnlineResultView },
  'portal.geo.countries': { input: NoInput, output: Named },
  'portal.geo.states': { input: z.strictObject({ country: Country }), output: Named },
  'portal.geo.cities': {
    input: z.strictObject({ country: Country, state: State }),
    output: z.array(z.string()),
  },
} satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

export const eventSchemas = {
  'site.changed': SiteSnapshot,
  'site.progress': DiscoveryProgress,
  'offline.changed': OfflineStatus,
  'online.changed': OnlineStatus,
} satisfies Record<EventName, z.ZodType>;

export type CallInput<N extends CallName> = z.input<(typeof callSchemas)[N]['input']>;
export type CallOutput<N extends CallName> = z.output<(typeof callSchemas)[N]['output']>;
export type EventPayload<N extends EventName> = z.output<(typeof eventSchemas)[N]>;
