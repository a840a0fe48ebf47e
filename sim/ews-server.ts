// One HTTP listener on 127.0.0.1 serves every simulated server: the top server at
// /EcoStruxure/DataExchange, every other one at /<key>/EcoStruxure/DataExchange. The admin API
// for tests and trainers lives under /_sim/.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { EWS_OPERATIONS, EWS_PATH } from '../shared/ews.js';
import { handleAdmin } from './admin.js';
import type { SimServer, SimSite } from './model.js';
import { el, fault, response } from './soap.js';
import { readBody, send } from './http-util.js';

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true });


export interface RunningSim {
  url: string;
  port: number;
  site: SimSite;
  /** Base URL of a server, as the companion addresses it. */
  addressOf(key: string): string;
  close(): Promise<void>;
}

export async function startSimulator(site: SimSite, options: { port?: number; host?: string } = {}): Promise<RunningSim> {
  const host = options.host ?? '127.0.0.1';
  let base = '';
  const addressOf = (key: string) => (key === '' ? base : `${base}/${key}`);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname.startsWith('/_sim/')) {
      handleAdmin(site, req, res, url, addressOf);
      return;
    }
    if (!url.pathname.endsWith(EWS_PATH)) return send(res, 404, 'text/plain', 'Not an EWS endpoint.');
    const key = url.pathname.slice(0, -EWS_PATH.length).replace(/^\//, '');
    const target = site.get(key);
    if (!target) return send(res, 404, 'text/plain', `No server at ${url.pathname}.`);
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'EWS takes POST.');
    readBody(req, (body) => {
      if (body === null) return send(res, 413, 'text/plain', 'Request too large.');
      answer(target, body, res, site, addressOf);
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
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answer(target: SimServer, body: string, res: http.ServerResponse, site: SimSite, addressOf: (k: string) => string): void {
  if (!target.ewsEnabled) return send(res, 503, 'text/plain', 'EWS server is disabled on this server.');
  let operation: string | undefined;
  try {
    const doc = parser.parse(body) as { Envelope?: { Body?: Record<string, unknown> } };
    operation = Object.keys(doc.Envelope?.Body ?? {})[0]?.replace(/Request$/, '');
  } catch {
    return send(res, 400, 'text/xml', fault('soap:Client', 'The request is not well-formed XML.'));
  }
  switch (operation) {
    case 'GetWebServiceInformation':
      return send(
        res,
        200,
        'text/xml',
        response('GetWebServiceInformation', [
          el('GetWebServiceInformationVersion', [el('MajorVersion', '1'), el('MinorVersion', '2')]),
          el('GetWebServiceInformationSupportedOperations', EWS_OPERATIONS.map((op) => el('Operation', op))),
          el('GetWebServiceInformationSystem', [
            el('Id', target.systemId),
            el('Name', target.name),
            el('Version', target.version),
            el('Model', target.model),
          ]),
        ]),
      );
    case 'GetContainerItems':
      return send(
        res,
        200,
        'text/xml',
        response('GetContainerItems', [
          el('Items', [
            el('ContainerItem', [
              el('Id', '/'),
              el('Name', target.name),
              el('Type', 'Server'),
              el(
                'Items',
                site.children(target.key).map((child) =>
                  el('ContainerItem', [
                    el('Id', `/${child.name}`),
                    el('Name', child.name),
                    el('Type', 'Server'),
                    el('Address', addressOf(child.key)),
                  ]),
                ),
              ),
            ]),
          ]),
        ]),
      );
    default:
      return send(res, 500, 'text/xml', fault('soap:Client', `Operation ${operation ?? '(none)'} is not supported.`));
  }
}
