// The companion's site service against the real simulator process on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createCompanion, type Companion } from '../../main/services/index.js';
import type { SiteSnapshot } from '../../shared/domain/server.js';
import { startSim, tempDir, type Started } from '../support/processes.js';

interface SimServerInfo {
  key: string;
  address: string;
  systemId: string;
  name: string;
}

let sim: Started<{ url: string; servers: number }>;
let companion: Companion;
const events: SiteSnapshot[] = [];

const simServers = async (): Promise<SimServerInfo[]> => (await fetch(`${sim.info.url}/_sim/servers`)).json() as Promise<SimServerInfo[]>;

before(async () => {
  sim = await startSim(['--es', '1', '--as', '3', '--seed', '7']);
  companion = createCompanion({ dataDir: tempDir('site'), version: 'test', emit: (name, payload) => name === 'site.changed' && events.push(payload) });
});
after(async () => {
  companion?.close();
  await sim?.stop();
});

test('reads every server of the site with the System ID the server reports', async () => {
  const snapshot = await companion.handlers['site.read']({ address: sim.info.url });
  const expected = await simServers();
  assert.equal(snapshot.servers.length, 4);
  for (const server of expected) {
    const seen = snapshot.servers.find((s) => s.address === server.address);
    assert.ok(seen, `server ${server.key} was read`);
    assert.equal(seen.systemId, server.systemId);
    assert.equal(seen.name, server.name);
  }
  const es = snapshot.servers.find((s) => s.kind === 'enterprise-server')!;
  assert.equal(es.parentAddress, null);
  assert.equal(snapshot.servers.filter((s) => s.parentAddress === es.address && s.kind === 'automation-server').length, 3);
  assert.deepEqual(snapshot.failures, []);
  assert.equal(events.length, 1, 'a site.changed event was pushed');
});

test('a System ID changed at the server shows on the next read, and the old one is kept in history', async () => {
  const before = await simServers();
  const target = before.find((s) => s.key !== '_top')!;
  const wiped = (await (await fetch(`${sim.info.url}/_sim/servers/${target.key}/wipe`, { method: 'POST' })).json()) as SimServerInfo;
  assert.notEqual(wiped.systemId, target.systemId);
  const snapshot = await companion.handlers['site.read']({ address: sim.info.url });
  assert.equal(snapshot.servers.find((s) => s.address === target.address)?.systemId, wiped.systemId);
  const stored = await companion.handlers['site.servers']({});
  assert.equal(stored.servers.find((s) => s.address === target.address)?.systemId, wiped.systemId, 'the store holds the new ID');
});
