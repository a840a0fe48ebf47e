// Binds the shared route table (shared/portal/api.ts) to Fastify: Fastify routes, this file
// checks the session each route asks for and validates params, query and body with the route's
// zod schemas, so a handler only ever sees input that passed, and bad input gets a 400 with
// field-level messages. Each route's body limit is passed to Fastify.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { isIntegrator } from '../../shared/portal/accounts.js';
import { portalRoutes, type PortalRoute, type PortalRouteName } from '../../shared/portal/api.js';
import type { AccountService } from '../services/account-service.js';
import type { SessionRow } from '../store/store.js';
import { say } from '../../shared/messages/say.js';
import { PortalHttpError, invalid, issuesOf } from './errors.js';
import type { WebSessions } from './web-session.js';
import type { ApiKeyGrant } from '../services/partner-access-service.js';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<R extends PortalRoute> {
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  /** Null only on public routes (and API-key routes, which take no session). */
  session: R['auth'] extends 'public' | 'api-key' ? null : SessionRow;
  /** What the API key of an 'api-key' route may read, checked before the handler runs; null on other routes. */
  apiKey: R['auth'] extends 'api-key' ? ApiKeyGrant : null;
  address: string;
  /** For the few handlers that answer with more than a body (the web app's session cookie). */
  request: FastifyRequest;
  reply: FastifyReply;
}

export type PortalHandlers = {
  [K in PortalRouteName]: (ctx: RouteContext<(typeof portalRoutes)[K]>) => Promise<z.input<(typeof portalRoutes)[K]['response']>>;
};

/** The session token: the auth scheme is case-insensitive (RFC 9110 section 11.1), with any white space after it. */
export const bearer = (request: FastifyRequest) => /^bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.authorization ?? '')?.[1];

/**
 * The query string against the route's schema. A route without one refuses parameters rather than
 * ignoring them: a client that believes `?limit=10` narrows an answer must learn that it does not.
 */
function parseQuery(route: PortalRoute, query: Record<string, unknown>) {
  const names = Object.keys(query);
  if (!route.query) {
    if (names.length) throw invalid(say('portal.noQueryParameters'), names.map((path) => ({ path, message: say('portal.unknownParameter', { name: path }) })));
    return null;
  }
  // Fastify gives a repeated parameter as a list; each parameter is taken once.
  const repeated = names.filter((name) => Array.isArray(query[name]));
  if (repeated.length) throw invalid(say('portal.repeatedParameters'), repeated.map((path) => ({ path, message: say('portal.giveOnce', { name: path }) })));
  const parsed = route.query.safeParse({ ...query });
  if (!parsed.success) {
    const issues = issuesOf(parsed.error).map((i) => (i.message.startsWith('Unknown field') ? { ...i, message: say('portal.unknownParameter', { name: i.path }) } : i));
    throw invalid(say('portal.invalidQuery'), issues);
  }
  return parsed;
}

/**
 * Where a NUL character is in the request's input (a parameter, or a body's text or key), as a
 * field path; null when there is none. Neither engine may get one: PostgreSQL refuses NUL in text
 * (a 500 after the work was done), and SQLite would keep a character no one can see.
 */
function nulIn(input: unknown): string | null {
  // Without recursion: a body may nest as deep as its size allows.
  const pending: [unknown, string][] = [[input, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string' && value.includes('\0')) return path;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, inner] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\0')) return at;
      pending.push([inner, at]);
    }
  }
  return null;
}

/** The refusal of every full-session route to an account whose e-mail address is not verified yet. */
const unverified = (email: string) => new PortalHttpError('forbidden', say('portal.verifyFirst', { email }));

/** Checks a partner API key as things are now (services/partner-access-service.ts): 401 or 403 when it may not read. */
export interface ApiKeyVerifier {
  apiKey(token: string | undefined): Promise<ApiKeyGrant>;
}

export function bindRoutes(app: FastifyInstance, handlers: PortalHandlers, accounts: AccountService, web?: WebSessions, apiKeys?: ApiKeyVerifier) {
  for (const [name, route] of Object.entries(portalRoutes) as [PortalRouteName, PortalRoute][]) {
    const handler = handlers[name] as (ctx: RouteContext<PortalRoute>) => Promise<unknown>;
    app.route({
      method: route.method,
      url: route.path,
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        let session: SessionRow | null = null;
        let apiKey: ApiKeyGrant | null = null;
        if (route.auth === 'api-key') {
          // A bearer API key only: never a session, never the web app's cookie.
          if (!apiKeys) throw new PortalHttpError('internal', say('portal.internal'));
          apiKey = await apiKeys.apiKey(bearer(request));
        } else if (route.auth !== 'public') {
          // No bearer token: the web app's cookie, with its CSRF token on anything but a read (web-session.ts).
          session = await accounts.session(bearer(request) ?? web?.sessionToken(request));
          // Portal administrators' routes: the flag first (anyone else learns only that), then MFA as for integrators.
          if (route.auth === 'admin' && !session.account.portalAdmin) throw new PortalHttpError('forbidden', say('organizations.portalAdminsOnly'));
          if (((route.auth === 'session' && isIntegrator(session.account.kind)) || route.auth === 'admin') && !session.mfaVerified) {
            if (!session.account.totpSecretSealed) {
              throw new PortalHttpError('mfa_enrolment_required', say(route.auth === 'admin' ? 'organizations.portalAdminMfa' : 'portal.mfaEnrolmentRequired'));
            }
            throw new PortalHttpError('unauthorized', say('portal.sessionWithoutMfa'));
          }
          // Every full-session route, present and future: an unverified account can only log on and verify.
          if ((route.auth === 'session' || route.auth === 'admin') && !session.account.emailVerifiedAt) throw unverified(session.account.email);
        }
        const nul = nulIn(request.params) ?? nulIn(request.query) ?? nulIn(request.body);
        if (nul !== null) throw invalid(say('portal.nulCharacter'), [{ path: nul, message: say('portal.removeNul') }]);
        const params = route.params ? route.params.safeParse(request.params) : null;
        if (params && !params.success) throw invalid(say('portal.invalidPath'), issuesOf(params.error));
        const query = parseQuery(route, request.query as Record<string, unknown>);
        const body = route.body ? route.body.safeParse(request.body ?? {}) : null;
        if (body && !body.success) throw invalid(say('portal.invalidFields'), issuesOf(body.error));
        if (!route.body && request.body !== undefined && request.body !== null && Object.keys(request.body as object).length) {
          throw invalid(say('portal.noBodyTaken'), [{ path: '', message: say('portal.sendNoBody') }]);
        }
        const result = await handler({
          params: params?.data as never,
          query: query?.data as never,
          body: body?.data as never,
          session: session as never,
          apiKey: apiKey as never,
          address: request.ip,
          request,
          reply,
        });
        reply.code(route.status ?? 200);
        return result;
      },
    });
  }
}
