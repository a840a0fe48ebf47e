// Every fault kind against the real listener over HTTP, each as a real broken server behaves, and
// the seeded choice of faulty servers.
import assert from 'node:assert/strict';
import net from 'node:net';
import { XMLValidator } from 'fast-xml-parser';
import { after, before, test } from 'node:test';
import { ConnectorError } from '../../main/services/connectors/connector.js';
import { EwsConnector } from '../../main/services/connectors/ews/ews-connector.js';
import type { RunningSim } from '../../sim/ews-server.js';
import { FAILING_KINDS } from '../../sim/faults.js';
import { SimSite } from '../../sim/model.js';
import { admin, envelope, ewsUrl, post, startSite } from './ews-client.js';

const INFO = envelope('GetWebServiceInformation');
let sim: RunningSim;
let connector: EwsConnector;
before(async () => {
  sim = await startSite({ es: 1, asPerEs: 8, seed: 9, hangMs: 400 });
  connector = new EwsConnector({ timeoutMs: 1500 });
});
after(async () => {
  connector.close();
  await sim.close();
});

const setFault = async (key: string, fault: Record<string, unknown>) => {
  const reply = await admin(sim, 'PUT', `servers/${key}/fault`, fault);
  assert.equal(reply.status, 200, JSON.stringify(reply.value));
};
const connectorFailure = async (key: string) => {
  try {
    await connector.readIdentity(sim.addressOf(key));
    return null;
  } catch (e) {
    assert.ok(e instanceof ConnectorError, String(e));
    return e.failure;
  }
};

test('latency delays the answer by the configured time, site-wide and per server', async () => {
  await setFault('es-1-as-1', { kind: 'latency', latencyMs: 150 });
  let started = performance.now();
  assert.equal((await post(ewsUrl(sim.addressOf('es-1-as-1')), INFO)).status, 200);
  assert.ok(performance.now() - started >= 145, 'per-server latency');
  started = performance.now();
  await post(ewsUrl(sim.addressOf('es-1-as-2')), INFO);
  assert.ok(performance.now() - started < 145, 'other servers are not delayed');
  assert.equal((await admin(sim, 'PUT', 'latency', { ms: 60 })).status, 200);
  started = performance.now();
  await post(ewsUrl(sim.addressOf('es-1-as-2')), INFO);
  assert.ok(performance.now() - started >= 55, 'site-wide latency');
  await admin(sim, 'PUT', 'latency', { ms: 0 });
});

test('timeout never answers, and closes the socket after the hang time', async () => {
  await setFault('es-1-as-2', { kind: 'timeout' });
  await assert.rejects(post(ewsUrl(sim.addressOf('es-1-as-2')), INFO, {}, 250), { code: 'TEST_TIMEOUT' });
  // Left alone, the simulator closes the connection after hangMs (400 ms here) instead of keeping it.
  const started = performance.now();
  await assert.rejects(post(ewsUrl(sim.addressOf('es-1-as-2')), INFO, {}, 3000), (e: NodeJS.ErrnoException) => e.code === 'ECONNRESET' || /socket hang up/.test(e.message));
  assert.ok(performance.now() - started >= 350);
  const impatient = new EwsConnector({ timeoutMs: 200 });
  try {
    await assert.rejects(impatient.readIdentity(sim.addressOf('es-1-as-2')), (e: unknown) => e instanceof ConnectorError && e.failure === 'timeout');
  } finally {
    impatient.close();
  }
});

test('http-500 answers an HTML error page with status 500', async () => {
  await setFault('es-1-as-3', { kind: 'http-500' });
  const reply = await post(ewsUrl(sim.addressOf('es-1-as-3')), INFO);
  assert.equal(reply.status, 500);
  assert.match(reply.body, /Internal Server Error/);
  assert.equal(await connectorFailure('es-1-as-3'), 'http');
});

test('reset destroys the connection with a TCP reset', async () => {
  await setFault('es-1-as-4', { kind: 'reset' });
  await assert.rejects(post(ewsUrl(sim.addressOf('es-1-as-4')), INFO), { code: 'ECONNRESET' });
  assert.equal(await connectorFailure('es-1-as-4'), 'unreachable');
});

test('malformed-xml answers 200 with truncated or broken markup', async () => {
  for (const variant of ['truncated', 'broken-markup'] as const) {
    await setFault('es-1-as-5', { kind: 'malformed-xml', variant });
    const reply = await post(ewsUrl(sim.addressOf('es-1-as-5')), INFO);
    assert.equal(reply.status, 200);
    assert.notEqual(XMLValidator.validate(reply.body), true, `${variant} must not be well-formed`);
    assert.equal(await connectorFailure('es-1-as-5'), 'malformed', variant);
  }
});

test('soap-fault answers a SOAP Fault instead of the answer, and writes nothing', async () => {
  await setFault('es-1-as-6', { kind: 'soap-fault' });
  const reply = await post(ewsUrl(sim.addressOf('es-1-as-6')), INFO);
  assert.equal(reply.status, 500);
  assert.match(reply.body, /<s:Fault><faultcode>s:Server<\/faultcode><faultstring>TIMEOUT<\/faultstring><detail><Fault_TimeOut /);
  assert.equal(await connectorFailure('es-1-as-6'), 'fault');
  const write = envelope('SetValues', '<ews:SetValuesItems><ews:ValueItem><ews:Id>/System/Registration/State</ews:Id><ews:Value>registered</ews:Value></ews:ValueItem></ews:SetValuesItems>');
  assert.equal((await post(ewsUrl(sim.addressOf('es-1-as-6')), write)).status, 500);
  assert.equal(sim.site.require('es-1-as-6').registration.state, 'unregistered');
});

test('faults are listed, cleared, and refused when malformed', async () => {
  const listed = (await (await fetch(`${sim.url}/_sim/faults`)).json()) as { key: string; fault: { kind: string } }[];
  assert.deepEqual(
    listed.map((f) => [f.key, f.fault.kind]),
    [
      ['es-1-as-1', 'latency'],
      ['es-1-as-2', 'timeout'],
      ['es-1-as-3', 'http-500'],
      ['es-1-as-4', 'reset'],
      ['es-1-as-5', 'malformed-xml'],
      ['es-1-as-6', 'soap-fault'],
    ],
  );
  for (const f of listed) assert.equal((await admin(sim, 'DELETE', `servers/${f.key}/fault`)).status, 200);
  assert.equal(((await (await fetch(`${sim.url}/_sim/faults`)).json()) as unknown[]).length, 0);
  assert.equal((await post(ewsUrl(sim.addressOf('es-1-as-4')), INFO)).status, 200, 'a cleared server answers again');
  for (const [body, message] of [
    [{ kind: 'fire' }, /"kind" must be one of latency, timeout/],
    [{ kind: 'timeout', rate: 0 }, /"rate" must be a number above 0/],
    [{ kind: 'timeout', latencyMs: 5 }, /"latencyMs" belongs to kind "latency" only/],
    [{ kind: 'latency', latencyMs: -1 }, /whole number of milliseconds/],
    [{ kind: 'reset', colour: 'red' }, /Unknown fault field "colour"/],
  ] as const) {
    const reply = await admin(sim, 'PUT', 'servers/es-1-as-1/fault', body);
    assert.equal(reply.status, 400);
    assert.match(reply.value.error!, message);
  }
  assert.equal(sim.site.require('es-1-as-1').fault, null, 'a refused fault changes nothing');
});

test('a flaky server fails a seeded share of requests, the same ones on every run', async () => {
  const run = async () => {
    await setFault('es-1-as-7', { kind: 'http-500', rate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await post(ewsUrl(sim.addressOf('es-1-as-7')), INFO)).status);
    return statuses;
  };
  const first = await run();
  const failures = first.filter((s) => s === 500).length;
  assert.ok(failures > 8 && failures < 32, `about half fail: ${failures} of 40`);
  assert.deepEqual(await run(), first, 'setting the fault again restarts the same sequence');
  await admin(sim, 'DELETE', 'servers/es-1-as-7/fault');
});

test('a hanging request does not keep the simulator from stopping', async () => {
  const local = await startSite({ es: 1, asPerEs: 1, hangMs: 600_000 });
  local.site.setFault('es-1-as-1', { kind: 'timeout', rate: 1 });
  const socket = net.connect(local.port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  socket.write(`POST /es-1-as-1/EcoStruxure/DataExchange HTTP/1.1\r\nHost: x\r\nContent-Length: ${INFO.length}\r\n\r\n${INFO}`);
  const closed = new Promise((r) => socket.once('close', r));
  await new Promise((r) => setTimeout(r, 50));
  const started = performance.now();
  await local.close();
  await closed;
  assert.ok(performance.now() - started < 2000, 'closed promptly');
});

test('--faulty picks the same servers and kinds for the same seed, among automation servers', () => {
  const spec = { ec: true, es: 10, asPerEs: 250, seed: 42, faulty: 0.1 };
  const a = new SimSite(spec).faulty().map((s) => [s.key, s.fault!.kind, s.fault!.variant]);
  const b = new SimSite(spec).faulty().map((s) => [s.key, s.fault!.kind, s.fault!.variant]);
  assert.equal(a.length, 251, '10% of 2,511 servers');
  assert.deepEqual(a, b);
  const other = new SimSite({ ...spec, seed: 43 }).faulty().map((s) => s.key);
  assert.notDeepEqual(other, a.map((f) => f[0]));
  const kinds = new Map<string, number>();
  for (const [, kind] of a) kinds.set(kind!, (kinds.get(kind!) ?? 0) + 1);
  assert.deepEqual([...kinds.keys()].sort(), [...FAILING_KINDS].sort(), 'every failing kind is mixed in');
  for (const count of kinds.values()) assert.ok(count >= 50 && count <= 51);
  const site = new SimSite(spec);
  assert.ok(site.faulty().every((s) => s.kind === 'automation-server'));
  // Faults come from their own random stream: System IDs do not depend on them.
  const plain = new SimSite({ ...spec, faulty: 0 });
  assert.deepEqual([...plain.servers.values()].map((s) => s.systemId), [...site.servers.values()].map((s) => s.systemId));
});
