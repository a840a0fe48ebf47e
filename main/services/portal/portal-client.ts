// A typed client of the Registration Portal, made from the same route table the portal binds
// (shared/portal/api.ts): a call names a route, its params and body are typed from the route's
// schemas, and the answer is validated before anyone trusts it.
import type { z } from 'zod';
import { portalRoutes, type PortalRoute, type PortalRouteName } from '../../../shared/portal/api.js';
import { PortalError, type PortalErrorCode } from '../../../shared/portal/errors.js';

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
    readonly code: PortalErrorCode | 'unreachable' | 'bad_answer' | 'cancelled',
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'PortalRequestError';
  }
}

export interface PortalClientOptions {
  baseUrl: string;
  token?: string;
  timeoutMs?: number;
}

export class PortalClient {
  private readonly baseUrl: string;
  token: string | undefined;
  private readonly timeoutMs: number;

  constructor(options: PortalClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 15_000;
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
      response = await fetch(this.url(name, params, query), {
        method: route.method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new PortalRequestError(0, 'cancelled', 'Cancelled: the request to the portal was stopped. Nothing you typed was lost; try again when ready.');
      if (timeout.aborted) {
        throw new PortalRequestError(0, 'unreachable', `The Registration Portal at ${this.baseUrl} did not answer within ${Math.round(this.timeoutMs / 1000)} s. Check the network, or try again later.`);
      }
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new PortalRequestError(0, 'unreachable', `Cannot reach the Registration Portal at ${this.baseUrl} (${cause}). Check the address and the network.`);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new PortalRequestError(response.status, 'bad_answer', `The portal at ${this.baseUrl} answered something that is not JSON (HTTP ${response.status}).`);
    }
    if (!response.ok) {
      const refusal = PortalError.safeParse(json);
      if (refusal.success) throw new PortalRequestError(response.status, refusal.data.error.code, refusal.data.error.message, refusal.data.error.issues);
      throw new PortalRequestError(response.status, 'bad_answer', `The portal at ${this.baseUrl} refused the request with HTTP ${response.status}.`);
    }
    const parsed = route.response.safeParse(json);
    if (!parsed.success) throw new PortalRequestError(response.status, 'bad_answer', `The portal's answer to ${name} does not have the expected shape: ${parsed.error.issues[0]?.message}`);
    return parsed.data as PortalAnswer<N>;
  }
}
