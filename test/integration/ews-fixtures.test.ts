// The recorded EWS envelopes of test/fixtures/ews (written from the team's EWS fact sheet) against both
// sides: the strict simulator must take every request and answer in the same shape, and the
// connector must send requests of the same shape and read every answer as a real server means it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConnectorError } from '../../main/services/connectors/connector.js';
import { EwsConnector } from '../../main/services/connectors/ews/ews-connector.js';
import { operationOfRequestElement, soapVersionOfNamespace, type SoapVersion } from '../../shared/ews.js';
import { parseXml, type XmlElement } from '../../shared/xml.js';
import type { RunningSim } from '../../sim/ews-server.js';
import { ROOT } from '../support/processes.js';
import { ewsUrl, post, startSite } from '../sim/ews-client.js';

const DIR = path.join(ROOT, 'test', 'fixtures', 'ews');
interface Exchange {
  operation: string;
  soap: SoapVersion;
  request: string;
  response: string;
}
interface FaultFixture {
  soap: SoapVersion;
  status: number;
  response: string;
  name: string;
  reason: string;
}
const index = JSON.parse(fs.readFileSync(path.join(DIR, 'index.json'), 'utf8')) as { headers: Record<SoapVersion, Record<string, string>>; exchanges: Exchange[]; faults: FaultFixture[] };
const read = (file: string) => fs.readFileSync(path.join(DIR, file), 'utf8');
const headersFor = (soap: SoapVersion, operation: string) => Object.fromEntries(Object.entries(index.headers[soap]).map(([k, v]) => [k, v.replace('{operation}', operation)]));

/** Every element path (namespace + local name) below the Body, with the order children came in. */
function shape(element: XmlElement, at = '', out = new Map<string, string[]>()): Map<string, string[]> {
  const names: string[] = [];
  for (const child of element.children) {
    const name = `{${child.ns}}${child.name}`;
    if (names.at(-1) !== name) names.push(name);
    shape(child, `${at}/${name}`, out);
  }
  out.set(at, [...(out.get(at) ?? []), ...names.filter((n) => !(out.get(at) ?? []).includes(n))]);
  return out;
}
const bodyElement = (doc: XmlElement) => doc.children.find((c) => c.name === 'Body')!.children[0]!;

/**
 * Fails unless every path of `actual` is a path of one of the fixtures of its operation and
 * siblings keep the fixtures' order.
 */
function assertSameShape(actual: XmlElement, expected: XmlElement, what: string) {
  const fixtures = index.exchanges.filter((e) => bodyElement(parseXml(read(e.response))).name === expected.name).map((e) => parseXml(read(e.response)));
  const want = fixtures.length && expected.name.endsWith('Response') ? new Map<string, string[]>() : shape(expected);
  for (const fixture of fixtures.length && expected.name.endsWith('Response') ? fixtures : []) {
    for (const [at, names] of shape(bodyElement(fixture))) want.set(at, [...(want.get(at) ?? []), ...names.filter((n) => !(want.get(at) ?? []).includes(n))]);
  }
  for (const [at, names] of shape(actual)) {
    const allowed = want.get(at);
    assert.ok(allowed, `${what}: ${at || '(response element)'} is not in the fixture`);
    for (const name of names) assert.ok(allowed.includes(name), `${what}: ${at}/${name} is not in the fixture`);
    const positions = names.map((n) => allowed.indexOf(n));
    assert.deepEqual(positions, [...positions].sort((a, b) => a - b), `${what}: children of ${at} are out of the fixture's order`);
  }
  assert.equal(actual.ns, expected.ns, `${what}: namespace of the operation element`);
  assert.equal(actual.name, expected.name, `${what}: operation element`);
}

describe('the simulator against the fixtures', () => {
  let sim: RunningSim;
  before(async () => {
    sim = await startSite({ es: 1, asPerEs: 2, seed: 3 });
  });
  after(() => sim.close());

  for (const exchange of index.exchanges) {
    test(`${exchange.operation}, SOAP ${exchange.soap}: the request is taken and answered in the fixture's shape`, async () => {
      const reply = await post(ewsUrl(sim.url), read(exchange.request), headersFor(exchange.soap, exchange.operation));
      assert.equal(reply.status, 200, reply.body);
      assert.match(String(reply.headers['content-type']), exchange.soap === '1.2' ? /^application\/soap\+xml/ : /^text\/xml/);
      const answer = parseXml(reply.body);
      assert.equal(soapVersionOfNamespace(answer.ns), exchange.soap, 'answered in the SOAP version asked');
      assertSameShape(bodyElement(answer), bodyElement(parseXml(read(exchange.response))), exchange.response);
    });
  }

  // The fixtures' Ids are not the simulator's, so the answers above are mostly ErrorResults; the
  // same requests with Ids it holds give answers with content, which must keep the shapes too.
  const withIds = (file: string, ids: string[]) => read(file).replace(/(<Id>[^<]*<\/Id>\s*)+/, ids.map((id) => `<Id>${id}</Id>`).join(''));
  const cases: [string, string, string, string[]][] = [
    ['GetContainerItems', '1.2', 'gci-root-1.2.request.xml', ['01/ES-1/Servers', '01/ES-1/Servers/AS-P-1-1', '01/ES-1/System']],
    ['GetContainerItems', '1.1', 'gci-child-1.1.request.xml', ['01/ES-1/Servers/AS-P-1-2', 'nope']],
    ['GetValues', '1.2', 'getvalues-1.2.request.xml', ['/System/Id', '/System/Registration/State', '01/ES-1/Servers/AS-P-1-1/Address', 'nope']],
  ];
  for (const [operation, soap, file, ids] of cases) {
    test(`${operation}, SOAP ${soap}, for Ids the simulator holds: content in the fixture's shape`, async () => {
      const reply = await post(ewsUrl(sim.url), withIds(file, ids), headersFor(soap as SoapVersion, operation));
      assert.equal(reply.status, 200, reply.body);
      const answer = bodyElement(parseXml(reply.body));
      assert.ok(shape(answer).size > 3, 'the answer has content');
      assertSameShape(answer, bodyElement(parseXml(read(file.replace('request', 'response')))), `${operation} with content`);
    });
  }

  test('SetValues, for an item the simulator holds: a Result with Success true, in the fixture\'s shape', async () => {
    const request = read('setvalues-1.2.request.xml').replace(/<ValueItem>[\s\S]*<\/ValueItem>/, '<ValueItem><Id>/System/Registration/SiteName</Id><Value>Fixture Tower</Value></ValueItem>');
    const reply = await post(ewsUrl(sim.url), request, headersFor('1.2', 'SetValues'));
    assert.match(reply.body, /<Result><Id>\/System\/Registration\/SiteName<\/Id><Success>true<\/Success>/);
    assertSameShape(bodyElement(parseXml(reply.body)), bodyElement(parseXml(read('setvalues-1.2.response.xml'))), 'SetValues with success');
    assert.equal(sim.site.require('').registration.siteName, 'Fixture Tower');
  });
});

/** A server that answers with the fixture for the operation and SOAP version asked, and records what it was sent. */
async function replayServer(answerFor: (operation: string, soap: SoapVersion) => { status: number; body: string } | null) {
  const seen: { headers: http.IncomingHttpHeaders; body: string; operation: string; soap: SoapVersion }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const doc = parseXml(body);
      const soap = soapVersionOfNamespace(doc.ns)!;
      const operation = operationOfRequestElement(bodyElement(doc).name)!;
      seen.push({ headers: req.headers, body, operation, soap });
      const answer = answerFor(operation, soap);
      res.writeHead(answer?.status ?? 500, { 'content-type': soap === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8' });
      res.end(answer?.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the connector against the fixtures', () => {
  const fixtureAnswer = (operation: string, soap: SoapVersion) => {
    const exchange = index.exchanges.find((e) => e.operation === operation && e.soap === soap);
    return exchange ? { status: 200, body: read(exchange.response) } : null;
  };

  for (const soap of ['1.2', '1.1'] as const) {
    test(`SOAP ${soap}: requests match the fixtures' shape and headers, answers are read as meant`, async () => {
      const replay = await replayServer(fixtureAnswer);
      const connector = new EwsConnector({ timeoutMs: 5000, soapVersion: soap });
      try {
        const identity = await connector.readIdentity(replay.url);
        assert.deepEqual(identity, { systemId: 'demo-es-1', name: 'Demo Enterprise Server', version: '3.2.1.100', model: '' });
        const values = await connector.readValues(replay.url, soap === '1.2' ? ['01/Demo ES/Outdoor Temp', '01/Demo ES/Plant/Pump Cmd', '01/Demo ES/Missing Point'] : ['01/Demo ES/Outdoor Temp']);
        assert.deepEqual(values.values.get('01/Demo ES/Outdoor Temp'), { state: 0, value: '7.40000009536743' });
        if (soap === '1.2') {
          assert.deepEqual(values.values.get('01/Demo ES/Plant/Pump Cmd'), { state: 2, value: '1' }, 'State is an integer: 2 is Forced');
          assert.equal(values.errors.get('01/Demo ES/Missing Point'), 'INVALID_ID', 'reported, not read as an empty value');
          assert.equal(values.values.has('01/Demo ES/Missing Point'), false);
          const written = await connector.writeValues(replay.url, [
            { id: '01/Demo ES/Plant/Setpoint', value: '21.5' },
            { id: '01/Demo ES/Outdoor Temp', value: '10' },
          ]);
          assert.deepEqual(written.get('01/Demo ES/Outdoor Temp'), { success: false, message: 'Value is read-only' });
          assert.deepEqual(written.get('01/Demo ES/Plant/Setpoint'), { success: true, message: '' });
          const root = await connector.readChildren(replay.url);
          assert.deepEqual(root, { hostsServers: false, children: [] }, 'a folder and a value item are not servers');
        } else {
          const written = await connector.writeValues(replay.url, [{ id: '01/Demo ES/Plant/Setpoint', value: '22' }]);
          assert.deepEqual(written.get('01/Demo ES/Plant/Setpoint'), { success: true, message: '' });
          // Results are matched by Id: Plant is read; the INVALID_ID beside it is for another Id.
          const child = await connector.readContainer(replay.url, '01/Demo ES/Plant');
          assert.deepEqual(child, { id: '01/Demo ES/Plant', name: 'Plant', type: 'folder', containers: [], valueItems: [{ id: '01/Demo ES/Plant/Pump Cmd', name: 'Pump Cmd' }] });
          const nowhere = await connector.readContainer(replay.url, '01/Demo ES/Nowhere').catch((e: Error) => e);
          assert.ok(nowhere instanceof ConnectorError && /could not list "01\/Demo ES\/Nowhere": INVALID_ID/.test(nowhere.message), 'a container the server cannot list is reported with its reason');
        }
        // Every request the connector sent has the shape and headers of the fixture of its operation.
        for (const sent of replay.seen) {
          assert.equal(sent.soap, soap);
          const fixture = index.exchanges.find((e) => e.operation === sent.operation && e.soap === soap);
          if (!fixture) continue;
          const want = headersFor(soap, sent.operation);
          assert.equal(sent.headers['content-type'], want['content-type'], `${sent.operation}: content type and action`);
          if (soap === '1.1') assert.equal(sent.headers.soapaction, want.soapaction, `${sent.operation}: SOAPAction`);
          const request = bodyElement(parseXml(sent.body));
          assert.equal(request.attrs.version, '1.2');
          assertSameShape(request, bodyElement(parseXml(read(fixture.request))), `${sent.operation} request`);
        }
        assert.deepEqual([...new Set(replay.seen.map((s) => s.operation))].sort(), ['GetContainerItems', 'GetValues', 'GetWebServiceInformation', 'SetValues'], 'every operation the connector uses was checked');
      } finally {
        connector.close();
        await replay.close();
      }
    });
  }

  for (const fault of index.faults) {
    test(`a SOAP ${fault.soap} fault (${fault.name}) is reported with its reason and name`, async () => {
      const replay = await replayServer(() => ({ status: fault.status, body: read(fault.response) }));
      const connector = new EwsConnector({ timeoutMs: 5000, soapVersion: fault.soap });
      try {
        const error = await connector.readIdentity(replay.url).catch((e: unknown) => e);
        assert.ok(error instanceof ConnectorError, String(error));
        assert.equal(error.failure, 'fault');
        assert.match(error.message, new RegExp(`\\(${fault.name}\\): ${fault.reason}`));
      } finally {
        connector.close();
        await replay.close();
      }
    });
  }

  test('a server that refuses SOAP 1.2 (HTTP 415) is asked in SOAP 1.1 from then on', async () => {
    const replay = await replayServer((operation, soap) => (soap === '1.2' ? { status: 415, body: '' } : fixtureAnswer(operation, soap)));
    const connector = new EwsConnector({ timeoutMs: 5000 });
    try {
      assert.equal((await connector.readIdentity(replay.url)).systemId, 'demo-es-1');
      assert.equal((await connector.readIdentity(replay.url)).systemId, 'demo-es-1');
      assert.deepEqual(replay.seen.map((s) => s.soap), ['1.2', '1.1', '1.1']);
    } finally {
      connector.close();
      await replay.close();
    }
  });
});
