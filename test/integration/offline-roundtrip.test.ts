// Offline registration end to end in Node, over real parts: the simulator (1 ES + 3 automation
// servers), the portal process, and the companion's services on a real SQLite file. The site makes
// a request, the portal answers it, the site verifies the answer offline and writes it to the lead
// and its shadows; a typo names its group, a code is accepted once, a failing server is retried,
// and after a database wipe the new System ID is associated offline. The request file carries the
// site's servers under a MAC, and the portal keeps them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createCompanion, type Companion } from '../../main/services/index.js';
import { createDispatcher } from '../../main/host/dispatch.js';
import { exportPortalPublicKeys, generatePortalKeys, portalPublicKey } from '../../shared/node/codes/keys.js';
import type { OfflineRequestView, OfflineStatus } from '../../shared/domain/offline.js';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';
import { failsWith } from '../support/refusals.js';
import { SIM_LOGIN, startPortal, startSim, tempDir, type Started } from '../support/processes.js';
import { newAccount, registrationForm, type TestAccount } from '../support/portal-accounts.js';

let sim: Started<{ url: string }>;
let portal: Started<{ url: string }>;
let companion: Companion;
let partner: TestAccount;
const events: OfflineStatus[] = [];

const h = () => companion.handlers;
const simServers = () => simAdmin(sim.info.url)<SimServerInfo[]>('servers');
const until = async (check: () => Promise<boolean> | boolean, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, 'timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

before(async () => {
  [sim, portal] = await Promise.all([startSim(['--es', '1', '--as', '3', '--seed', '11']), startPortal(tempDir('offline-portal'))]);
  partner = await newAccount(portal.info.url, { kind: 'partner' });
  companion = createCompanion({
    dataDir: tempDir('offline-site'),
    version: 'test',
    emit: (name, payload) => {
      if (name === 'offline.changed') events.push(payload as OfflineStatus);
    },
  });
  companion.site.saveConnection({ targets: sim.info.url, ...SIM_LOGIN });
  await companion.site.discover();
});
after(async () => {
  companion?.close();
  await Promise.all([sim?.stop(), portal?.stop()]);
});

/** What a person does at the connected computer: register the system and have the request answered. */
async function answer(request: OfflineRequestView, kind: 'register' | 'associate' = 'register', registeredId = request.systemId, via: 'code' | 'file' = 'code') {
  if (kind === 'register') await partner.client.call('registerSystem', { params: { systemId: request.systemId }, body: registrationForm() });
  return partner.client.call('issueCode', {
    params: { systemId: registeredId },
    body: { request: via === 'file' ? request.fileContent : request.requestCode, kind, ...(kind === 'associate' ? { newSystemId: request.systemId } : {}) },
  });
}

test('codes cannot be checked before the portal keys are imported; a bad key file is refused', async () => {
  const status = await h()['offline.status']({});
  assert.deepEqual(status.portalKeys, []);
  const es = companion.site.snapshot().servers.find((s) => s.kind === 'enterprise-server')!;
  const request = await h()['offline.request.create']({ leadAddress: es.address, kind: 'register' });
  await failsWith(() => h()['offline.code.apply']({ requestId: request.id, code: 'AAAAA-AAAAA' }), 'conflict', /no portal public key/);
  // Without a portal key the file carries the servers unsigned (the portal will not keep them).
  assert.match(request.fileContent, /\nInventory: [A-Za-z0-9_-]+\n$/);
  await failsWith(() => h()['offline.keys.import']({ json: '{"not":"keys"}' }), 'invalid_input', /key file/);
  const keys = await (await fetch(`${portal.info.url}/api/v1/keys`)).text();
  const imported = await h()['offline.keys.import']({ json: keys });
  assert.equal(imported.portalKeys.length, 1);
  assert.match(imported.portalKeys[0]!.fingerprint, /^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);

  // Someone else's key under the same key id never replaces the trusted one.
  const impostor = JSON.stringify(exportPortalPublicKeys([portalPublicKey(generatePortalKeys(1))]));
  await failsWith(() => h()['offline.keys.import']({ json: impostor }), 'conflict', /different key 1/);
  assert.deepEqual((await h()['offline.status']({})).portalKeys, imported.portalKeys);

  // Connecting to a portal checks that it answers; it does not make its keys trusted, and plain http is for this machine only.
  const dispatch = createDispatcher(companion.handlers);
  const remote = await dispatch('portal.connect', { url: 'http://portal.example.com' });
  assert.ok(!remote.ok && remote.error.code === 'invalid_input' && /https/.test(remote.error.message));
  assert.ok((await dispatch('portal.connect', { url: portal.info.url })).ok);
});

test('register offline: typo named by group, then the lead and its three shadows hold the registration', async () => {
  const es = companion.site.snapshot().servers.find((s) => s.kind === 'enterprise-server')!;
  const shadow = companion.site.snapshot().servers.find((s) => s.role === 'shadow')!;
  await failsWith(() => h()['offline.request.create']({ leadAddress: shadow.address, kind: 'register' }), 'conflict', /shadow of .* register/);
  const request = await h()['offline.request.create']({ leadAddress: es.address, kind: 'register' });
  assert.equal(request.state, 'pending');
  assert.equal(request.servers.length, 4);
  assert.match(request.qrSvg, /^<svg/);
  assert.match(request.fileContent, /^BMS-REQUEST-2\n.*\nKind: register\n/s);
  assert.match(request.fileContent, /\nInventory: [A-Za-z0-9_-]+\nInventory MAC: 1:[A-Za-z0-9_-]{22}\n$/, 'signed with the key imported');
  assert.equal(request.requestCode.split('-').length, 22);
  const pendingAfterRestartLike = (await h()['offline.status']({})).requests.find((r) => r.id === request.id);
  assert.equal(pendingAfterRestartLike?.state, 'pending');

  // Taken to the portal as the file: the code is answered and the site's four servers are kept.
  const issued = await answer(request, 'register', request.systemId, 'file');
  const information = await partner.client.call('systemInformation', { params: { systemId: es.systemId } });
  assert.equal(information.inventory?.source, 'offline');
  assert.deepEqual(
    information.inventory?.servers.map((s) => [s.systemId, s.role]),
    request.servers.map((s, i) => [s.systemId, i === 0 ? 'lead' : 'shadow']),
  );
  const groups = issued.registrationCode.split('-');
  const wrong = groups.map((g, i) => (i === 2 ? (g[0] === 'A' ? 'B' : 'A') + g.slice(1) : g)).join('-');
  await failsWith(() => h()['offline.code.apply']({ requestId: request.id, code: wrong }), 'invalid_input', /Group 3/);
  assert.equal((await h()['offline.status']({})).requests.find((r) => r.id === request.id)?.state, 'pending', 'a refused code changes nothing');

  // Typed as a person might: lower case, spaces instead of dashes, O for 0 and L for 1 where they occur.
  const typed = issued.registrationCode.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
  const applied = await h()['offline.code.apply']({ requestId: request.id, code: typed });
  assert.equal(applied.state, 'applied');
  assert.equal(applied.grant?.serial, issued.serial);
  assert.deepEqual(applied.servers.map((s) => s.state), ['done', 'done', 'done', 'done']);
  assert.match(applied.summary, /^Registered offline on \d{4}-\d{2}-\d{2}, code [0-9A-Z-]+; written to all 4 servers\.$/);

  for (const server of await simServers()) {
    assert.equal(server.registration.state, 'registered', server.key);
    assert.equal(server.registration.method, 'offline');
    assert.equal(server.registration.code, issued.registrationCode);
    assert.equal(server.registration.leadSystemId, es.systemId);
  }
  const tree = companion.site.snapshot().servers;
  assert.equal(tree.find((s) => s.address === es.address)?.status, 'registered');
  assert.ok(tree.filter((s) => s.role === 'shadow').every((s) => s.status === 'inherits'));

  await failsWith(() => h()['offline.code.apply']({ requestId: request.id, code: issued.registrationCode }), 'conflict', /answered already/);
  assert.ok(events.some((e) => e.requests.some((r) => r.id === request.id && r.state === 'applied')), 'the screen was told');
});

test('a code for another request is refused; the signed token works as well, and a failing shadow is retried', async () => {
  const es = companion.site.snapshot().servers.find((s) => s.kind === 'enterprise-server')!;
  const first = await h()['offline.request.create']({ leadAddress: es.address, kind: 'register' });
  const firstCode = await answer(first);
  const second = await h()['offline.request.create']({ leadAddress: es.address, kind: 'register' });
  assert.equal((await h()['offline.status']({})).requests.find((r) => r.id === first.id)?.state, 'cancelled', 'a newer request replaces the pending one');
  await failsWith(() => h()['offline.code.apply']({ requestId: first.id, code: firstCode.registrationCode }), 'conflict', /cancelled or replaced/);
  await failsWith(() => h()['offline.code.apply']({ requestId: second.id, code: firstCode.registrationCode }), 'invalid_input', /different request/);

  const [faulty] = (await simServers()).filter((s) => s.key !== '_top' && s.address !== es.address);
  await simAdmin(sim.info.url)(`servers/${faulty!.key}/fault`, 'PUT', { kind: 'http-500' });
  const secondCode = await answer(second);
  const tokenFile = `Registration code: ${secondCode.registrationCode}\nToken: ${secondCode.token}\n`;
  const applied = await h()['offline.code.apply']({ requestId: second.id, code: tokenFile });
  assert.equal(applied.grant?.via, 'token');
  const failing = applied.servers.find((s) => s.address === faulty!.address)!;
  assert.equal(failing.state, 'pending');
  assert.ok(failing.lastError, 'the reason is kept');
  assert.match(applied.summary, /written to 3 of 4 servers; the rest are being retried/);

  await simAdmin(sim.info.url)(`servers/${faulty!.key}/fault`, 'DELETE');
  await until(async () => (await h()['offline.status']({})).requests.find((r) => r.id === second.id)!.servers.every((s) => s.state === 'done'));
  const held = (await simServers()).find((s) => s.key === faulty!.key)!;
  assert.equal(held.registration.code, `Token serial ${secondCode.serial}`);
});

test('after a database wipe, the new System ID is associated offline and the flag clears', async () => {
  const admin = simAdmin(sim.info.url);
  await admin('servers/_top/wipe', 'POST');
  await companion.site.discover();
  const es = companion.site.snapshot().servers.find((s) => s.kind === 'enterprise-server')!;
  assert.equal(es.status, 'needs-reassociation');
  await failsWith(() => h()['offline.request.create']({ leadAddress: es.address, kind: 'register' }), 'conflict', /Associate the new System ID/);
  const request = await h()['offline.request.create']({ leadAddress: es.address, kind: 'associate' });
  assert.equal(request.previousSystemId, es.previousSystemId);
  // The code says it is an association: answered as a registration, the portal refuses in words.
  const asRegister = await partner.client.call('issueCode', { params: { systemId: es.systemId }, body: { request: request.requestCode, kind: 'register' } }).then(
    () => assert.fail('expected a refusal'),
    (e: Error) => e,
  );
  assert.match(asRegister.message, /made to associate a new System ID after a database wipe; choose Associate/);
  const registerCode = await partner.client.call('issueCode', { params: { systemId: es.previousSystemId! }, body: { request: request.requestCode, kind: 'associate', newSystemId: es.systemId } });
  const applied = await h()['offline.code.apply']({ requestId: request.id, code: registerCode.registrationCode });
  assert.equal(applied.state, 'applied');
  assert.match(applied.summary, /New System ID .* associated offline/);
  const after = companion.site.snapshot().servers.find((s) => s.address === es.address)!;
  assert.equal(after.status, 'registered');
  assert.equal(after.previousSystemId, null);
  const top = (await simServers()).find((s) => s.key === '_top')!;
  assert.equal(top.registration.state, 'registered');
  const view = await partner.client.call('getSystem', { params: { systemId: es.systemId } });
  assert.deepEqual(view.systemIds.map((s) => s.systemId), [es.previousSystemId, es.systemId]);
});
