// A typed client of the Registration Portal, made from the same route table the portal binds
// (shared/portal/api.ts): a call names a route, its params and body are typed from the route's
// schemas, and the answer is validated before anyone trusts it.
import { Agent, fetch as pinnedFetch } from 'undici';
import type { z } from 'zod';
import { portalRoutes, type PortalRoute, type PortalRouteName } from '../../../shared/portal/api.js';
import { PortalError, type PortalErrorCode } from '../../../shared/portal/errors.js';
import { say } from '../../../shared/messages/say.js';

type Route<N extends PortalRouteName> = (typeof portalRoutes)[N];
type In<S> = S extends z.ZodType ? z.input<S> : never;

export type PortalCallArgs<N extends PortalRouteName> = (Route<N> extends { params: z.ZodType } ? { params: In<Route<N>['params']> } : { params?: never }) &
  (Route<N> extends { query: z.ZodType } ? { query?: Partial<Record<keyof In<Route<N>['query']>, string | number>> } : { query?: never }) &
  (Route<N> extends { body: z.ZodType } ? { body: In<Route<N>['body']> } : { body?: never });

export type PortalAnswer<N extends PortalRouteName> = z.output<Route<N>['response']>;

/** A refusal from the portal, or a failure to reach it. */
export class PortalRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: PortalErrorCode | 'unreachable' | 'bad_answer' | 'cancelled' | 'untrusted_certificate',
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'PortalRequestError';
  }
}

/** A certificate the user trusted by its fingerprint (the same trust as the site's servers'). */
export interface PortalPin {
  pem: string;
  fingerprint256: string;
}

export interface PortalClientOptions {
  baseUrl: string;
  token?: string;
  timeoutMs?: number;
  /** For a portal whose certificate no authority signed: only this exact certificate is accepted. */
  pin?: PortalPin | null;
}

/** A kept-alive socket that the other side closed. */
const STALE = new Set(['UND_ERR_SOCKET', 'ECONNRESET']);

/** TLS failures that mean "no authority this computer trusts signed it", as Node names them. */
const UNTRUSTED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'PINNED_CERTIFICATE_CHANGED']);

export class PortalClient {
  private readonly baseUrl: string;
  token: string | undefined;
  private readonly timeoutMs: number;
  readonly pin: PortalPin | null;
  private readonly dispatcher: Agent | null;

  constructor(options: PortalClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.pin = this.baseUrl.startsWith('https:') ? (options.pin ?? null) : null;
    const pin = this.pin;
    // The pinned certificate is the only authority, and that exact certificate must be presented.
    this.dispatcher = pin
      ? new Agent({
          connect: {
            ca: pin.pem,
            checkServerIdentity: (_host, cert) => {
              if (cert.fingerprint256 === pin.fingerprint256) return undefined;
              return Object.assign(new Error(say('registration.portalCertificateChanged', { fingerprint: cert.fingerprint256, trusted: pin.fingerprint256 })), {
                code: 'PINNED_CERTIFICATE_CHANGED',
              });
            },
          },
        })
      : null;
  }

  close(): void {
    void this.dispatcher?.close();
  }

  url<N extends PortalRouteName>(name: N, params?: Record<string, string>, query?: Record<string, string | number | undefined>): string {
    const route: PortalRoute = portalRoutes[name];
    const path = route.path.replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(params?.[key] ?? ''));
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') search.set(key, String(value));
    const qs = search.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  async call<N extends PortalRouteName>(name: N, ...[args]: PortalCallArgs<N> extends { params?: never; body?: never } ? [PortalCallArgs<N>?] : [PortalCallArgs<N>]): Promise<PortalAnswer<N>> {
    return this.send(name, args as PortalCallArgs<N> | undefined);
  }

  /** As call, and `signal` cancels it (a person pressed Cancel). */
  async send<N extends PortalRouteName>(name: N, args?: PortalCallArgs<N>, signal?: AbortSignal): Promise<PortalAnswer<N>> {
    const route: PortalRoute = portalRoutes[name];
    const { params, query, body } = (args ?? {}) as { params?: Record<string, string>; query?: Record<string, string | number>; body?: unknown };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      const init = { method: route.method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: signal ? AbortSignal.any([timeout, signal]) : timeout };
      const once = async () =>
        (this.dispatcher ? await pinnedFetch(this.url(name, params, query), { ...init, dispatcher: this.dispatcher }) : await fetch(this.url(name, params, query), init)) as Response;
      // A kept-alive connection the portal closed meanwhile: a read is asked again, once, on a new one.
      response = await once().catch((error: unknown) => {
        if (route.method !== 'GET' || !STALE.has((error as { cause?: { code?: string } }).cause?.code ?? '')) throw error;
        return once();
      });
    } catch (error) {
      if (signal?.aborted) throw new PortalRequestError(0, 'cancelled', say('registration.portalCancelled'));
      if (timeout.aborted) {
        throw new PortalRequestError(0, 'unreachable', say('registration.portalTimeout', { url: this.baseUrl, seconds: Math.round(this.timeoutMs / 1000) }));
      }
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      if (UNTRUSTED.has(cause)) {
        const host = new URL(this.baseUrl).host;
        // With a pin, any certificate failure means the portal no longer presents the trusted one.
        const changed = this.pin !== null;
        throw new PortalRequestError(
          0,
          'untrusted_certificate',
          changed ? say('registration.portalOtherCertificate', { host }) : say('registration.portalUntrustedCertificate', { host, reason: cause }),
          [{ path: 'certificate', message: host }],
        );
      }
      throw new PortalRequestError(0, 'unreachable', say('registration.portalUnreachable', { target: `${this.baseUrl} (${cause})` }));
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new PortalRequestError(response.status, 'bad_answer', say('registration.portalNotJson', { url: this.baseUrl, status: response.status }));
    }
    if (!response.ok) {
      const refusal = PortalError.safeParse(json);
      if (refusal.success) throw new PortalRequestError(response.status, refusal.data.error.code, refusal.data.error.message, refusal.data.error.issues);
      throw new PortalRequestError(response.status, 'bad_answer', say('registration.portalRefusedHttp', { url: this.baseUrl, status: response.status }));
    }
    const parsed = route.response.safeParse(json);
    if (!parsed.success) throw new PortalRequestError(response.status, 'bad_answer', say('registration.portalBadShape', { route: name, problem: String(parsed.error.issues[0]?.message) }));
    return parsed.data as PortalAnswer<N>;
  }
}
