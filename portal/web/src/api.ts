// The web app's client of the portal's API, typed from the route table the portal binds
// (shared/portal/api.ts): a call names a route, its params, query and body are typed from the
// route's schemas, and the answer is checked against the route's response schema. A route that
// changes in the table breaks this app's build, not its users.
//
// Same origin only: the session is the HttpOnly cookie the browser sends by itself; requests other
// than GET carry the session's CSRF token (web-session.ts on the portal).
import type { z } from 'zod';
import { portalRoutes, type PortalRoute, type PortalRouteName } from '../../../shared/portal/api.js';
import type { FieldIssue } from '../../../shared/contract/result.js';

type Routes = typeof portalRoutes;
type Route<N extends PortalRouteName> = Routes[N];
type In<S> = S extends z.ZodType ? z.input<S> : never;

export type CallArgs<N extends PortalRouteName> = (Route<N> extends { params: z.ZodType } ? { params: In<Route<N>['params']> } : { params?: never }) &
  (Route<N> extends { query: z.ZodType } ? { query?: Partial<Record<keyof In<Route<N>['query']>, string | number>> } : { query?: never }) &
  (Route<N> extends { body: z.ZodType } ? { body: In<Route<N>['body']> } : { body?: never });

export type Answer<N extends PortalRouteName> = z.output<Route<N>['response']>;

/** Whether the portal's route table has a route: pages built ahead of their routes check this. */
export const hasRoute = (name: string): name is PortalRouteName => name in portalRoutes;

/** A refusal, in the portal's shape ({ code, message, issues }), or a failure to reach it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
/** The session's CSRF token, from the log-on answer or GET /api/v1/web/session; kept in memory only. */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** Told of every 401 (the session ended) and mfa_enrolment_required, so the app can show log-on or enrolment. */
let onSessionProblem: ((error: ApiError) => void) | null = null;
export const whenSessionProblem = (listener: (error: ApiError) => void) => {
  onSessionProblem = listener;
};

function urlOf(route: PortalRoute, params?: Record<string, string>, query?: Record<string, string | number | undefined>): string {
  const path = route.path.replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(params?.[key] ?? ''));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') search.set(key, String(value));
  const qs = search.toString();
  return `${path}${qs ? `?${qs}` : ''}`;
}

async function send<N extends PortalRouteName>(name: N, args: CallArgs<N> | undefined, quiet: boolean): Promise<Answer<N>> {
  const route: PortalRoute = portalRoutes[name];
  const { params, query, body } = (args ?? {}) as { params?: Record<string, string>; query?: Record<string, string | number>; body?: unknown };
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (route.method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(urlOf(route, params, query), {
      method: route.method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      // The page's address may hold an invitation's token: never sent on.
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, 'unreachable', '');
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: said below */
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; issues?: FieldIssue[] } } | null)?.error;
    const refusal = new ApiError(response.status, error?.code ?? 'internal', error?.message ?? `${response.status} ${response.statusText}`, error?.issues ?? []);
    if (!quiet && (refusal.status === 401 || refusal.code === 'mfa_enrolment_required')) onSessionProblem?.(refusal);
    throw refusal;
  }
  const parsed = route.response.safeParse(json);
  if (!parsed.success) throw new ApiError(response.status, 'bad_answer', `The portal's answer to ${route.method} ${route.path} is not in the shape this page expects.`);
  return parsed.data as Answer<N>;
}

/** Calls a route of the portal's API; throws an ApiError on a refusal. */
export function api<N extends PortalRouteName>(name: N, ...[args]: CallArgs<N> extends { params?: never; body?: never } ? [CallArgs<N>?] : [CallArgs<N>]): Promise<Answer<N>> {
  return send(name, args as CallArgs<N> | undefined, false);
}

/** As api(), but a 401 is the caller's to handle (the session check on start, log-on itself). */
export function apiQuiet<N extends PortalRouteName>(name: N, ...[args]: CallArgs<N> extends { params?: never; body?: never } ? [CallArgs<N>?] : [CallArgs<N>]): Promise<Answer<N>> {
  return send(name, args as CallArgs<N> | undefined, true);
}

/**
 * A route the page needs that the table may not have yet (built by others at the same time): called
 * by name, untyped, so the app builds without it; the page shows "not available yet" until it exists.
 */
export function apiMaybe(name: string, args: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown } = {}): Promise<unknown> {
  if (!hasRoute(name)) return Promise.reject(new ApiError(0, 'not_available', ''));
  return send(name, args as never, false);
}
