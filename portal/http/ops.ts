// What operators and load balancers ask a portal instance, beside the API (portal/README.md,
// Operations):
//   GET /livez    the process answers (nothing else is checked: restarting cannot fix a database).
//   GET /readyz   the instance should get traffic: its database answers within a second and it is
//                 not shutting down (503 otherwise, so a proxy stops sending before it goes).
//   GET /metrics  Prometheus text (prom-client): requests by route and status, their durations,
//                 the process's own figures. Given to a scraper holding the configured token, or,
//                 without one, only to a direct connection from this machine.
// One JSON log line per request (pino, Fastify's logger), with the request id the caller sent in
// X-Request-Id (if it is a plain token) or one made here, echoed in the answer's X-Request-Id.
// Logged: method, the route's pattern (never the address as sent: links carry tokens), status,
// time. Never headers, bodies or addresses with their tokens.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { say } from '../../shared/messages/say.js';
import type { PortalStore } from '../store/store.js';
import { PortalHttpError } from './errors.js';

export interface OpsOptions {
  /** Bearer token a scraper must send for /metrics; without one, loopback connections only. */
  metricsToken?: string;
  /** Named in every log line and metric, to tell instances apart behind a proxy. */
  instance: string;
}

/** A request id the caller may choose: short and plain, so it cannot forge log lines. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/** The route's pattern (`/api/v1/systems/:systemId`), never the address as sent; unknown addresses are one label. */
const routeOf = (request: FastifyRequest) => request.routeOptions.url ?? '(no route)';

const isLoopback = (address: string | undefined) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/** Constant-time comparison of the scraper's token with the configured one. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
}

export class ShuttingDown {
  private draining = false;
  begin() {
    this.draining = true;
  }
  get now() {
    return this.draining;
  }
}

export function registerOps(app: FastifyInstance, store: PortalStore, options: OpsOptions, shutdown: ShuttingDown): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ instance: options.instance });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'portal_http_requests_total', help: 'Requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const durations = new Histogram({
    name: 'portal_http_request_duration_seconds',
    help: 'Time from the request to its answer, by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Shutting down: every answer ends its connection, so keep-alive clients reconnect (through the
  // proxy, to another instance) and no idle connection keeps this one waiting.
  app.addHook('onSend', async (_request, reply) => {
    if (shutdown.now) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = routeOf(request);
    const seconds = reply.elapsedTime / 1000;
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    durations.observe({ method: request.method, route }, seconds);
    const line = { method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    // A readiness 503 is an answer (draining, database down: said by /readyz itself), not a failure.
    if (reply.statusCode >= 500 && route !== '/readyz') request.log.error(line, 'request failed');
    else request.log.info(line, 'request');
  });

  app.get('/livez', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (shutdown.now) return reply.code(503).send({ status: 'shutting-down' });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the database did not answer within 1 s')), 1_000).unref());
    try {
      const schema = await Promise.race([store.schemaVersion(), timeout]);
      return { status: 'ready', database: store.engine, schema };
    } catch (error) {
      return reply.code(503).send({ status: 'database-unavailable', reason: (error as Error).message });
    }
  });
  app.get('/metrics', async (request, reply) => {
    const allowed = options.metricsToken
      ? tokenMatches(request.headers.authorization, options.metricsToken)
      : // Without a token: this machine only, and not through a proxy on it (which would forward anyone).
        isLoopback(request.socket.remoteAddress) && request.headers['x-forwarded-for'] === undefined && request.headers.forwarded === undefined;
    if (!allowed) throw new PortalHttpError('forbidden', say('portal.metricsForbidden'));
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
