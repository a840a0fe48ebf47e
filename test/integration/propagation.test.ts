// The propagation outbox writing a registration to a lead and its shadows on the real simulator:
// a server that fails keeps its row with the reason and is written on a later attempt.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';
import { EwsConnector } from '../../main/services/connectors/ews/ews-connector.js';
import { Propagation } from '../../main/services/registration/propagation.js';
import { companionMigrations } from '../../main/services/store/migrations/index.js';
import type { Registration } from '../../shared/domain/server.js';
import { openDatabase, type Db } from '../../shared/node/sqlite.js';
import { SIM_LOGIN, startSim, tempDir, type Started } from '../support/processes.js';


let sim: Started<{ url: string }>;
const admin = <T = unknown>(route: string, method?: string, body?: unknown) => simAdmin(sim.info.url)<T>(route, method, body);
let db: Db;
let clock = new Date('2026-11-22T10:00:00Z');
const connector = new EwsConnector({ timeoutMs: 2000, credentialsFor: () => SIM_LOGIN });

before(async () => {
  sim = await startSim(['--es', '1', '--as', '3']);
  db = openDatabase(path.join(tempDir('outbox'), 'companion.sqlite'), companionMigrations);
});
after(async () => {
  connector.close();
  db?.close();
  await sim?.stop();
});

test('a registration reaches the lead and every shadow; a failing shadow is retried until it has it', async () => {
  const servers = (await admin('servers')) as SimServerInfo[];
  const lead = servers.find((s) => s.key === '_top')!;
  const shadows = servers.filter((s) => s.key !== '_top');
  await admin('servers/es-1-as-2/fault', 'PUT', { kind: 'http-500' });

  const propagation = new Propagation(db, () => clock);
  const registration: Registration = { state: 'registered', method: 'offline', code: 'K7Q2M-XW4PD', organization: 'Acme Controls', siteName: 'North plant', registeredAt: clock.toISOString(), leadSystemId: lead.systemId };
  const batch = propagation.enqueue(lead, shadows, registration, 'offline registration');

  assert.deepEqual(await propagation.runDue(connector), { written: 3, failed: 1 });
  let rows = propagation.batch(batch)!.rows;
  const failed = rows.find((r) => r.state !== 'done')!;
  assert.equal(failed.address, `${sim.info.url}/es-1-as-2`);
  assert.equal(failed.state, 'pending', 'it will be tried again');
  assert.match(failed.lastError ?? '', /HTTP 500|SOAP fault/);
  assert.deepEqual(await propagation.runDue(connector), { written: 0, failed: 0 }, 'not due before its pause is over');

  await admin('servers/es-1-as-2/fault', 'DELETE');
  clock = new Date(clock.getTime() + 3000);
  assert.deepEqual(await propagation.runDue(connector), { written: 1, failed: 0 });
  rows = propagation.batch(batch)!.rows;
  assert.ok(rows.every((r) => r.state === 'done'));

  for (const server of (await admin('servers')) as SimServerInfo[]) {
    assert.equal(server.registration.code, 'K7Q2M-XW4PD', `${server.key} holds the registration`);
    assert.equal(server.registration.leadSystemId, lead.systemId);
  }
  assert.deepEqual(await connector.readRegistration(lead.address), { ok: true, registration }, 'what was written reads back the same');
});

test('after the last attempt a row is failed until the user retries it', async () => {
  const servers = (await admin('servers')) as SimServerInfo[];
  const lead = servers.find((s) => s.key === '_top')!;
  await admin('servers/_top/fault', 'PUT', { kind: 'reset' });
  const propagation = new Propagation(db, () => clock);
  const batch = propagation.enqueue(lead, [], { state: 'unregistered', method: null, code: null, organization: null, siteName: null, registeredAt: null, leadSystemId: null }, 'test');
  for (let attempt = 0; attempt < 5; attempt++) {
    await propagation.runDue(connector);
    clock = new Date(clock.getTime() + 10 * 60_000);
  }
  const [row] = propagation.batch(batch)!.rows;
  assert.equal(row!.state, 'failed');
  assert.equal(row!.attempts, 5);
  await admin('servers/_top/fault', 'DELETE');
  assert.equal(propagation.retry(batch), 1);
  assert.deepEqual(await propagation.runDue(connector), { written: 1, failed: 0 });
});

test('retry also makes a server waiting for its next try due now, and leaves done ones alone', async () => {
  const servers = (await admin('servers')) as SimServerInfo[];
  const lead = servers.find((s) => s.key === '_top')!;
  const shadows = servers.filter((s) => s.key !== '_top');
  await admin('servers/es-1-as-1/fault', 'PUT', { kind: 'http-500' });
  const propagation = new Propagation(db, () => clock);
  const registration: Registration = { state: 'registered', method: 'offline', code: 'RETRY-NOW', organization: null, siteName: null, registeredAt: clock.toISOString(), leadSystemId: lead.systemId };
  const batch = propagation.enqueue(lead, shadows, registration, 'test');
  assert.deepEqual(await propagation.runDue(connector), { written: 3, failed: 1 });
  await admin('servers/es-1-as-1/fault', 'DELETE');
  assert.equal(propagation.retry(batch), 1, 'only the waiting row is made due');
  assert.deepEqual(await propagation.runDue(connector), { written: 1, failed: 0 }, 'written without waiting for its pause');
});

test('a server whose System ID changed since the registration was made gets nothing, and says why', async () => {
  const servers = (await admin('servers')) as SimServerInfo[];
  const target = servers.find((s) => s.key === 'es-1-as-3')!;
  const propagation = new Propagation(db, () => clock);
  const registration: Registration = { state: 'registered', method: 'offline', code: 'NOT-YOURS', organization: null, siteName: null, registeredAt: clock.toISOString(), leadSystemId: target.systemId };
  const batch = propagation.enqueue(target, [], registration, 'test');
  await admin('servers/es-1-as-3/wipe', 'POST');
  assert.deepEqual(await propagation.runDue(connector), { written: 0, failed: 1 });
  const [row] = propagation.batch(batch)!.rows;
  assert.equal(row!.state, 'failed', 'not retried: it is another system now');
  assert.match(row!.lastError ?? '', /now has System ID .* not /);
  const after = ((await admin('servers')) as SimServerInfo[]).find((s) => s.key === 'es-1-as-3')!;
  assert.notEqual(after.registration.code, 'NOT-YOURS');
});

test('a server that refuses the SetValues items is a failed write with the server\'s message, and is retried', async () => {
  const servers = (await admin('servers')) as SimServerInfo[];
  const target = servers.find((s) => s.key === 'es-1-as-1')!;
  await admin('servers/es-1-as-1/write-mode', 'PUT', { mode: 'ReadOnly' });
  const propagation = new Propagation(db, () => clock);
  const registration: Registration = { state: 'registered', method: 'offline', code: 'REFUSED-FIRST', organization: null, siteName: null, registeredAt: clock.toISOString(), leadSystemId: target.systemId };
  const batch = propagation.enqueue(target, [], registration, 'test');
  assert.deepEqual(await propagation.runDue(connector), { written: 0, failed: 1 }, 'a refused write is not recorded as done');
  const [row] = propagation.batch(batch)!.rows;
  assert.equal(row!.state, 'pending', 'tried again later');
  assert.match(row!.lastError ?? '', /refused to write every registration item: Write refused: the EWS server’s Value Write Mode is ReadOnly/);
  assert.notEqual(((await admin('servers/es-1-as-1')) as SimServerInfo).registration.code, 'REFUSED-FIRST');

  await admin('servers/es-1-as-1/write-mode', 'PUT', { mode: 'ReadWrite' });
  clock = new Date(clock.getTime() + 10 * 60_000);
  assert.deepEqual(await propagation.runDue(connector), { written: 1, failed: 0 });
  assert.equal(((await admin('servers/es-1-as-1')) as SimServerInfo).registration.code, 'REFUSED-FIRST');
});
