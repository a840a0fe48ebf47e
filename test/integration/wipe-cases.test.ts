// Every wipe case at the site, over the real simulator: a wiped shadow gets its lead's
// registration written again (no portal call, never an association); a server wiped twice keeps
// the flag on the ID its registration is under; a server that held no registration is only said
// to have a new ID; the old ID back (a restore) clears the flag. A lead wiped twice asks the portal
// to replace the ID it knows, not the one between.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createCompanion, type Companion } from '../../main/services/index.js';
import { ServiceError } from '../../shared/contract/result.js';
import { replacedIdMatches } from '../../shared/node/codes/digests.js';
import { decodeRequestCode } from '../../shared/node/codes/request-code.js';
import type { SiteSnapshot } from '../../shared/domain/server.js';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';
import { SIM_LOGIN, startSim, tempDir, type Started } from '../support/processes.js';

let sim: Started<{ url: string }>;
let companion: Companion;
const admin = <T = unknown>(route: string, method?: string, body?: unknown) => simAdmin(sim.info.url)<T>(route, method, body);
const server = async (key: string) => admin<SimServerInfo>(`servers/${key}`);
const row = (snapshot: SiteSnapshot, key: string) => snapshot.servers.find((s) => s.address === (key === '_top' ? sim.info.url : `${sim.info.url}/${key}`))!;

before(async () => {
  sim = await startSim(['--es', '1', '--as', '3', '--standalone', '1', '--seed', '17']);
  companion = createCompanion({ dataDir: tempDir('wipes'), version: 'test', emit: () => {} });
  companion.site.saveConnection({ targets: `${sim.info.url}\n${sim.info.url}/sa-1`, ...SIM_LOGIN });
  // The ES registered, its registration written to its three shadows, as after a registration.
  const es = await server('_top');
  const registration = { state: 'registered', method: 'offline', code: 'WIPE-CASES-1', organization: 'Acme', registeredAt: '2026-11-30T10:00:00Z', leadSystemId: es.systemId };
  for (const key of ['_top', 'es-1-as-1', 'es-1-as-2', 'es-1-as-3']) await admin(`servers/${key}/registration`, 'PUT', registration);
  const first = await companion.site.discover();
  assert.equal(row(first, 'es-1-as-1').status, 'inherits');
});
after(async () => {
  companion?.close();
  await sim?.stop();
});

test('a wiped shadow is never associated on the portal: its lead\'s registration is written to it again', async () => {
  const before = await server('es-1-as-2');
  await admin('servers/es-1-as-2/wipe', 'POST');
  const snapshot = await companion.site.discover();
  const wiped = row(snapshot, 'es-1-as-2');
  assert.equal(wiped.status, 'needs-reassociation');
  assert.equal(wiped.previousSystemId, before.systemId);
  await assert.rejects(
    async () => companion.offline.create(wiped.address, 'associate'),
    (e: unknown) => e instanceof ServiceError && /is a shadow of ES-1: it has no registration of its own to associate\. Write ES-1's registration to it again instead\./.test(e.message),
  );
  const result = await companion.handlers['site.shadow.rewrite']({ address: wiped.address });
  assert.deepEqual(result, { written: true, error: null });
  const held = (await server('es-1-as-2')).registration;
  assert.equal(held.code, 'WIPE-CASES-1');
  assert.equal(held.leadSystemId, (await server('_top')).systemId, 'it carries the lead\'s registration, under the lead\'s System ID');
  const after = companion.site.snapshot();
  assert.equal(row(after, 'es-1-as-2').status, 'inherits');
  assert.equal(row(after, 'es-1-as-2').previousSystemId, null, 'the flag is gone');
  // A lead is refused this path, and so is a shadow that was not wiped.
  await assert.rejects(async () => companion.handlers['site.shadow.rewrite']({ address: sim.info.url }), /leads its own registration/);
  await assert.rejects(async () => companion.handlers['site.shadow.rewrite']({ address: `${sim.info.url}/es-1-as-1` }), /has kept its System ID/);
});

test('wiped, read, wiped again: the flag stays on the ID the registration is under, not the one between', async () => {
  const original = (await server('es-1-as-3')).systemId;
  await admin('servers/es-1-as-3/wipe', 'POST');
  const between = row(await companion.site.discover(), 'es-1-as-3').systemId;
  await admin('servers/es-1-as-3/wipe', 'POST');
  const twice = row(await companion.site.discover(), 'es-1-as-3');
  assert.notEqual(twice.systemId, between);
  assert.equal(twice.status, 'needs-reassociation');
  assert.equal(twice.previousSystemId, original, `not ${between}`);
  assert.deepEqual(companion.site.detail(twice.address).history.map((h) => h.systemId), [original, between, twice.systemId]);
});

test('a database restored from a backup (the old ID back) is recognised: the flag clears', async () => {
  const wipedTwice = (await server('es-1-as-3')).systemId;
  const flagged = row(companion.site.snapshot(), 'es-1-as-3');
  assert.equal(flagged.status, 'needs-reassociation');
  await admin('servers/es-1-as-3/system-id', 'PUT', { systemId: flagged.previousSystemId });
  const restored = row(await companion.site.discover(), 'es-1-as-3');
  assert.equal(restored.systemId, flagged.previousSystemId);
  assert.notEqual(restored.systemId, wipedTwice);
  assert.equal(restored.previousSystemId, null);
  assert.notEqual(restored.status, 'needs-reassociation');
});

test('a wiped server that held no registration is only said to have a new System ID, with Register offered', async () => {
  const before = await server('sa-1');
  assert.equal(before.registration.state, 'unregistered');
  await admin('servers/sa-1/wipe', 'POST');
  const sa = row(await companion.site.discover(), 'sa-1');
  assert.equal(sa.status, 'unregistered', 'nothing to re-associate');
  assert.equal(sa.previousSystemId, null);
  assert.equal(sa.notice, `New System ID (it was ${before.systemId}): its database was wiped or it was replaced. It held no registration, so there is nothing to re-associate: register it.`);
  // Register offline is open to it, association is not.
  assert.equal((await companion.offline.create(sa.address, 'register')).kind, 'register');
  await assert.rejects(async () => companion.offline.create(sa.address, 'associate'), /has kept its System ID|associating a new System ID is for a server whose database was wiped/);
});

test('a lead wiped twice: its association request names the registered ID, in the code and in the file', async () => {
  const registered = (await server('_top')).systemId;
  await admin('servers/_top/wipe', 'POST');
  const between = row(await companion.site.discover(), '_top').systemId;
  await admin('servers/_top/wipe', 'POST');
  const lead = row(await companion.site.discover(), '_top');
  assert.equal(lead.previousSystemId, registered);
  const request = await companion.offline.create(lead.address, 'associate');
  const decoded = decodeRequestCode(request.requestCode);
  assert.ok(decoded.ok);
  assert.equal(decoded.value.version, 2);
  assert.equal(decoded.value.kind, 'associate');
  assert.equal(replacedIdMatches(registered, decoded.value), true, 'the ID the portal knows');
  assert.equal(replacedIdMatches(between, decoded.value), false, `not ${between}`);
  assert.match(request.fileContent, new RegExp(`\\nKind: associate\\nReplaces System ID: ${registered}\\n`));
});
