// Admin API on the simulator's loopback port, for tests, demos and trainers. Every route, body and
// answer is listed in sim/README.md. The key of the top server is "_top" in paths and bodies.
// The admin API is not behind Digest: it is the test harness, not part of a simulated server.
import type http from 'node:http';
import { DIGEST_ALGORITHMS, type DigestAlgorithm } from './digest-auth.js';
import { parseFault } from './faults.js';
import { SimError, type SimServer, type SimSite } from './model.js';
import { readBody, send } from './http-util.js';

export const TOP_KEY = '_top';
const toKey = (name: string) => (name === TOP_KEY ? '' : name);
const toName = (key: string) => (key === '' ? TOP_KEY : key);

export function serverView(site: SimSite, s: SimServer, addressOf: (k: string) => string) {
  const credentials = site.credentialsOf(s);
  return {
    key: toName(s.key),
    address: addressOf(s.key),
    systemId: s.systemId,
    name: s.name,
    kind: s.kind,
    model: s.model,
    version: s.version,
    /** Raw key of the parent ('' for the top server), null when at the top or stand-alone. */
    parent: s.parent,
    parentAddress: s.parent === null ? null : addressOf(s.parent),
    children: site.children(s.key).length,
    ewsEnabled: s.ewsEnabled,
    writeMode: s.writable ? 'ReadWrite' : 'ReadOnly',
    addressesExposed: s.exposesAddresses,
    auth: credentials ? { user: credentials.user, own: s.credentials !== null } : null,
    registration: s.registration,
    fault: s.fault,
  };
}

export function handleAdmin(site: SimSite, req: http.IncomingMessage, res: http.ServerResponse, url: URL, addressOf: (k: string) => string): void {
  const json = (status: number, value: unknown) => send(res, status, 'application/json', JSON.stringify(value));
  const view = (s: SimServer) => serverView(site, s, addressOf);
  const parts = url.pathname.split('/').filter(Boolean).slice(1); // drop "_sim"
  const method = req.method ?? 'GET';
  const route = `${method} ${parts[0] === 'servers' && parts.length >= 2 ? ['servers', '*', ...parts.slice(2)].join('/') : parts.join('/')}`;
  const key = parts[0] === 'servers' && parts[1] !== undefined ? toKey(safeDecode(parts[1])) : '';

  const run = (body: Record<string, unknown>) => {
    try {
      const result = dispatch(route, key, body);
      if (result === undefined) {
        const known = KNOWN_PATHS.some((p) => p === route.split(' ')[1]);
        return json(known ? 405 : 404, { error: known ? `${method} is not allowed on ${url.pathname}.` : `Unknown admin route ${url.pathname}. Routes are listed in sim/README.md.` });
      }
      return json(200, result);
    } catch (e) {
      if (e instanceof SimError) return json(e.status, { error: e.message });
      throw e;
    }
  };

  const dispatch = (route: string, key: string, body: Record<string, unknown>): unknown => {
    switch (route) {
      case 'GET site':
        return {
          servers: site.servers.size,
          seed: site.seed,
          latencyMs: site.latencyMs,
          hangMs: site.hangMs,
          auth: site.siteCredentials ? { user: site.siteCredentials.user, algorithms: site.digest.options.algorithms, realm: site.digest.options.realm, nonceLifetimeMs: site.digest.options.nonceLifetimeMs } : null,
          faulty: site.faulty().length,
        };
      case 'GET servers':
        return [...site.servers.values()].map(view);
      case 'GET faults':
        return site.faulty().map((s) => ({ key: toName(s.key), address: addressOf(s.key), fault: s.fault }));
      case 'GET servers/*':
        return view(site.require(key));
      case 'POST servers/*/wipe':
        return view(site.wipe(key));
      case 'PUT servers/*/system-id':
        if (typeof body.systemId !== 'string' || body.systemId.trim() === '') throw new SimError(400, 'Body must be {"systemId": "<non-empty string>"}.');
        return view(site.setSystemId(key, body.systemId));
      case 'POST servers/*/attach':
        if (typeof body.to !== 'string' || body.to === '') throw new SimError(400, 'Body must be {"to": "<key of an Enterprise Server>"}.');
        return view(site.attach(key, toKey(body.to)));
      case 'POST servers/*/detach':
        return view(site.detach(key));
      case 'PUT servers/*/ews':
        if (typeof body.enabled !== 'boolean') throw new SimError(400, 'Body must be {"enabled": true} or {"enabled": false}.');
        return view(site.setEws(key, body.enabled));
      case 'PUT servers/*/write-mode':
        if (body.mode !== 'ReadWrite' && body.mode !== 'ReadOnly') throw new SimError(400, 'Body must be {"mode": "ReadWrite"} or {"mode": "ReadOnly"} (the EWS Value Write Mode).');
        return view(site.setWriteMode(key, body.mode === 'ReadWrite'));
      case 'PUT servers/*/addresses':
        if (typeof body.exposed !== 'boolean') throw new SimError(400, 'Body must be {"exposed": true} or {"exposed": false} (whether it gives its attached servers\' Address items).');
        return view(site.setAddressesExposed(key, body.exposed));
      case 'PUT servers/*/credentials':
        return view(site.setCredentials(key, credentialsFrom(body)));
      case 'DELETE servers/*/credentials':
        return view(site.setCredentials(key, null));
      case 'PUT servers/*/registration':
        return view(site.setRegistration(key, body));
      case 'PUT servers/*/fault': {
        const parsed = parseFault(body);
        if (!parsed.ok) throw new SimError(400, parsed.message);
        return view(site.setFault(key, parsed.fault));
      }
      case 'DELETE servers/*/fault':
        return view(site.setFault(key, null));
      case 'PUT auth': {
        const credentials = credentialsFrom({ user: body.user, password: body.password });
        if (body.algorithms !== undefined) site.digest.options.algorithms = algorithmsFrom(body.algorithms);
        site.siteCredentials = credentials;
        return dispatch('GET site', '', {});
      }
      case 'DELETE auth':
        site.siteCredentials = null;
        return dispatch('GET site', '', {});
      case 'POST auth/expire-nonces':
        site.digest.expireNonces();
        return { expired: true };
      case 'PUT latency':
        if (typeof body.ms !== 'number' || !Number.isInteger(body.ms) || body.ms < 0 || body.ms > 600_000) throw new SimError(400, 'Body must be {"ms": <whole number from 0 to 600000>}.');
        site.latencyMs = body.ms;
        return dispatch('GET site', '', {});
    }
    return undefined;
  };

  if (method === 'GET' || method === 'DELETE' || (method === 'POST' && !['attach'].includes(parts[2] ?? ''))) {
    // Routes without a body; a body sent anyway is drained and ignored.
    req.resume();
    return run({});
  }
  readBody(req, (text) => {
    if (text === null) return json(413, { error: 'Body too large (64 KB at most).' });
    let body: unknown;
    try {
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return json(400, { error: 'Body is not JSON.' });
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return json(400, { error: 'Body must be a JSON object.' });
    run(body as Record<string, unknown>);
  });
}

const KNOWN_PATHS = ['site', 'servers', 'faults', 'servers/*', 'servers/*/wipe', 'servers/*/system-id', 'servers/*/attach', 'servers/*/detach', 'servers/*/ews', 'servers/*/write-mode', 'servers/*/addresses', 'servers/*/credentials', 'servers/*/registration', 'servers/*/fault', 'auth', 'auth/expire-nonces', 'latency'];

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function credentialsFrom(body: Record<string, unknown>): { user: string; password: string } {
  const { user, password } = body;
  if (typeof user !== 'string' || user === '' || /[:\u0000-\u001f]/.test(user)) throw new SimError(400, 'Body must be {"user": "<name without colon>", "password": "<text>"}; "user" is missing or not valid.');
  if (typeof password !== 'string' || password === '') throw new SimError(400, 'Body must be {"user": "...", "password": "<non-empty text>"}; "password" is missing or empty.');
  return { user, password };
}

export function algorithmsFrom(value: unknown): DigestAlgorithm[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((s) => s.trim()) : [];
  const out: DigestAlgorithm[] = [];
  for (const item of list) {
    const match = DIGEST_ALGORITHMS.find((a) => typeof item === 'string' && a.toLowerCase() === item.toLowerCase());
    if (!match) throw new SimError(400, `Digest algorithm ${JSON.stringify(item)} is not supported; use ${DIGEST_ALGORITHMS.join(', ')}.`);
    if (!out.includes(match)) out.push(match);
  }
  if (!out.length) throw new SimError(400, `Give at least one Digest algorithm: ${DIGEST_ALGORITHMS.join(', ')}.`);
  return out;
}
