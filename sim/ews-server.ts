// One HTTP listener on 127.0.0.1 serves every simulated server: the top server at
// /EcoStruxure/DataExchange, every other one at /<key>/EcoStruxure/DataExchange. The admin API
// for tests and trainers lives under /_sim/. What a server answers is in ews-operations.ts.
//
// A request goes: added latency (site and "latency" fault) -> transport faults (timeout, reset,
// HTTP 500) -> EWS disabled -> Digest -> SOAP fault -> the operation -> malformed XML.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EWS_PATH } from '../shared/ews.js';
import { handleAdmin } from './admin.js';
import { answerOperation } from './ews-operations.js';
import { breakXml } from './faults.js';
import type { SimServer, SimSite } from './model.js';
import { contentTypeOf, ewsFault } from './soap.js';
import { readBody, send } from './http-util.js';

export interface RunningSim {
  url: string;
  port: number;
  site: SimSite;
  /** Base URL of a server, as the companion addresses it. */
  addressOf(key: string): string;
  close(): Promise<void>;
}

export async function startSimulator(site: SimSite, options: { port?: number } = {}): Promise<RunningSim> {
  // Loopback only, by design: the simulator is never reachable from another machine.
  const host = '127.0.0.1';
  let base = '';
  const addressOf = (key: string) => (key === '' ? base : `${base}/${key}`);
  const hanging = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    const query = rawUrl.indexOf('?');
    const path = query < 0 ? rawUrl : rawUrl.slice(0, query);
    if (path.startsWith('/_sim/')) {
      handleAdmin(site, req, res, new URL(rawUrl, 'http://sim'), addressOf);
      return;
    }
    if (!path.endsWith(EWS_PATH)) return send(res, 404, 'text/plain', 'Not an EWS endpoint: servers answer at /EcoStruxure/DataExchange or /<key>/EcoStruxure/DataExchange.');
    const key = path.slice(path.startsWith('/') ? 1 : 0, -EWS_PATH.length);
    const target = site.get(decodeKey(key));
    if (!target) return send(res, 404, 'text/plain', `No server at ${path}.`);
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'EWS takes POST.', { allow: 'POST' });
    readBody(req, (body) => {
      const delay = site.latencyMs + (target.fault?.kind === 'latency' && site.faultFires(target) ? target.fault.latencyMs! : 0);
      const go = () => handleEws(site, target, req, res, body, rawUrl, addressOf, hanging);
      if (delay > 0) setTimeout(go, delay);
      else go();
    });
  });
  server.keepAliveTimeout = 30_000;
  server.maxRequestsPerSocket = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://${host}:${port}`;
  return {
    url: base,
    port,
    site,
    addressOf,
    close: () =>
      new Promise((resolve) => {
        for (const timer of hanging) clearTimeout(timer);
        hanging.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const decodeKey = (key: string) => {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
};

function handleEws(
  site: SimSite,
  target: SimServer,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: string | null,
  uri: string,
  addressOf: (key: string) => string,
  hanging: Set<NodeJS.Timeout>,
): void {
  const broken = target.fault && target.fault.kind !== 'latency' && site.faultFires(target) ? target.fault : null;
  switch (broken?.kind) {
    case 'timeout': {
      // Never answers; the socket is closed after a long while (or when the simulator stops) so
      // that it cannot leak.
      const timer = setTimeout(() => {
        hanging.delete(timer);
        req.socket.destroy();
      }, site.hangMs);
      hanging.add(timer);
      res.once('close', () => {
        clearTimeout(timer);
        hanging.delete(timer);
      });
      return;
    }
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'http-500':
      return send(res, 500, 'text/html', '<html><body><h1>500 Internal Server Error</h1></body></html>');
  }
  if (!target.ewsEnabled) return send(res, 503, 'text/plain', 'EWS server is disabled on this server.');
  if (body === null) return send(res, 413, 'text/plain', 'Request too large: EWS requests here are at most 64 KB.');

  const credentials = site.credentialsOf(target);
  if (credentials) {
    const verdict = site.digest.verify(target.key, credentials, req.method ?? 'POST', uri, req.headers.authorization);
    if (!verdict.ok) {
      return send(res, 401, 'text/plain', `Authentication required: ${verdict.reason}.`, { 'www-authenticate': site.digest.challenge(target.key, verdict.stale) });
    }
  }

  const request = { contentType: req.headers['content-type'], soapAction: [req.headers.soapaction ?? []].flat()[0], body };
  // A fault instead of the answer: nothing is read or written.
  if (broken?.kind === 'soap-fault') {
    const version = /^\s*text\/xml/i.test(request.contentType ?? '') ? '1.1' : '1.2';
    const answer = ewsFault(version, 'TimeOut', 'The data exchange service timed out inside (simulated fault).', 'receiver');
    return send(res, answer.status, contentTypeOf(version), answer.body);
  }
  const answer = answerOperation(site, target, request, addressOf);
  if (broken?.kind === 'malformed-xml') {
    return send(res, 200, answer.contentType, breakXml(answer.body.toString(), broken.variant ?? 'truncated'));
  }
  send(res, answer.status, answer.contentType, answer.body);
}
