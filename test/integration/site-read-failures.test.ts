// A read that cannot reach part of the site never loses what was known: with the top server
// failing in each way (wrong password, EWS off, timeout), every server below it keeps its System
// ID, registration and lead settings, marked "not read this time" with the reason, and a wipe
// made meanwhile is flagged at the next good read. A server leaves the tree only when its parent
// answers without it, and the snapshot says which left and why.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createCompanion, type Companion } from '../../main/services/index.js';
import type { SiteSnapshot } from '../../shared/domain/server.js';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';
import { SIM_LOGIN, startSim, tempDir, type Started } from '../support/processes.js';

let sim: Started<{ url: string; servers: number }>;
let companion: Companion;
const admin = <T = unknown>(route: string, method?: string, body?: unknown) => simAdmin(sim.info.url)<T>(route, method, body);
const byKey = async (key: string) => (await admin<SimServerInfo[]>('servers')).find((s) => s.key === key)!;
const row = (snapshot: SiteSnapshot, address: string) => snapshot.servers.find((s) => s.address === address)!;

before(async () => {
  // 1 EC + 2 ES + 3 automation servers each, and a stand-alone one = 10 servers; a timeout costs 1 s here.
  sim = await startSim(['--ec', '--es', '2', '--as', '3', '--standalone', '1', '--seed', '11', '--hang-ms', '5000']);
  companion = createCompanion({ dataDir: tempDir('read-failures'), version: 'test', emit: () => {} });
  // es-1-as-2 is listed too, as an address range would list it: it is still attached below ES-1.
  companion.site.saveConnection({ targets: `${sim.info.url}\n${sim.info.url}/sa-1\n${sim.info.url}/es-1-as-2`, ...SIM_LOGIN, timeoutSeconds: 1 });
});
after(async () => {
  companion?.close();
  await sim?.stop();
});

test('a full read finds the hierarchy from what EWS exposes: no model element, kinds from the Servers folders', async () => {
  await admin('servers/es-1/registration', 'PUT', { state: 'registered', method: 'offline', code: 'KEEP-ME', organization: 'Acme' });
  // The servers wiped below hold their lead's registration, so their wipes need re-association.
  const ec = await byKey('_top');
  for (const key of ['es-2-as-1', 'es-2-as-2', 'es-1-as-1']) await admin(`servers/${key}/registration`, 'PUT', { state: 'registered', method: 'offline', code: 'HELD', leadSystemId: ec.systemId });
  const snapshot = await companion.site.discover();
  assert.equal(snapshot.servers.length, 10);
  const kinds = Object.fromEntries(snapshot.servers.map((s) => [s.name, s.kind]));
  assert.equal(kinds['Enterprise Central'], 'enterprise-central');
  assert.equal(kinds['ES-1'], 'enterprise-server');
  assert.equal(kinds['AS-P-2-3'], 'automation-server');
  assert.equal(kinds['AS-B-SA-1'], 'automation-server');
  assert.ok(snapshot.servers.every((s) => s.status !== 'not-read' && s.readNote === null));
  // A lead setting the user made, which a failed read must not lose either.
  companion.site.setLead(`${sim.info.url}/sa-1`, `${sim.info.url}/es-1`, true);
});

const modes: { name: string; breakTop: () => Promise<unknown>; fixTop: () => Promise<unknown>; status: string; reason: RegExp; wipe: string }[] = [
  {
    name: 'a wrong password',
    breakTop: () => admin('servers/_top/credentials', 'PUT', { user: 'admin', password: 'changed-on-the-server' }),
    fixTop: () => admin('servers/_top/credentials', 'DELETE'),
    status: 'unreachable',
    reason: /refused the user name "admin"/,
    wipe: 'es-2-as-1',
  },
  {
    name: 'EWS switched off',
    breakTop: () => admin('servers/_top/ews', 'PUT', { enabled: false }),
    fixTop: () => admin('servers/_top/ews', 'PUT', { enabled: true }),
    status: 'ews-disabled',
    reason: /EWS server is disabled/,
    wipe: 'es-2-as-2',
  },
  {
    name: 'a timeout',
    breakTop: () => admin('servers/_top/fault', 'PUT', { kind: 'timeout' }),
    fixTop: () => admin('servers/_top/fault', 'DELETE'),
    status: 'unreachable',
    reason: /No answer within 1 s/,
    wipe: 'es-1-as-1',
  },
];

for (const mode of modes) {
  test(`with the top server failing by ${mode.name}, nothing below it is lost, and a wipe meanwhile is flagged later`, async () => {
    const before = companion.site.snapshot();
    const wiped = await byKey(mode.wipe);
    await mode.breakTop();
    await admin(`servers/${mode.wipe}/wipe`, 'POST');
    const broken = await companion.site.discover();

    assert.equal(broken.servers.length, 10, 'every server is still in the tree');
    const top = row(broken, sim.info.url);
    assert.equal(top.status, mode.status);
    assert.match(top.statusReason ?? '', mode.reason);
    const sa = `${sim.info.url}/sa-1`;
    const listed = row(broken, `${sim.info.url}/es-1-as-2`);
    assert.equal(listed.status, 'unregistered', 'a listed address below the failing server is read');
    assert.equal(listed.parentAddress, `${sim.info.url}/es-1`, 'and stays attached where it was: nothing said otherwise');
    assert.equal(listed.role, 'shadow');
    for (const server of broken.servers.filter((s) => ![sim.info.url, sa, listed.address].includes(s.address))) {
      const earlier = row(before, server.address);
      // A wipe flagged earlier still shows first: it needs the user's action.
      assert.equal(server.status, server.previousSystemId ? 'needs-reassociation' : 'not-read', `${server.name} is marked not read`);
      assert.match(server.statusReason ?? '', /^Not read: Enterprise Central could not be read \(.+\); it keeps what was known from \d{4}-\d\d-\d\d\.$/);
      assert.equal(server.systemId, earlier.systemId, `${server.name} keeps its System ID`);
      assert.deepEqual(server.registration, earlier.registration, `${server.name} keeps its registration`);
      assert.equal(server.leadAddress, earlier.leadAddress, `${server.name} keeps its lead`);
    }
    assert.equal(row(broken, `${sim.info.url}/es-1`).registration?.code, 'KEEP-ME');
    assert.equal(row(broken, sa).relationship, 'user', 'the lead the user set is kept');
    assert.equal(row(broken, sa).leadAddress, sim.info.url, "its lead stays the top of the hierarchy it was joined to");
    assert.deepEqual(broken.removed, []);

    await mode.fixTop();
    const fixed = await companion.site.discover();
    const flagged = row(fixed, wiped.address);
    assert.equal(flagged.status, 'needs-reassociation', 'the wipe made while the site could not be read is caught');
    assert.equal(flagged.previousSystemId, wiped.systemId);
    assert.notEqual(flagged.systemId, wiped.systemId);
    assert.ok(fixed.servers.filter((s) => s.address !== wiped.address).every((s) => s.status !== 'not-read'));
  });
}

test('servers a parent lists without their address stay, and one the user lists is placed below it by name', async () => {
  await admin('servers/es-2/addresses', 'PUT', { exposed: false });
  try {
    const snapshot = await companion.site.discover();
    assert.equal(snapshot.servers.length, 10, 'nothing removed: ES-2 still lists its servers, only not where they are');
    assert.deepEqual(snapshot.removed, []);
    assert.match(row(snapshot, `${sim.info.url}/es-2`).readNote ?? '', /lists AS-P-2-1, AS-P-2-2, AS-P-2-3 without saying where they answer: add their addresses/);
    const below = row(snapshot, `${sim.info.url}/es-2-as-3`);
    assert.equal(below.status, 'not-read');
    assert.match(below.statusReason ?? '', /^Not read: it could not be reached through ES-2 \(It lists/);

    // The user adds one of them to the address list: it is read, and placed below ES-2 by its name.
    companion.site.saveConnection({ targets: `${sim.info.url}\n${sim.info.url}/sa-1\n${sim.info.url}/es-1-as-2\n${sim.info.url}/es-2-as-3`, username: SIM_LOGIN.username, timeoutSeconds: 1 });
    const placed = await companion.site.discover();
    const found = row(placed, `${sim.info.url}/es-2-as-3`);
    assert.equal(found.parentAddress, `${sim.info.url}/es-2`);
    assert.equal(found.role, 'shadow');
    assert.notEqual(found.status, 'not-read');
    assert.match(row(placed, `${sim.info.url}/es-2`).readNote ?? '', /lists AS-P-2-1, AS-P-2-2 without saying/);
  } finally {
    await admin('servers/es-2/addresses', 'PUT', { exposed: true });
    companion.site.saveConnection({ targets: `${sim.info.url}\n${sim.info.url}/sa-1\n${sim.info.url}/es-1-as-2`, username: SIM_LOGIN.username, timeoutSeconds: 1 });
  }
});

test('a server its parent no longer lists is removed, with what was below it, and the snapshot says why', async () => {
  await admin('servers/es-1-as-3/detach', 'POST');
  const snapshot = await companion.site.discover();
  assert.equal(snapshot.servers.length, 9);
  assert.equal(snapshot.servers.some((s) => s.address === `${sim.info.url}/es-1-as-3`), false);
  assert.deepEqual(
    snapshot.removed.map((r) => [r.name, r.reason]),
    [['AS-P-1-3', 'ES-1 no longer lists it.']],
  );
  // Shown once: the read after it removes nothing more.
  assert.deepEqual((await companion.site.discover()).removed, []);
  await admin('servers/es-1-as-3/attach', 'POST', { to: 'es-1' });
  const back = await companion.site.discover();
  assert.equal(back.servers.length, 10);
  const returned = row(back, `${sim.info.url}/es-1-as-3`);
  assert.equal(returned.role, 'shadow', 'back as a shadow');
  assert.equal(returned.previousSystemId, null, 'not flagged: its System ID did not change');
});

test('a top server taken off the address list is removed, and the servers below it go with it', async () => {
  companion.site.saveConnection({ targets: `${sim.info.url}/es-2`, username: SIM_LOGIN.username, timeoutSeconds: 1 });
  const snapshot = await companion.site.discover();
  assert.deepEqual(snapshot.servers.map((s) => s.name).sort(), ['AS-P-2-1', 'AS-P-2-2', 'AS-P-2-3', 'ES-2']);
  const reasons = new Map(snapshot.removed.map((r) => [r.name, r.reason]));
  assert.equal(reasons.get('Enterprise Central'), 'It was taken off the server addresses.');
  assert.equal(reasons.get('ES-1'), 'It was attached to Enterprise Central, which was removed.');
  assert.equal(reasons.get('AS-P-1-1'), 'It was attached to ES-1, which was removed.');
  assert.equal(reasons.get('AS-B-SA-1'), 'It was taken off the server addresses.');
  assert.equal(snapshot.removed.length, 6);
});
