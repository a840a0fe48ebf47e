// The EWS connector against a hostile or broken server on 127.0.0.1: answers too large, too deep,
// too many elements, entity bombs, bytes that are not UTF-8, a drip that never ends, a connection
// cut halfway, headers too large, System IDs made to look like others. Each is a clear failure of
// that server, never a crash and never a value taken in.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { ConnectorError, type ConnectorFailure } from '../../main/services/connectors/connector.js';
import { EwsConnector } from '../../main/services/connectors/ews/ews-connector.js';

const OPEN = '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><GetWebServiceInformationResponse version="1.2" xmlns="http://www.schneider-electric.com/common/dataexchange/2011/05"><GetWebServiceInformationSystem><Version>1</Version>';
const CLOSE = '</GetWebServiceInformationSystem></GetWebServiceInformationResponse></env:Body></env:Envelope>';
const info = (id: string, extra = '') => `${OPEN}<Id>${id}</Id><Name>Hostile</Name>${extra}${CLOSE}`;

type Behaviour = (res: http.ServerResponse, req: http.IncomingMessage) => void;
const behaviours: Record<string, Behaviour> = {
  huge: (res) => {
    res.writeHead(200, { 'content-type': 'application/soap+xml' });
    const chunk = ' '.repeat(64 * 1024);
    let sent = 0;
    const more = () => {
      while (sent < 6 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', more);
      }
      res.end(info('x'));
    };
    res.on('error', () => undefined);
    more();
  },
  elements: (res) => res.end(info('x', `<Extra>${'<a/>'.repeat(150_000)}</Extra>`)),
  deep: (res) => res.end(info('x', `${'<a>'.repeat(2_000)}${'</a>'.repeat(2_000)}`)),
  entities: (res) => res.end(`<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${info('&lol2;')}`),
  'not-utf8': (res) => res.end(Buffer.concat([Buffer.from(`${OPEN}<Id>abc`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(`</Id><Name>x</Name>${CLOSE}`)])),
  drip: (res) => {
    res.writeHead(200, { 'content-type': 'application/soap+xml' });
    const timer = setInterval(() => res.write(' '), 100);
    res.on('close', () => clearInterval(timer));
  },
  cut: (res) => {
    res.writeHead(200, { 'content-type': 'application/soap+xml', 'content-length': '5000' });
    res.write(OPEN);
    setTimeout(() => res.socket?.destroy(), 20);
  },
  'big-headers': (res) => {
    res.writeHead(200, { 'content-type': 'application/soap+xml', 'x-filler': 'y'.repeat(64 * 1024) });
    res.end(info('x'));
  },
  bidi: (res) => res.end(info('ABCD\u202E-EFGH')),
  'zero-width': (res) => res.end(info('ABCD\u200B-EFGH')),
  'long-id': (res) => res.end(info('A'.repeat(129))),
  'huge-fault': (res) => {
    res.writeHead(500, { 'content-type': 'text/xml' });
    res.end(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>${'boom '.repeat(100_000)}</faultstring></s:Fault></s:Body></s:Envelope>`);
  },
  'not-soap': (res) => res.end('<html><body>Welcome</body></html>'),
  good: (res) => res.end(info('Good-ID-1')),
};

let server: http.Server;
let base = '';
before(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => behaviours[req.url!.split('/')[1]!]!(res, req));
  });
  server.maxHeadersCount = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const cases: [string, ConnectorFailure, RegExp][] = [
  ['huge', 'malformed', /larger than 4 MB/],
  ['elements', 'malformed', /more than 100,000 elements/],
  ['deep', 'malformed', /nested deeper than 64/],
  ['entities', 'malformed', /DOCTYPE is not allowed/],
  ['not-utf8', 'malformed', /not valid UTF-8/],
  ['drip', 'timeout', /No answer within 1 s/],
  ['cut', 'unreachable', /reset before the answer was complete|closed the connection/],
  ['big-headers', 'unreachable', /Could not reach|closed the connection|reset/],
  ['bidi', 'malformed', /control or invisible characters/],
  ['zero-width', 'malformed', /control or invisible characters/],
  ['long-id', 'malformed', /129 characters long/],
  ['huge-fault', 'fault', /SOAP fault: (boom ){10}/],
  ['not-soap', 'malformed', /not a SOAP envelope/],
];

for (const [name, failure, message] of cases) {
  test(`${name}: a ${failure} failure that says why`, async () => {
    const connector = new EwsConnector({ timeoutMs: 1000 });
    try {
      const error = await connector.readIdentity(`${base}/${name}`).catch((e: unknown) => e);
      assert.ok(error instanceof ConnectorError, `${name}: ${String(error)}`);
      assert.equal(error.failure, failure, error.message);
      assert.match(error.message, message);
      assert.ok(error.message.length < 600, `a short message (${error.message.length} characters)`);
    } finally {
      connector.close();
    }
  });
}

test('after all of that, the same process reads a good server', async () => {
  const connector = new EwsConnector({ timeoutMs: 1000 });
  try {
    const results = await Promise.all([...cases.map(([name]) => connector.readIdentity(`${base}/${name}`).catch(() => null)), connector.readIdentity(`${base}/good`)]);
    assert.equal(results.at(-1)?.systemId, 'Good-ID-1');
  } finally {
    connector.close();
  }
});
