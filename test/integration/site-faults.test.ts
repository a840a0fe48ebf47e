// Every way a server can fail, against the real simulator with Digest on: each faulty server is
// reported with its reason, the others are read, and nothing already stored is overwritten.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { simAdmin } from '../support/sim-admin.js';
import { createCompanion, type Companion } from '../../main/services/index.js';
import type { ServerView } from '../../shared/domain/server.js';
import { startSim, tempDir, type Started } from '../support/processes.js';

let sim: Started<{ url: string }>;
const admin = <T = unknown>(route: string, method?: string, body?: unknown) => simAdmin(sim.info.url)<T>(route, method, body);
let companion: Companion;
const addressOf = (key: string) => `${sim.info.url}/${key}`;

before(async () => {
  sim = await startSim(['--es', '1', '--as', '8', '--seed', '3', '--auth', 'digest', '--user', 'integrator', '--password', 'Site-Pass-1', '--algorithm', 'MD5,SHA-256', '--hang-ms', '20000']);
  companion = createCompanion({ dataDir: tempDir('faults'), version: 'test', emit: () => {} });
});
after(async () => {
  companion?.close();
  await sim?.stop();
});

test('without credentials, or with a wrong password, the reason says so', async () => {
  companion.site.saveConnection({ targets: sim.info.url });
  let snapshot = await companion.site.discover();
  assert.equal(snapshot.failures[0]?.kind, 'auth');
  assert.match(snapshot.failures[0]!.reason, /asks for a user name and password/);
  companion.site.saveConnection({ targets: sim.info.url, username: 'integrator', password: 'wrong' });
  snapshot = await companion.site.discover();
  assert.match(snapshot.failures[0]!.reason, /refused the user name "integrator"/);
});

test('with the right Digest credentials the whole site is read', async () => {
  companion.site.saveConnection({ targets: sim.info.url, username: 'integrator', password: 'Site-Pass-1', timeoutSeconds: 1 });
  const snapshot = await companion.site.discover();
  assert.deepEqual(snapshot.failures, []);
  assert.equal(snapshot.servers.length, 9);
});

test('each fault kind is reported with its reason while the others are read', async () => {
  const before = new Map(companion.site.snapshot().servers.map((s) => [s.address, s.systemId]));
  await admin('servers/es-1-as-1/fault', 'PUT', { kind: 'timeout' });
  await admin('servers/es-1-as-2/fault', 'PUT', { kind: 'http-500' });
  await admin('servers/es-1-as-3/fault', 'PUT', { kind: 'reset' });
  await admin('servers/es-1-as-4/fault', 'PUT', { kind: 'malformed-xml', variant: 'truncated' });
  await admin('servers/es-1-as-5/fault', 'PUT', { kind: 'soap-fault' });
  await admin('servers/es-1-as-6/ews', 'PUT', { enabled: false });
  await admin('servers/es-1-as-7/credentials', 'PUT', { user: 'other', password: 'Other-Pass-2' });
  // A wipe on a faulty server must not be recorded from a failed read.
  await admin('servers/es-1-as-2/wipe', 'POST');

  const snapshot = await companion.site.discover();
  const byKey = (key: string) => snapshot.servers.find((s) => s.address === addressOf(key)) as ServerView;
  const expectations: [string, ServerView['status'], RegExp][] = [
    ['es-1-as-1', 'unreachable', /No answer within 1 s/],
    ['es-1-as-2', 'unreachable', /HTTP 500|SOAP fault/],
    ['es-1-as-3', 'unreachable', /reset|closed the connection/],
    ['es-1-as-4', 'unreachable', /not well-formed XML|missing/],
    ['es-1-as-5', 'unreachable', /SOAP fault/],
    ['es-1-as-6', 'ews-disabled', /EWS server is disabled/],
    ['es-1-as-7', 'unreachable', /refused the user name "integrator"/],
  ];
  for (const [key, status, reason] of expectations) {
    const server = byKey(key);
    assert.equal(server.status, status, `${key}: ${server.statusReason}`);
    assert.match(server.statusReason ?? '', reason, key);
    assert.equal(server.systemId, before.get(server.address), `${key} keeps the System ID stored before`);
  }
  assert.equal(byKey('es-1-as-8').status, 'unregistered', 'the healthy server is read');
  assert.equal(snapshot.servers.find((s) => s.kind === 'enterprise-server')?.status, 'unregistered');
  assert.deepEqual(snapshot.failures, [], 'every failing server is known, so none is listed apart');
});

test('per-server credentials reach a server with its own account', async () => {
  companion.site.saveConnection({
    targets: sim.info.url,
    username: 'integrator',
    timeoutSeconds: 1,
    perServer: [{ address: addressOf('es-1-as-7'), username: 'other', password: 'Other-Pass-2' }],
  });
  const snapshot = await companion.site.discover();
  assert.equal(snapshot.servers.find((s) => s.address === addressOf('es-1-as-7'))?.status, 'unregistered');
  assert.equal(companion.site.connection().hasPassword, true, 'the site password was kept when none was typed');
  assert.deepEqual(companion.site.connection().perServer, [{ address: addressOf('es-1-as-7'), username: 'other', hasPassword: true }]);
});
