// The portal's database out of reach, on the running process: requests that need it are refused
// 503 with Retry-After and the error code `unavailable` (not 500 "internal", which means a bug),
// nothing half-done is left, and once the database is back the same requests succeed without a
// restart. On SQLite: another process holding the file locked past the busy timeout. On
// PostgreSQL (a cluster of this test's own, since it is stopped): the server gone, then back.
// Each engine's portal is started here, whatever PORTAL_TEST_ENGINE says.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { startProcess } from '../../scripts/lib/processes.mjs';
import { postgresBinDir, startPgCluster } from '../support/pg-cluster.js';
import { newAccount, registrationForm, type TestAccount } from '../support/portal-accounts.js';
import { ROOT, tempDir, tsNode } from '../support/processes.js';

const launch = (dataDir: string, args: string[] = []) =>
  startProcess<{ url: string; dataDir: string }>(...tsNode('portal/cli.ts', ['--port', '0', '--data-dir', dataDir, ...args]), 'PORTAL_READY', { cwd: ROOT });

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { error?: { code: string; message: string } };
}

async function send(url: string, account: TestAccount | null, method: string, route: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { accept: 'application/json', ...(account ? { authorization: `Bearer ${account.client.token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Answer['body'] };
}

function assertUnavailable(answer: Answer, what: string) {
  assert.equal(answer.status, 503, `${what}: ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.error?.code, 'unavailable', what);
  assert.match(answer.body.error!.message, /cannot reach its database just now; the request was not carried out\. Try again in a few seconds/, what);
  assert.equal(answer.retryAfter, '5', `${what}: Retry-After`);
}

const edit = (siteName: string) => ({ installation: { ...registrationForm().installation, siteName } });

/** A SQLite portal with an end user and its system registered (site name 'Before'); `holder` opens another connection to the portal's file, to lock it. */
async function sqlitePortalWithSystem(name: string) {
  const dataDir = tempDir(`portal-db-${name.toLowerCase()}`);
  const portal = await launch(dataDir);
  try {
    const { url } = portal.info;
    const owner = await newAccount(url, { kind: 'end-user' });
    const systemId = `${name}-${process.pid}`;
    const registered = await owner.client.call('registerSystem', { params: { systemId }, body: registrationForm({ siteName: 'Before' }) });
    return { portal, url, owner, systemId, registered, holder: () => new Database(path.join(dataDir, 'portal.sqlite')) };
  } catch (error) {
    await portal.stop();
    throw error;
  }
}

test('SQLite: the file held locked by another process past the busy timeout: 503 unavailable with Retry-After, nothing written; then the edit goes through', { timeout: 120_000 }, async () => {
  const { portal, url, owner, systemId, registered, holder: open } = await sqlitePortalWithSystem('Busy');
  try {
    const holder = open();
    holder.exec('BEGIN EXCLUSIVE');
    try {
      assertUnavailable(await send(url, owner, 'PUT', `/api/v1/systems/${systemId}`, edit('While locked')), 'an edit while the file is locked');
      // Readers are not blocked by a writer in WAL mode.
      const read = await send(url, owner, 'GET', `/api/v1/systems/${systemId}`);
      assert.equal(read.status, 200);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    const now = await owner.client.call('getSystem', { params: { systemId } });
    assert.equal(now.revision, registered.revision, 'the refused edit wrote nothing');
    assert.equal(now.installation.siteName, 'Before');
    const after = await send(url, owner, 'PUT', `/api/v1/systems/${systemId}`, edit('After'));
    assert.equal(after.status, 200, JSON.stringify(after.body));
    assert.equal((await owner.client.call('getSystem', { params: { systemId } })).installation.siteName, 'After');
  } finally {
    await portal.stop();
  }
});

test('SQLite: while another process holds the file locked, the portal keeps answering; an edit waits and goes through once the lock is let go', { timeout: 120_000 }, async () => {
  const { portal, url, owner, systemId, registered, holder: open } = await sqlitePortalWithSystem('Wait');
  try {
    const holder = open();
    holder.exec('BEGIN EXCLUSIVE');
    const pending = send(url, owner, 'PUT', `/api/v1/systems/${systemId}`, edit('While locked'));
    let editSettled = false;
    // Handled here too: should an assertion below fail, the edit's answer is not left unawaited.
    pending.then(() => (editSettled = true)).catch(() => (editSettled = true));
    try {
      // A second for the edit to reach the lock; SQLite's own busy timeout would then sleep in the
      // portal's event loop until the lock went (5 s), and nothing would answer meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (const [what, method, route] of [
        ['liveness', 'GET', '/livez'],
        ['a read', 'GET', `/api/v1/systems/${systemId}`],
      ] as const) {
        const started = performance.now();
        const answer = await send(url, owner, method, route);
        const took = performance.now() - started;
        assert.equal(answer.status, 200, `${what} while the edit waits for the lock: ${JSON.stringify(answer.body)}`);
        assert.ok(took < 2_000, `${what} answered in ${took.toFixed(0)} ms while the edit waited for the lock`);
        assert.equal(editSettled, false, `the edit was still waiting for the lock when ${what} answered`);
      }
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    const answer = await pending;
    assert.equal(answer.status, 200, `the edit once the lock was let go: ${JSON.stringify(answer.body)}`);
    const now = await owner.client.call('getSystem', { params: { systemId } });
    assert.equal(now.installation.siteName, 'While locked');
    assert.equal(now.revision, registered.revision + 1, 'written once');
  } finally {
    await portal.stop();
  }
});

test(
  'PostgreSQL: the server stops under a running portal: 503 unavailable with Retry-After (readiness 503, liveness 200); back once the server is',
  { skip: !postgresBinDir() && 'PostgreSQL is not installed (initdb not found): apt-get install postgresql', timeout: 180_000 },
  async () => {
    // Durable: the stop is immediate (a crash), and what was committed before it must still be there.
    const cluster = await startPgCluster({ durable: true });
    const portal = await launch(tempDir('portal-db-down'), ['--database', await cluster.createDatabase('down')]);
    try {
      const { url } = portal.info;
      const owner = await newAccount(url, { kind: 'end-user' });
      const systemId = `Down-${process.pid}`;
      await owner.client.call('registerSystem', { params: { systemId }, body: registrationForm({ siteName: 'Before' }) });

      cluster.stopServer();
      assertUnavailable(await send(url, owner, 'GET', `/api/v1/systems/${systemId}`), 'a read (its session is looked up first)');
      assertUnavailable(await send(url, owner, 'PUT', `/api/v1/systems/${systemId}`, edit('While down')), 'an edit');
      assertUnavailable(await send(url, null, 'POST', '/api/v1/sessions', { email: owner.email, password: 'whatever it is' }), 'a log-on');
      assert.equal((await fetch(`${url}/livez`)).status, 200, 'alive: no reason to restart it');
      const ready = await fetch(`${url}/readyz`);
      assert.equal(ready.status, 503, 'not ready: no traffic until the database is back');

      await cluster.startServer();
      // The pool drops the connections the stop broke as it meets them: each answer in between is a 503, never a 500.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const answer = await send(url, owner, 'PUT', `/api/v1/systems/${systemId}`, edit('After'));
        if (answer.status === 200) break;
        assertUnavailable(answer, 'an edit while the pool reconnects');
        assert.ok(Date.now() < deadline, 'the portal did not recover within 30 s of the database');
      }
      assert.equal((await owner.client.call('getSystem', { params: { systemId } })).installation.siteName, 'After');
      assert.equal((await fetch(`${url}/readyz`)).status, 200);
    } finally {
      await portal.stop();
      cluster.stopServer();
    }
  },
);
