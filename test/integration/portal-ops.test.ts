// The portal's operations surface on a running process (portal/http/ops.ts): liveness and
// readiness, the request id, one JSON log line per request that never carries an address's token,
// and Prometheus metrics given only to whom they are for.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startPortal, tempDir, type Started } from '../support/processes.js';

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
  assert.deepEqual(await ready.json(), { status: 'ready', database: process.env.PORTAL_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite', schema: 8 });
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
