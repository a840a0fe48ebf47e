// Admin operations over the admin HTTP API, seen through EWS as the companion would see them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ConnectorError } from '../../main/services/connectors/connector.js';
import { EwsConnector } from '../../main/services/connectors/ews/ews-connector.js';
import type { RunningSim } from '../../sim/ews-server.js';
import { admin, envelope, ewsUrl, post, startSite } from './ews-client.js';

let sim: RunningSim;
let connector: EwsConnector;
before(async () => {
  sim = await startSite({ es: 2, asPerEs: 2, standalone: 2, seed: 13 });
  connector = new EwsConnector({ timeoutMs: 3000 });
});
after(async () => {
  connector.close();
  await sim.close();
});

const childrenOf = async (key: string) => (await connector.readChildren(sim.addressOf(key))).children.map((c) => c.address);

test('the server list shows every server with its address, hierarchy, registration and fault', async () => {
  const { status, value } = await admin(sim, 'GET', 'servers');
  assert.equal(status, 200);
  const list = value as unknown as { key: string; address: string; parent: string | null; children: number; kind: string }[];
  assert.deepEqual(
    list.map((s) => s.key),
    ['es-1', 'es-1-as-1', 'es-1-as-2', 'es-2', 'es-2-as-1', 'es-2-as-2', 'sa-1', 'sa-2'],
  );
  const es1 = list.find((s) => s.key === 'es-1')!;
  assert.equal(es1.address, `${sim.url}/es-1`);
  assert.equal(es1.children, 2);
  assert.equal(list.find((s) => s.key === 'sa-1')!.parent, null);
  const site = (await admin(sim, 'GET', 'site')).value;
  assert.equal(site.servers, 8);
  assert.equal(site.auth, null);
});

test('attach makes a stand-alone server a child of an ES; detach makes it stand-alone again', async () => {
  assert.deepEqual(await childrenOf('es-2'), [sim.addressOf('es-2-as-1'), sim.addressOf('es-2-as-2')]);
  await admin(sim, 'PUT', 'servers/sa-1/registration', { state: 'registered', method: 'offline', code: 'SA1-CODE' });
  const attached = await admin(sim, 'POST', 'servers/sa-1/attach', { to: 'es-2' });
  assert.equal(attached.status, 200, JSON.stringify(attached.value));
  assert.equal(attached.value.parent, 'es-2');
  assert.equal(attached.value.address, `${sim.url}/sa-1`, 'its address does not change');
  assert.deepEqual((attached.value.registration as { code: string }).code, 'SA1-CODE', 'the simulator keeps the values it has');
  assert.deepEqual(await childrenOf('es-2'), [sim.addressOf('es-2-as-1'), sim.addressOf('es-2-as-2'), sim.addressOf('sa-1')]);

  const refusals: [string, unknown, number, RegExp][] = [
    ['servers/sa-1/attach', { to: 'es-1' }, 409, /already attached to "es-2": detach it first/],
    ['servers/es-1/attach', { to: 'es-2' }, 409, /Only automation servers can be attached/],
    ['servers/sa-2/attach', { to: 'es-1-as-1' }, 409, /attach to an Enterprise Server; "es-1-as-1" is an automation-server/],
    ['servers/sa-2/attach', { to: 'es-9' }, 404, /No simulated server "es-9"/],
    ['servers/sa-2/attach', {}, 400, /Body must be \{"to"/],
    ['servers/sa-2/detach', undefined, 409, /already stand-alone/],
  ];
  for (const [path, body, status, message] of refusals) {
    const reply = await admin(sim, 'POST', path, body);
    assert.equal(reply.status, status, path);
    assert.match(reply.value.error!, message);
  }

  assert.equal((await admin(sim, 'POST', 'servers/sa-1/detach')).value.parent, null);
  assert.deepEqual(await childrenOf('es-2'), [sim.addressOf('es-2-as-1'), sim.addressOf('es-2-as-2')]);
  // A server built under an ES can be detached too, and attached elsewhere.
  assert.equal((await admin(sim, 'POST', 'servers/es-1-as-2/detach')).status, 200);
  assert.equal((await admin(sim, 'POST', 'servers/es-1-as-2/attach', { to: 'es-2' })).status, 200);
  assert.deepEqual(await childrenOf('es-1'), [sim.addressOf('es-1-as-1')]);
  assert.equal((await childrenOf('es-2')).length, 3);
});

test('wipe and system-id change what GetWebServiceInformation reports', async () => {
  const before = (await connector.readIdentity(sim.addressOf('es-1'))).systemId;
  const wiped = await admin(sim, 'POST', 'servers/es-1/wipe');
  assert.notEqual(wiped.value.systemId, before);
  assert.equal((await connector.readIdentity(sim.addressOf('es-1'))).systemId, wiped.value.systemId);
  const set = await admin(sim, 'PUT', 'servers/es-1/system-id', { systemId: '  Case-Sensitive-ID  ' });
  assert.equal(set.value.systemId, 'Case-Sensitive-ID');
  assert.equal((await connector.readIdentity(sim.addressOf('es-1'))).systemId, 'Case-Sensitive-ID');
  assert.equal((await admin(sim, 'PUT', 'servers/es-1/system-id', { systemId: ' ' })).status, 400);
});

test('disable-ews makes a server answer as one with its EWS server off; enable-ews brings it back', async () => {
  assert.equal((await admin(sim, 'PUT', 'servers/es-2-as-1/ews', { enabled: false })).value.ewsEnabled, false);
  await assert.rejects(connector.readIdentity(sim.addressOf('es-2-as-1')), (e: unknown) => e instanceof ConnectorError && e.failure === 'ews-disabled');
  assert.equal((await admin(sim, 'PUT', 'servers/es-2-as-1/ews', { enabled: 'no' })).status, 400);
  await admin(sim, 'PUT', 'servers/es-2-as-1/ews', { enabled: true });
  assert.equal((await connector.readIdentity(sim.addressOf('es-2-as-1'))).name, 'AS-P-2-1');
});

test('bad admin requests get a clear error, never a crash', async () => {
  const cases: [string, string, unknown, number, RegExp][] = [
    ['GET', 'nothing', undefined, 404, /Unknown admin route/],
    ['GET', 'servers/nope', undefined, 404, /No simulated server "nope"/],
    ['DELETE', 'servers/es-1/wipe', undefined, 405, /DELETE is not allowed/],
    ['PUT', 'servers/es-1/system-id', '{not json', 400, /not JSON/],
    ['PUT', 'servers/es-1/system-id', '[1]', 400, /JSON object/],
    ['PUT', 'latency', { ms: -5 }, 400, /whole number from 0/],
    ['PUT', 'servers/es-1/credentials', { user: 'a' }, 400, /"password" is missing/],
  ];
  for (const [method, path, body, status, message] of cases) {
    const reply = await admin(sim, method, path, body);
    assert.equal(reply.status, status, `${method} ${path}`);
    assert.match(reply.value.error!, message);
  }
  // EWS side: wrong path, wrong method, not XML, unknown operation.
  assert.equal((await fetch(`${sim.url}/es-1/Elsewhere`)).status, 404);
  assert.equal((await fetch(ewsUrl(sim.addressOf('nope')), { method: 'POST', body: '' })).status, 404);
  assert.equal((await fetch(ewsUrl(sim.url + '/es-1'), { method: 'GET' })).status, 405);
  const unknown = await post(ewsUrl(sim.addressOf('es-1')), envelope('GetAlarmEvents'));
  assert.equal(unknown.status, 500);
  assert.match(unknown.body, /<faultstring>OPERATION_NOT_SUPPORTED<\/faultstring><detail><Fault_Operation_Not_Supported [^>]+>GetAlarmEvents</);
  const notSoap = await post(ewsUrl(sim.addressOf('es-1')), 'hello');
  assert.equal(notSoap.status, 500);
  assert.match(notSoap.body, /<faultcode>s:Client<\/faultcode><faultstring>The request is not well-formed XML/);
});
