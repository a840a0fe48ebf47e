// Discovery against the real simulator process on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';
import { createCompanion, type Companion } from '../../main/services/index.js';
import { ServiceError } from '../../shared/contract/result.js';
import type { DiscoveryProgress, SiteSnapshot } from '../../shared/domain/server.js';
import { closedPort, SIM_LOGIN, startSim, tempDir, type Started } from '../support/processes.js';


let sim: Started<{ url: string; servers: number }>;
let companion: Companion;
const changes: SiteSnapshot[] = [];
const progress: DiscoveryProgress[] = [];

const simServers = () => simAdmin(sim.info.url)<SimServerInfo[]>('servers');

before(async () => {
  sim = await startSim(['--es', '1', '--as', '3', '--seed', '7']);
  // es-1-as-2 holds its lead's registration, so a wipe of it needs re-association.
  const es = (await simServers()).find((s) => s.key === '_top')!;
  await simAdmin(sim.info.url)('servers/es-1-as-2/registration', 'PUT', { state: 'registered', method: 'offline', code: 'HELD-7', leadSystemId: es.systemId });
  companion = createCompanion({
    dataDir: tempDir('site'),
    version: 'test',
    emit: (name, payload) => {
      if (name === 'site.changed') changes.push(payload as SiteSnapshot);
      else progress.push(payload as DiscoveryProgress);
    },
  });
});
after(async () => {
  companion?.close();
  await sim?.stop();
});

test('a bad address list is refused line by line before any traffic', () => {
  assert.throws(
    () => companion.site.saveConnection({ targets: `${sim.info.url}\n10.0.0.300\n${sim.info.url}` }),
    (e: unknown) => e instanceof ServiceError && e.code === 'invalid_input' && /Line 2 .*0 to 255/.test(e.message) && /Line 3 .*already listed on line 1/.test(e.message),
  );
  assert.equal(companion.site.connection().targets, '', 'nothing was saved');
});

test('reads every server with its System ID, builds the tree and reports progress', async () => {
  companion.site.saveConnection({ targets: sim.info.url, ...SIM_LOGIN });
  const snapshot = await companion.site.discover();
  const expected = await simServers();
  assert.equal(snapshot.servers.length, 4);
  for (const server of expected) {
    const seen = snapshot.servers.find((s) => s.address === server.address);
    assert.ok(seen, `server ${server.key} was read`);
    assert.equal(seen.systemId, server.systemId);
    assert.equal(seen.name, server.name);
  }
  const es = snapshot.servers.find((s) => s.kind === 'enterprise-server')!;
  assert.equal(es.role, 'lead');
  const shadows = snapshot.servers.filter((s) => s.role === 'shadow');
  assert.equal(shadows.length, 3);
  assert.ok(shadows.every((s) => s.leadAddress === es.address && s.parentAddress === es.address && s.relationship === 'hierarchy'));
  assert.deepEqual(snapshot.failures, []);
  const last = progress.at(-1)!;
  assert.deepEqual({ done: last.done, total: last.total, failed: last.failed, running: last.running }, { done: 4, total: 4, failed: 0, running: false });
  assert.equal(changes.length, 1, 'a site.changed event was pushed');
});

test('a wiped server is flagged "needs re-association" with its old and new System IDs', async () => {
  const target = (await simServers()).find((s) => s.key === 'es-1-as-2')!;
  const wiped = (await (await fetch(`${sim.info.url}/_sim/servers/${target.key}/wipe`, { method: 'POST' })).json()) as SimServerInfo;
  assert.notEqual(wiped.systemId, target.systemId);
  const snapshot = await companion.site.discover();
  const row = snapshot.servers.find((s) => s.address === target.address)!;
  assert.equal(row.status, 'needs-reassociation');
  assert.equal(row.systemId, wiped.systemId);
  assert.equal(row.previousSystemId, target.systemId);
  const detail = companion.site.detail(target.address);
  assert.deepEqual(detail.history.map((h) => h.systemId), [target.systemId, wiped.systemId]);
  assert.equal(snapshot.servers.filter((s) => s.status === 'needs-reassociation').length, 1, 'only the wiped server is flagged');
});

test('an unreachable entry is reported with its reason while the rest is read, and stored data survives', async () => {
  const dead = `http://127.0.0.1:${await closedPort()}`;
  companion.site.saveConnection({ targets: `${sim.info.url}\n${dead}`, username: SIM_LOGIN.username });
  const snapshot = await companion.site.discover();
  assert.equal(snapshot.servers.length, 4, 'the site is still there');
  assert.deepEqual(snapshot.failures.map((f) => [f.address, f.kind]), [[dead, 'unreachable']]);
  assert.match(snapshot.failures[0]!.reason, /Connection refused/);
});

test('a second read while one runs is refused; cancel stops it', async () => {
  const running = companion.site.discover();
  await assert.rejects(companion.site.discover(), (e: unknown) => e instanceof ServiceError && e.code === 'busy');
  assert.deepEqual(companion.site.cancel(), { cancelled: true });
  const snapshot = await running;
  assert.equal(snapshot.servers.length, 4, 'a cancelled read loses nothing stored');
  assert.deepEqual(companion.site.cancel(), { cancelled: false });
});

test('a registered stand-alone server attached in the simulator is a shadow whose own registration is flagged', async () => {
  const sim2 = await startSim(['--es', '1', '--as', '1', '--standalone', '1', '--seed', '9']);
  const app = createCompanion({ dataDir: tempDir('attach'), version: 'test', emit: () => {} });
  try {
    const admin = (route: string, method: string, body?: unknown) => fetch(`${sim2.info.url}/_sim/${route}`, { method, body: JSON.stringify(body ?? {}) });
    await admin('servers/sa-1/registration', 'PUT', { state: 'registered', method: 'offline', code: 'OLD-CODE-1', organization: 'Acme Controls' });
    app.site.saveConnection({ targets: `${sim2.info.url}, ${sim2.info.url}/sa-1`, ...SIM_LOGIN });
    let sa = (await app.site.discover()).servers.find((s) => s.address.endsWith('/sa-1'))!;
    assert.deepEqual([sa.role, sa.status, sa.notice], ['lead', 'registered', null]);
    await admin('servers/sa-1/attach', 'POST', { to: '_top' });
    sa = (await app.site.discover()).servers.find((s) => s.address.endsWith('/sa-1'))!;
    assert.equal(sa.role, 'shadow');
    assert.equal(sa.parentAddress, sim2.info.url);
    assert.match(sa.notice ?? '', /registration of its own \(Acme Controls, OLD-CODE-1\).*will overwrite it/);
  } finally {
    app.close();
    await sim2.stop();
  }
});
