// The web app's session (docs/partners.md, "The portal's web pages"): the session token lives in
// an HttpOnly, SameSite=Strict cookie the page's scripts cannot read, and every request other than
// GET/HEAD made with that cookie carries the session's CSRF token in x-csrf-token (and, when the
// browser sends an Origin, the portal's own). The CSRF token is HMAC-SHA-256 of the session
// token's hash under a key derived (HKDF) from the portal's own keys: nothing more is stored, and
// it changes with every session. Bearer clients (the companion) never meet any of this.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { say } from '../../shared/messages/say.js';
import { sha256 } from '../auth/tokens.js';
import type { PortalKeys } from '../keys.js';
import { accountView, type AccountService } from '../services/account-service.js';
import { bearer, type PortalHandlers } from './bind-routes.js';
import { PortalHttpError } from './errors.js';

export const SESSION_COOKIE = 'portal_session';
/**
 * Over HTTPS the cookie is `__Host-` prefixed: browsers then refuse it from any other site or
 * subdomain (no Domain, Path=/, Secure), so a sibling host cannot plant a session of its own.
 */
const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
const READS = new Set(['GET', 'HEAD']);
/** A session token is `bmsp_` and 43 base64url characters; anything else in the cookie is not one. */
const TOKEN = /^bmsp_[A-Za-z0-9_-]{43}$/;

export interface WebSessionOptions {
  keys: PortalKeys;
  /** The portal's public address as configured (an https one makes the cookie Secure). */
  configuredPublicUrl?: string | undefined;
  /** The address links are made with, read when asked (known once the portal listens). */
  publicUrl: () => string;
}

/** One cookie's value from a Cookie header; undefined when it is missing or sent more than once (a planted twin). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  const values = (header ?? '')
    .split(';')
    .map((part) => [part.slice(0, part.indexOf('=')).trim(), part.slice(part.indexOf('=') + 1).trim()] as const)
    .filter(([key]) => key === name);
  return values.length === 1 ? values[0]![1] : undefined;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

export class WebSessions {
  private readonly secret: Buffer;

  constructor(private readonly o: WebSessionOptions) {
    // The Ed25519 signing key is the portal's longest-lived secret: the CSRF key follows it, and a
    // key file restored from a backup keeps the pages' tokens valid.
    const material = o.keys.ed25519.privateKey.export({ format: 'der', type: 'pkcs8' });
    this.secret = Buffer.from(crypto.hkdfSync('sha256', material, 'bms-registration-portal', 'web session csrf v1', 32));
  }

  /** The CSRF token of the session whose token this is. */
  csrfToken(sessionToken: string): string {
    return crypto.createHmac('sha256', this.secret).update(sha256(sessionToken)).digest('base64url');
  }

  /** The session token a request carries in the cookie (only the cookie: a bearer token is read by bind-routes). */
  cookieToken(request: FastifyRequest): string | undefined {
    const value = cookieValue(request.headers.cookie, this.cookieName(request));
    return value && TOKEN.test(value) ? value : undefined;
  }

  /** The session token of a request: its bearer token, else its cookie. */
  tokenOf(request: FastifyRequest): string | undefined {
    return bearer(request) ?? this.cookieToken(request);
  }

  /** The origins the portal's own pages are served from: its public address and the one this request reached. */
  private ownOrigins(request: FastifyRequest): string[] {
    return [originOf(this.o.publicUrl()), originOf(`${request.protocol}://${request.host}`)].filter((o): o is string => o !== null);
  }

  /** Refuses a request whose Origin header names another site (a request without one passes). */
  checkOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    if (!this.ownOrigins(request).includes(origin)) throw new PortalHttpError('forbidden', say('portal.webOtherSite'));
  }

  /**
   * For bind-routes, on a route that needs a session and a request with no bearer token: the
   * cookie's session token, once a request other than GET/HEAD has shown the session's CSRF token
   * and, if it has an Origin, the portal's own. Undefined when there is no cookie (the route's 401).
   */
  sessionToken(request: FastifyRequest): string | undefined {
    const token = this.cookieToken(request);
    if (!token || READS.has(request.method)) return token;
    this.checkOrigin(request);
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameText(sent, this.csrfToken(token))) throw new PortalHttpError('forbidden', say('portal.webCsrfMissing'));
    return token;
  }

  private cookieName(request: FastifyRequest): string {
    return this.secure(request) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  }

  private secure(request: FastifyRequest): boolean {
    return request.protocol === 'https' || (this.o.configuredPublicUrl ?? '').startsWith('https:');
  }

  private cookie(request: FastifyRequest, value: string, maxAge: number): string {
    return [`${this.cookieName(request)}=${value}`, 'Path=/', `Max-Age=${maxAge}`, 'HttpOnly', 'SameSite=Strict', ...(this.secure(request) ? ['Secure'] : [])].join('; ');
  }

  /** Sets the session in the cookie, for as long as the session lasts. */
  setCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void {
    const seconds = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
    reply.header('set-cookie', this.cookie(request, token, seconds));
  }

  clearCookie(request: FastifyRequest, reply: FastifyReply): void {
    reply.header('set-cookie', this.cookie(request, '', 0));
  }
}

/** The handlers of the web app's session routes (shared/portal/api.ts webLogOn, webSession, webLogOff). */
export function webSessionHandlers(web: WebSessions, accounts: AccountService): Pick<PortalHandlers, 'webLogOn' | 'webSession' | 'webLogOff'> {
  return {
    webLogOn: async ({ body, address, request, reply }) => {
      // A log-on posted from another site's page would log the browser on to someone else's account.
      web.checkOrigin(request);
      const { token, expiresAt, account } = await accounts.logOn(body, address);
      web.setCookie(request, reply, token, expiresAt);
      return { account, expiresAt, csrfToken: web.csrfToken(token) };
    },
    webSession: async ({ session, request }) => ({ account: accountView(session.account), expiresAt: session.expiresAt, csrfToken: web.csrfToken(web.tokenOf(request)!) }),
    webLogOff: async ({ session, request, reply }) => {
      const done = await accounts.logOff(session);
      web.clearCookie(request, reply);
      return done;
    },
  };
}
