// The portal's operations surface on a running process (portal/http/ops.ts, lifecycle.ts,
// backup-command.ts): liveness and readiness, the request id, one JSON log line per request that
// never carries an address's token, Prometheus metrics given only to whom they are for, a graceful
// stop on SIGTERM, and an online backup that restores.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PortalClient } from '../../main/services/portal/portal-client.js';
import { portalMigrations } from '../../portal/db/migrations/index.js';
import { postgresBinDir } from '../support/pg-cluster.js';
import { PASSWORD, newAccount, registrationForm } from '../support/portal-accounts.js';
import { PORTAL_TEST_ENGINE, ROOT, portalDataArgs, portalDatabaseUrl, startPortal, tempDir, type Started } from '../support/processes.js';

let portal: Started<{ url: string; dataDir: string; outboxDir: string }>;
let url: string;

before(async () => {
  portal = await startPortal(tempDir('portal-ops'));
  url = portal.info.url;
});
after(() => portal.stop());

interface LogLine {
  level: string;
  time: string;
  instance: string;
  reqId: string;
  method: string;
  route: string;
  status: number;
  ms: number;
  msg: string;
}

/** The JSON lines the portal wrote for requests so far. */
const requestLines = (): LogLine[] =>
  portal
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine)
    .filter((l) => l.reqId !== undefined);

async function lineFor(reqId: string): Promise<LogLine> {
  for (let i = 0; i < 50; i++) {
    const line = requestLines().find((l) => l.reqId === reqId);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`no log line for request ${reqId}`);
}

test('liveness and readiness answer, readiness with the database it checked', async () => {
  const live = await fetch(`${url}/livez`);
  assert.equal(live.status, 200);
  assert.deepEqual(await live.json(), { status: 'ok' });
  const ready = await fetch(`${url}/readyz`);
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { status: 'ready', database: process.env.PORTAL_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite', schema: portalMigrations.length });
});

test('a plain request id is kept and echoed; anything else is replaced by a fresh one', async () => {
  const kept = await fetch(`${url}/api/v1/health`, { headers: { 'x-request-id': 'lb-42.a:b_c' } });
  assert.equal(kept.headers.get('x-request-id'), 'lb-42.a:b_c');
  for (const hostile of ['two words', 'x'.repeat(65), 'a"b', '{"level":"fatal"}']) {
    const replaced = await fetch(`${url}/api/v1/health`, { headers: { 'x-request-id': hostile } });
    const id = replaced.headers.get('x-request-id') ?? '';
    assert.match(id, /^[0-9a-f-]{36}$/, `${hostile} replaced by a UUID`);
  }
  const made = await fetch(`${url}/livez`);
  assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
});

test('each request leaves one JSON line with its id, the route pattern and no token from the address', async () => {
  const token = 'SECRETtoken1234567890abcdefghijklmnopqrstuv';
  const asked = await fetch(`${url}/api/v1/invitations/${token}`, { headers: { 'x-request-id': 'token-probe' } });
  assert.equal(asked.status, 404);
  const line = await lineFor('token-probe');
  assert.equal(line.route, '/api/v1/invitations/:token');
  assert.equal(line.status, 404);
  assert.equal(line.method, 'GET');
  assert.equal(line.level, 'info');
  assert.ok(!Number.isNaN(Date.parse(line.time)), 'an ISO time');
  assert.ok(line.ms >= 0);
  assert.ok(!portal.output().includes(token), 'the token is nowhere in the output');

  await fetch(`${url}/no/such/${token}`, { headers: { 'x-request-id': 'unknown-address' } });
  assert.equal((await lineFor('unknown-address')).route, '(no route)');
  assert.equal(requestLines().filter((l) => l.reqId === 'token-probe').length, 1, 'one line per request');
});

test('metrics: Prometheus text to a direct local connection, refused through a proxy', async () => {
  await fetch(`${url}/api/v1/health`);
  const metrics = await fetch(`${url}/metrics`);
  assert.equal(metrics.status, 200);
  assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await metrics.text();
  const health = text.split('\n').find((l) => l.startsWith('portal_http_requests_total{') && l.includes('route="/api/v1/health"') && l.includes('status="200"'));
  assert.ok(health, text.slice(0, 2000));
  assert.ok(Number(health.split(' ').at(-1)) >= 1);
  const bucket = text.split('\n').find((l) => l.startsWith('portal_http_request_duration_seconds_bucket{') && l.includes('route="/api/v1/health"') && l.includes('le="0.005"'));
  assert.ok(bucket, 'durations by route, in buckets');
  assert.match(text, /process_resident_memory_bytes/);

  const proxied = await fetch(`${url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
  assert.equal(proxied.status, 403);
  assert.match(((await proxied.json()) as { error: { message: string } }).error.message, /metrics token/);
});

test('with a metrics token, only a scraper that sends it gets the metrics', async () => {
  const guarded = await startPortal(tempDir('portal-ops-token'), [], { PORTAL_METRICS_TOKEN: 'scrape-secret-0123456789' });
  try {
    const base = guarded.info.url;
    assert.equal((await fetch(`${base}/metrics`)).status, 403, 'even from this machine, without the token');
    assert.equal((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-secret-0123456789' } })).status, 403);
    const scraped = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer scrape-secret-0123456789' } });
    assert.equal(scraped.status, 200);
    assert.match(await scraped.text(), /portal_http_requests_total/);
  } finally {
    await guarded.stop();
  }
});

test('SIGTERM: readiness says 503 at once, a request in flight gets its answer, then the process exits 0', async () => {
  const stopping = await startPortal(tempDir('portal-ops-stop'), [], { PORTAL_SHUTDOWN_DRAIN_SECONDS: '1' });
  const base = new URL(stopping.info.url);
  // A log-on whose body is only half sent when the signal comes: in flight, not yet answerable.
  const body = JSON.stringify({ email: 'nobody@example.com', password: 'not the password at all' });
  const socket = net.connect(Number(base.port), base.hostname);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(`POST /api/v1/sessions HTTP/1.1\r\nHost: ${base.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`);
  await new Promise((resolve) => setTimeout(resolve, 200));

  const exited = new Promise<number | null>((resolve) => stopping.child.once('exit', (code) => resolve(code)));
  stopping.child.kill('SIGTERM');
  let ready: Response | null = null;
  for (let i = 0; i < 20 && ready?.status !== 503; i++) ready = await fetch(`${stopping.info.url}/readyz`);
  assert.equal(ready?.status, 503, 'not ready while draining');
  assert.deepEqual(await ready!.json(), { status: 'shutting-down' });
  assert.equal((await fetch(`${stopping.info.url}/livez`)).status, 200, 'still alive while draining');

  // Past the drain the listener closes; the request in flight is still answered.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  // (Written, not ended: a client that half-closes its side has gone, and its answer with it.)
  socket.write(body.slice(10));
  await closed;
  assert.match(answer, /^HTTP\/1\.1 401 /, `the request in flight was answered: ${answer.slice(0, 200)}`);
  assert.equal(await exited, 0);
  assert.match(stopping.output(), /"msg":"stopped"/);
  await assert.rejects(fetch(`${stopping.info.url}/livez`), 'nothing listens any more');
});

test('an online backup while the portal writes: restored, a new portal on it has every account and system', async () => {
  const dataDir = tempDir('portal-ops-backup');
  const live = await startPortal(dataDir);
  const backups = tempDir('portal-ops-backups');
  const file = path.join(backups, 'portal.backup');
  try {
    const owner = await newAccount(live.info.url, { kind: 'end-user' });
    const ids = Array.from({ length: 5 }, (_, i) => `Backup-${process.pid}-${i}`);
    for (const systemId of ids) await owner.client.call('registerSystem', { params: { systemId }, body: registrationForm({ consent: true }) });
    // Writes go on while the backup runs: the copy is consistent all the same.
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) await owner.client.call('registerSystem', { params: { systemId: `Busy-${process.pid}-${i}` }, body: registrationForm({ consent: true }) });
    })();
    const args = await portalDataArgs(dataDir);
    const made = await command(['backup', file, ...args]);
    writing = false;
    await writer;
    assert.equal(made.code, 0, made.output);
    assert.match(made.output, /^Backed up .* to .*portal\.backup \(\d+\.\d MiB in \d+\.\d s\)\.$/m);
    assert.ok(!fs.existsSync(`${file}.partial`), 'no partial file left');

    const again = await command(['backup', file, ...args]);
    assert.equal(again.code, 2);
    assert.match(again.output, /exists already/);
    assert.equal((await command(['backup', path.join(backups, 'none'), '--data-dir', tempDir('portal-ops-empty')])).code, 1, 'no database there');

    // Restored as the README says, a new portal with the same keys serves the same data.
    const restoredDir = tempDir('portal-ops-restored');
    if (PORTAL_TEST_ENGINE === 'postgres') {
      const url = (await portalDatabaseUrl(restoredDir))!;
      const restore = spawnSync(path.join(postgresBinDir()!, 'pg_restore'), ['--no-owner', `--dbname=${url}`, file], { encoding: 'utf8' });
      assert.equal(restore.status, 0, restore.stderr);
    } else {
      fs.copyFileSync(file, path.join(restoredDir, 'portal.sqlite'));
    }
    const restored = await startPortal(restoredDir, [], { PORTAL_KEYS_DIR: path.join(dataDir, 'keys') });
    try {
      const client = new PortalClient({ baseUrl: restored.info.url });
      client.token = (await client.call('logOn', { body: { email: owner.email, password: PASSWORD } })).token;
      const listed = await client.call('listSystems', { query: { q: `Backup-${process.pid}`, limit: 200 } });
      for (const systemId of ids) assert.ok(listed.items.some((s) => s.systemId === systemId), `${systemId} restored`);
    } finally {
      await restored.stop();
    }
  } finally {
    await live.stop();
  }
});

/** Runs `npm run portal -- ...` as a person would (tsx portal/cli.ts), with its output. */
function command(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'portal/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}
