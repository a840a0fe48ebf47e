// The Registration Portal as a Fastify app over its store. `portal/cli.ts` runs it as a process;
// tests start that process, never this function, so they test what ships.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { AccountService, accountView } from './services/account-service.js';
import { OfflineCodeService } from './services/offline-code-service.js';
import { RegistrationService } from './services/registration-service.js';
import { bindRoutes } from './http/bind-routes.js';
import { PortalHttpError } from './http/errors.js';
import { DEFAULT_BODY_LIMIT, sizeText } from './http/limits.js';
import { openApiDocument } from './http/openapi.js';
import { citiesOf, countries, statesOf } from './geo.js';
import { exportPortalPublicKeys } from '../shared/node/codes/keys.js';
import type { PortalKeys } from './keys.js';
import type { MailDispatcher } from './mail/mail-dispatcher.js';
import type { PortalStore } from './store/store.js';
import type { PortalConfig } from './config.js';

export interface PortalDeps {
  store: PortalStore;
  keys: PortalKeys;
  mail: MailDispatcher;
  config: Pick<PortalConfig, 'sessionTtlSeconds' | 'branchSignUp' | 'failedLogOnsPerAccount' | 'failedLogOnsPerAddress' | 'trustProxy'>;
  version: string;
}


/** Fastify's own refusals (body too large, not JSON, ...) in the portal's error shape. */
function fromFastify(error: FastifyError, request: FastifyRequest): PortalHttpError {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      // The route's own limit (shared/portal/api.ts bodyLimit), so the message is true for it.
      return new PortalHttpError('payload_too_large', `The request body is larger than ${sizeText(request.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT)}, the most this request accepts: send less.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new PortalHttpError('unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new PortalHttpError('invalid_input', 'The body is empty but says it is JSON: send {} or leave out the Content-Type.', [{ path: '', message: 'Empty body.' }]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    default:
      if (error.statusCode === 400) return new PortalHttpError('invalid_input', `The body is not valid JSON: ${error.message}`, [{ path: '', message: 'Not JSON.' }]);
      if (error.statusCode && error.statusCode < 500) return new PortalHttpError('invalid_input', error.message);
      return new PortalHttpError('internal', 'Something went wrong on the portal; the request was not carried out. Try again; if it persists, tell the portal administrator.');
  }
}

export function buildPortal({ store, keys, mail, config, version }: PortalDeps): FastifyInstance {
  // Long enough for any System ID, so a too-long one gets the schema's message, not a bare 414.
  const app = Fastify({ logger: false, bodyLimit: DEFAULT_BODY_LIMIT, routerOptions: { maxParamLength: 512 }, trustProxy: config.trustProxy });
  const accounts = new AccountService({ store, keys, ...config });
  const systems = new RegistrationService(store);
  const codes = new OfflineCodeService(store, keys, systems);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const refusal = error instanceof PortalHttpError ? error : fromFastify(error, request);
    if (refusal.code === 'internal') console.error(`${request.method} ${request.url}:`, error);
    if (refusal.retryAfterSeconds) reply.header('retry-after', String(refusal.retryAfterSeconds));
    reply.code(refusal.status).send({ error: { code: refusal.code, message: refusal.message, ...(refusal.issues ? { issues: refusal.issues } : {}) } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: `There is no ${request.method} ${request.url.split('?')[0]} on this portal. See /api/v1/openapi.json.` } });
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
  });
  // Every edit may have queued mail: send it once the response is on its way.
  app.addHook('onResponse', async (request) => {
    if (request.method !== 'GET') void mail.kick();
  });

  const openApi = openApiDocument(version);
  app.get('/api/v1/openapi.json', async () => openApi);

  bindRoutes(
    app,
    {
      health: async () => ({ status: 'ok', version, database: store.engine, schema: await store.schemaVersion() }),
      keys: async () => exportPortalPublicKeys([{ keyId: keys.keyId, x25519: keys.x25519.publicKey, ed25519: keys.ed25519.publicKey }]),
      countries: async () => countries(),
      states: async ({ params }) => statesOf(params.country),
      cities: async ({ params }) => citiesOf(params.country, params.state),
      signUp: async ({ body }) => accounts.signUp(body),
      logOn: async ({ body, address }) => accounts.logOn(body, address),
      logOff: async ({ session }) => accounts.logOff(session),
      logOffEverywhere: async ({ session }) => accounts.logOffEverywhere(session),
      me: async ({ session }) => accountView(session.account),
      changePassword: async ({ session, body }) => accounts.changePassword(session, body.currentPassword, body.newPassword),
      mfaEnrol: async ({ session }) => accounts.startMfa(session),
      mfaConfirm: async ({ session, body }) => accounts.confirmMfa(session, body.code),
      listSystems: async ({ session, query }) => systems.list(session.account, query),
      systemAccess: async ({ session, params }) => systems.access(params.systemId, session.account),
      getSystem: async ({ session, params }) => systems.get(params.systemId, session.account),
      registerSystem: async ({ session, params, body }) => systems.register(params.systemId, body, session.account),
      associateSystemId: async ({ session, params, body }) => systems.associate(params.systemId, body.newSystemId, session.account),
      inviteToSystem: async ({ session, params, body }) => systems.invite(params.systemId, body.email, session.account),
      reportInventory: async ({ session, params, body }) => systems.saveInventory(params.systemId, body.servers, 'online', session.account),
      systemInformation: async ({ session, params }) => systems.information(params.systemId, session.account),
      systemAudit: async ({ session, params }) => systems.audit(params.systemId, session.account),
      issueCode: async ({ session, params, body }) => codes.issue(params.systemId, body, session.account),
      listCodes: async ({ session, params }) => codes.list(params.systemId, session.account),
    },
    accounts,
  );
  return app;
}
