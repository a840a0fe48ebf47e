// The Registration Portal as a Fastify app over its store. `portal/cli.ts` runs it as a process;
// tests start that process, never this function, so they test what ships.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AccountService, accountView } from './services/account-service.js';
import { OfflineCodeService } from './services/offline-code-service.js';
import { OrganizationService, organizationHandlers } from './services/organization-service.js';
import { RegistrationService } from './services/registration-service.js';
import { PartnerAccessService } from './services/partner-access-service.js';
import { LicenseService, licenseHandlers } from './services/license-service.js';
import { bindRoutes } from './http/bind-routes.js';
import { PortalHttpError, echo, errorBody } from './http/errors.js';
import { DEFAULT_BODY_LIMIT, sizeText } from './http/limits.js';
import { openApiDocument } from './http/openapi.js';
import { portalRoutes } from '../shared/portal/api.js';
import { say } from '../shared/messages/say.js';
import { citiesOf, countries, statesOf } from './geo.js';
import { exportPortalPublicKeys } from '../shared/node/codes/keys.js';
import type { PortalKeys } from './keys.js';
import type { MailDispatcher } from './mail/mail-dispatcher.js';
import type { PortalStore } from './store/store.js';
import type { PortalConfig } from './config.js';
import os from 'node:os';
import { PasswordWork } from './auth/password-work.js';
import { portalLinks } from './mail/links.js';
import { registerPages } from './pages/index.js';
import { WebSessions, webSessionHandlers } from './http/web-session.js';
import { registerWebApp } from './http/web-app.js';
import { ShuttingDown, registerOps, requestIdOf } from './http/ops.js';
import { isDatabaseUnavailable } from './store/database-unavailable.js';

export interface PortalDeps {
  store: PortalStore;
  keys: PortalKeys;
  mail: MailDispatcher;
  config: Pick<PortalConfig, 'sessionTtlSeconds' | 'branchSignUp' | 'failedLogOnsPerAccount' | 'failedLogOnsPerAddress' | 'trustProxy' | 'publicUrl'> & AccountLimits;
  version: string;
  /** The portal's public address for the links in its mail; read when a link is made (known once it listens). */
  publicUrl: () => string;
  /** Operations (portal/http/ops.ts): logging, metrics, and the flag readiness reads while shutting down. */
  ops?: { logLevel?: string; metricsToken?: string; instance?: string; shutdown?: ShuttingDown };
}

type AccountLimits = Pick<
  PortalConfig,
  'signUpsPerMinutePerAddress' | 'signUpsPerMinute' | 'verificationMailsPerMinutePerAddress' | 'verificationMailsPerMinute' | 'passwordHashSlots' | 'signUpQueue'
>;


/** Fastify's own refusals (body too large, not JSON, a bad URL, ...) in the portal's error shape. */
function fromFastify(error: FastifyError, request: FastifyRequest): PortalHttpError {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new PortalHttpError('invalid_input', say('portal.badPercentEscape'), [{ path: '', message: say('portal.badPercentEscapeIssue') }]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new PortalHttpError('invalid_input', say('portal.addressPartTooLong', { max: MAX_PARAM_LENGTH }), [{ path: '', message: say('portal.addressPartTooLongIssue') }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      // The route's own limit (shared/portal/api.ts bodyLimit), so the message is true for it.
      return new PortalHttpError('payload_too_large', say('portal.bodyTooLarge', { size: sizeText(request.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT) }));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new PortalHttpError('unsupported_media_type', say('portal.sendJson'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new PortalHttpError('invalid_input', say('portal.emptyJsonBody'), [{ path: '', message: say('portal.emptyBody') }]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    default:
      // The parser's message quotes a bounded piece of the body; echo() bounds it again.
      if (error.statusCode === 400) return new PortalHttpError('invalid_input', say('portal.invalidJson', { reason: echo(error.message, 200) }), [{ path: '', message: say('portal.notJson') }]);
      if (error.statusCode && error.statusCode < 500) return new PortalHttpError('invalid_input', error.message);
      return new PortalHttpError('internal', say('portal.internal'));
  }
}

/** Long enough for any System ID as typed (256), so a too-long one gets the schema's message. */
const MAX_PARAM_LENGTH = 512;

/** When a client should try again after the database could not be reached. */
const DATABASE_RETRY_SECONDS = 5;

/** Every refusal, Fastify's own included, leaves in this one shape. */
function sendRefusal(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const refusal =
    error instanceof PortalHttpError
      ? error
      : isDatabaseUnavailable(error)
        ? new PortalHttpError('unavailable', say('portal.databaseUnavailable'), undefined, DATABASE_RETRY_SECONDS)
        : fromFastify(error as FastifyError, request);
  // The route's pattern, not the address as sent: addresses carry invitation tokens.
  if (refusal.code === 'internal') request.log.error({ err: error, route: request.routeOptions.url ?? '(no route)' }, 'internal error');
  if (refusal.code === 'unavailable') request.log.warn({ err: error, route: request.routeOptions.url ?? '(no route)' }, 'database unavailable');
  if (refusal.retryAfterSeconds) reply.header('retry-after', String(refusal.retryAfterSeconds));
  // Router refusals (frameworkErrors) skip the onSend hook: the same headers here.
  reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  return reply.code(refusal.status).send(errorBody(refusal));
}

/** Each route's path as a pattern, to tell "no such address" from "not with this method". */
const routePatterns = [...Object.values(portalRoutes).map((r) => ({ method: r.method, path: r.path })), { method: 'GET', path: '/api/v1/openapi.json' }].map(({ method, path }) => ({
  method,
  pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:\w+/g, '[^/]+')}/?$`),
}));

function notFound(request: FastifyRequest): PortalHttpError {
  const path = request.url.split('?')[0] ?? '';
  const methods = [...new Set(routePatterns.filter((r) => r.pattern.test(path)).map((r) => r.method))];
  const where = `${echo(request.method, 10)} ${echo(path)}`;
  if (methods.length) return new PortalHttpError('not_found', say('portal.noSuchRouteMethod', { request: where, methods: methods.join(', ') }));
  return new PortalHttpError('not_found', say('portal.noSuchRoute', { request: where }));
}

/** Malformed HTTP (before Fastify has a request): answered on the socket, in the same shape. */
function clientError(error: NodeJS.ErrnoException, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, say('portal.headersTooLarge')]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, say('portal.requestTimeout')]
        : [400, say('portal.notHttp')];
  const body = JSON.stringify({ error: { code: 'invalid_input', message } });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

export function buildPortal({ store, keys, mail, config, version, publicUrl, ops = {} }: PortalDeps): FastifyInstance {
  const instance = ops.instance ?? `${os.hostname()}:${process.pid}`;
  const logLevel = ops.logLevel ?? 'info';
  const app = Fastify({
    // JSON lines on stdout, one per request (ops.ts), each with its request id.
    logger:
      logLevel === 'silent'
        ? false
        : { level: logLevel, base: { instance }, timestamp: () => `,"time":"${new Date().toISOString()}"`, formatters: { level: (label: string) => ({ level: label }) } },
    // Fastify's own two lines per request are off: ops.ts writes one, without the address's tokens.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
    bodyLimit: DEFAULT_BODY_LIMIT,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    trustProxy: config.trustProxy,
    // The router's own refusals (a bad "%" escape, a too-long parameter) in the portal's shape.
    frameworkErrors: sendRefusal,
    clientErrorHandler: clientError,
  });
  // Only JSON is read: a text/plain body is refused as an unsupported media type (415), not parsed
  // as a string and then misreported as a bad field.
  app.removeContentTypeParser('text/plain');
  const links = portalLinks(publicUrl);
  const passwords = new PasswordWork({ slots: config.passwordHashSlots ?? os.availableParallelism(), signUpQueue: config.signUpQueue });
  const accounts = new AccountService({ store, keys, ...config, passwords, links });
  const systems = new RegistrationService(store);
  const codes = new OfflineCodeService(store, keys, systems);
  const organizations = new OrganizationService({ store, publicUrl });
  const partners = new PartnerAccessService(store, systems, publicUrl);
  const licenses = new LicenseService(store);

  app.setErrorHandler((error: FastifyError, request, reply) => sendRefusal(error, request, reply));
  app.setNotFoundHandler((request, reply) => sendRefusal(notFound(request), request, reply));
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
  });
  // Every edit may have queued mail: send it once the response is on its way.
  app.addHook('onResponse', async (request) => {
    if (request.method !== 'GET') void mail.kick();
  });

  registerOps(app, store, { metricsToken: ops.metricsToken, instance }, ops.shutdown ?? new ShuttingDown());

  // Only a configured public address goes in `servers`; without one the document stays relative.
  const openApi = openApiDocument(version, { publicUrl: config.publicUrl });
  app.get('/api/v1/openapi.json', async () => openApi);

  const web = new WebSessions({ keys, configuredPublicUrl: config.publicUrl, publicUrl });
  bindRoutes(
    app,
    {
      health: async () => ({ status: 'ok', version, database: store.engine, schema: await store.schemaVersion() }),
      keys: async () => exportPortalPublicKeys([{ keyId: keys.keyId, x25519: keys.x25519.publicKey, ed25519: keys.ed25519.publicKey }]),
      countries: async () => countries(),
      states: async ({ params }) => statesOf(params.country),
      cities: async ({ params }) => citiesOf(params.country, params.state),
      signUp: async ({ body, address }) => accounts.signUp(body, address),
      logOn: async ({ body, address }) => accounts.logOn(body, address),
      logOff: async ({ session }) => accounts.logOff(session),
      logOffEverywhere: async ({ session }) => accounts.logOffEverywhere(session),
      me: async ({ session }) => accountView(session.account, await organizations.membership(session.account)),
      ...webSessionHandlers(web, accounts),
      changePassword: async ({ session, body }) => accounts.changePassword(session, body.currentPassword, body.newPassword),
      resendVerification: async ({ session, address }) => accounts.resendVerification(session, address),
      mfaEnrol: async ({ session }) => accounts.startMfa(session),
      mfaConfirm: async ({ session, body }) => accounts.confirmMfa(session, body.code),
      listSystems: async ({ session, query }) => systems.list(session.account, query),
      systemAccess: async ({ session, params }) => systems.access(params.systemId, session.account),
      getSystem: async ({ session, params }) => systems.get(params.systemId, session.account),
      registerSystem: async ({ session, params, body }) => systems.register(params.systemId, body, session.account),
      associateSystemId: async ({ session, params, body }) => systems.associate(params.systemId, body.newSystemId, session.account),
      inviteToSystem: async ({ session, params, body }) => systems.invite(params.systemId, body.email, session.account, links),
      reportInventory: async ({ session, params, body }) => systems.saveInventory(params.systemId, body.servers, 'online', session.account),
      systemInformation: async ({ session, params }) => systems.information(params.systemId, session.account),
      systemAudit: async ({ session, params }) => systems.audit(params.systemId, session.account),
      ...organizationHandlers(organizations),
      issueCode: async ({ session, params, body }) => codes.issue(params.systemId, body, session.account),
      listCodes: async ({ session, params }) => codes.list(params.systemId, session.account),
      findPartner: async ({ session, params }) => partners.findPartner(session, params.partnerId),
      listPartners: async ({ session }) => partners.listPartners(session),
      addPartner: async ({ session, body }) => partners.addPartner(session, body.partnerId),
      setPartnerAccess: async ({ session, params, body }) => partners.setAccess(session, params.partnerId, body),
      revokePartner: async ({ session, params }) => partners.revokePartner(session, params.partnerId),
      listCustomers: async ({ session }) => partners.listCustomers(session),
      customerSystems: async ({ session, params }) => partners.customerSystems(session, params.customerId),
      customerRegistrations: async ({ session, params }) => partners.customerRegistrations(session, params.customerId),
      customerSystem: async ({ session, params }) => partners.registration(session, params.customerId, params.systemId),
      editCustomerSystem: async ({ session, params, body }) => partners.editRegistration(session, params.customerId, params.systemId, body),
      createApiKey: async ({ session, params }) => partners.createApiKey(session, params.customerId),
      listApiKeys: async ({ session, params }) => partners.listApiKeys(session, params.customerId),
      revokeApiKey: async ({ session, params }) => partners.revokeApiKey(session, params.customerId, params.keyId),
      deviceData: async ({ apiKey }) => partners.deviceData(apiKey),
      ...licenseHandlers(licenses),
      inviteCustomer: async ({ session, body }) => partners.inviteCustomer(session, body),
      listCustomerInvitations: async ({ session }) => partners.listCustomerInvitations(session),
      revokeCustomerInvitation: async ({ session, params }) => partners.revokeCustomerInvitation(session, params.invitationId),
      customerInvitationByLink: async ({ params }) => partners.invitationByToken(params.token),
      acceptCustomerInvitation: async ({ session, params }) => partners.acceptInvitation(session, params.token),
    },
    accounts,
    web,
    partners,
  );
  registerPages(app, accounts, systems);
  registerWebApp(app);
  return app;
}
