// The Registration Portal under load: the real portal process (portal/cli.ts: Fastify, SQLite in
// WAL, notification mail written to its outbox in the background) on 127.0.0.1, driven by
// autocannon from this process with 64 connections; each phase runs 1 s of warm-up, then 5 s.
//   figure portal.reads_per_s      GET /api/v1/systems/:systemId by its owner, over 200 systems
//   figure portal.writes_per_s     PUT /api/v1/systems/:systemId: 1 in 4 a new registration of a
//                                  fresh System ID, the rest a modification of an existing one
//   figure portal.read_p50_ms, read_p99_ms, write_p50_ms, write_p99_ms
//   figure portal.p99_ms           the worse p99 of reads and writes
//   figure portal.write_p99_in_portal_ms  p99 of the writes as the portal timed them (its request log):
//                                  the rest of write_p99_ms is waiting to be read and the load generator
//   figure portal.hello_per_s      a bare Fastify hello-world process, measured the same way: the ceiling
//   figure portal.ceiling_ratio    reads/s over hello-world/s
//   figure portal.logons_per_s     POST /api/v1/sessions (scrypt, slow on purpose) with 8 connections,
//   figure portal.logon_p50_ms     end-user accounts (no MFA)
//   figure portal.logon_p99_under_signup_ms  p99 of real log-ons (2 end users, one after another
//                                  each) while 50 clients sign up as fast as they can; the portal
//                                  is started with sign-up limits raised out of the way, so the
//                                  password-hashing queue is what keeps log-on responsive
//   figure portal.signups_accepted_per_s, portal.signups_refused_per_s  what the flood got
//   figure portal.mail_backlog     notification mails of those writes not yet in the outbox when the
//                                  write phase ended (the dispatcher sends them in the background)
//   figure portal.mail_drain_s     how long the outbox then took to catch up
//   figure portal.writes_with_mail_per_s  writes over the write phase's wall time plus that drain:
//                                  what the portal sustains once its mail keeps up
//   figure portal.errors           non-2xx answers, socket errors and timeouts over every phase,
//                                  warm-ups included; must be 0 (the benchmark exits 1 otherwise)
// Targets: reads >= 1,000/s, writes >= 500/s, p99 < 50 ms, log-on p99 under a sign-up flood < 1,000 ms.
// BENCH_SECONDS, BENCH_CONNECTIONS change the phase length and connections; BENCH_PORTAL_NODE_ARGS
// adds Node flags to the portal process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
import fs from 'node:fs';
import { startProcess, type Started } from '../scripts/lib/processes.mjs';
import { measure, percentile, pool, portalTimes, WARMUP_SECONDS, type Phase } from './lib/load.js';
import { newAccount, PASSWORD, registrationForm, type TestAccount } from '../test/support/portal-accounts.js';
import { ROOT, tempDir } from '../test/support/processes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const LOGON_CONNECTIONS = 8;
const LOGON_SECONDS = 3;
const SYSTEMS = 200;
const END_USERS = 6;
const PARTNERS = 2;
const SIGNUP_CLIENTS = 50;
const SIGNUP_LOGON_CLIENTS = 2;
const PORTAL_NODE_ARGS = (process.env.BENCH_PORTAL_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

const figure = (name: string, value: number, unit: string, digits = 1) => console.log(`figure portal.${name} ${Number(value.toFixed(digits))} ${unit}`);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

const children: Started<unknown>[] = [];
const stopAll = () => Promise.all(children.splice(0).map((c) => c.stop()));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().then(() => process.exit(130)));
}

/** A project process run as `node --import tsx FILE` (one process, so flags such as --cpu-prof reach it). */
async function start<T>(file: string, args: string[], tag: string, nodeArgs: string[] = [], env: Record<string, string> = {}): Promise<Started<T>> {
  const started = await startProcess<T>(process.execPath, [...nodeArgs, '--import', 'tsx', file, ...args], tag, { cwd: ROOT, echoErrors: true, timeoutMs: 60_000, env });
  children.push(started as Started<unknown>);
  return started;
}

const countEml = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).length;

async function main() {
  const [portal, hello] = await Promise.all([
    // Sign-up limits out of the way: the flood phase measures the hashing queue, not the limits.
    start<{ url: string; dataDir: string; outboxDir: string }>('portal/cli.ts', ['--port', '0', '--data-dir', tempDir('bench-portal')], 'PORTAL_READY', PORTAL_NODE_ARGS, {
      PORTAL_SIGNUPS_PER_MINUTE: '1000000',
      PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '1000000',
    }),
    start<{ url: string }>('bench/lib/hello-world.ts', [], 'HELLO_READY'),
  ]);
  const baseUrl = portal.info.url;

  // Owners: end users (no MFA; also used for the log-on phase) and partners (TOTP enrolled).
  const started = performance.now();
  const owners: TestAccount[] = await Promise.all([
    ...Array.from({ length: END_USERS }, () => newAccount(baseUrl, { kind: 'end-user' })),
    ...Array.from({ length: PARTNERS }, () => newAccount(baseUrl, { kind: 'partner' })),
  ]);
  const endUsers = owners.slice(0, END_USERS);
  const runTag = Date.now().toString(36).toUpperCase();
  const systems = Array.from({ length: SYSTEMS }, (_, i) => ({ systemId: `BENCH-${runTag}-${String(i).padStart(4, '0')}`, owner: owners[i % owners.length]! }));
  await pool(systems, 16, async ({ systemId, owner }, i) => {
    await owner.client.call('registerSystem', { params: { systemId }, body: registrationForm({ siteName: `Bench site ${i}` }) });
  });
  const check = await systems[1]!.owner.client.call('getSystem', { params: { systemId: systems[1]!.systemId } });
  if (check.installation.siteName !== 'Bench site 1') throw new Error(`Read back "${check.installation.siteName}" for ${systems[1]!.systemId}.`);
  console.log(`setup: ${owners.length} accounts, ${SYSTEMS} systems registered in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const auth = (owner: TestAccount) => `Bearer ${owner.client.token}`;
  const phases: Phase[] = [];

  // 1. The ceiling: the hello-world process alone, then stopped.
  const helloPhase = await measure('hello-world', hello.info.url, CONNECTIONS, SECONDS, () => ({ method: 'GET', path: '/', headers: { accept: 'application/json' } }));
  phases.push(helloPhase);
  await hello.stop();

  // 2. Reads, round-robin over the systems, each by its owner.
  let readAt = 0;
  const reads = await measure('reads', baseUrl, CONNECTIONS, SECONDS, () => {
    const { systemId, owner } = systems[readAt++ % systems.length]!;
    return { method: 'GET', path: `/api/v1/systems/${encodeURIComponent(systemId)}`, headers: { accept: 'application/json', authorization: auth(owner) } };
  });
  phases.push(reads);

  // 3. Writes: every 4th a new registration of a fresh System ID, the others a change of the site
  //    name of an existing system by its owner (so every one is a real change, audited and mailed).
  const mailBefore = countEml(portal.info.outboxDir);
  const writesStarted = performance.now();
  let writeAt = 0;
  let created = 0;
  const form = registrationForm();
  const writesFrom = Date.now() + WARMUP_SECONDS * 1000;
  const writes = await measure('writes', baseUrl, CONNECTIONS, SECONDS, () => {
    const n = writeAt++;
    const headers = (owner: TestAccount) => ({ accept: 'application/json', 'content-type': 'application/json', authorization: auth(owner) });
    if (n % 4 === 0) {
      const owner = owners[n % owners.length]!;
      const systemId = `BENCH-${runTag}-NEW-${++created}`;
      return { method: 'PUT', path: `/api/v1/systems/${encodeURIComponent(systemId)}`, headers: headers(owner), body: JSON.stringify(registrationForm({ siteName: `New site ${created}` })) };
    }
    const { systemId, owner } = systems[n % systems.length]!;
    return {
      method: 'PUT',
      path: `/api/v1/systems/${encodeURIComponent(systemId)}`,
      headers: headers(owner),
      body: JSON.stringify({ installation: { ...form.installation, siteName: `Bench site ${n} modified` } }),
    };
  });
  phases.push(writes);
  // The same writes as the portal timed them: the part of the latency spent in the portal itself.
  const inPortal = portalTimes(portal.output(), 'PUT', writesFrom, Date.now());
  console.log(`writes in the portal (its request log): ${int(inPortal.length)} answers, p50 ${percentile(inPortal, 50)} ms, p99 ${percentile(inPortal, 99)} ms, max ${inPortal.at(-1)} ms`);

  // The mail those writes queued: wait until the outbox holds one message per successful write.
  const written = writeAt - writes.failures;
  const expectedMail = mailBefore + written;
  const writesEnded = performance.now();
  let inOutbox = countEml(portal.info.outboxDir);
  const mailBacklog = expectedMail - inOutbox;
  console.log(`mail: ${int(inOutbox - mailBefore)} of ${int(written)} written to the outbox when the write phase ended`);
  while (inOutbox < expectedMail && performance.now() - writesEnded < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    inOutbox = countEml(portal.info.outboxDir);
  }
  const mailDrained = performance.now();
  console.log(`mail: outbox holds ${int(inOutbox - mailBefore)} of ${int(written)} after ${((mailDrained - writesEnded) / 1000).toFixed(1)} s more`);
  if (inOutbox !== expectedMail) console.log(`mail: WARNING the outbox holds ${int(inOutbox - mailBefore)} messages for ${int(written)} successful writes`);

  // 4. Log-ons: end-user accounts, round-robin, 8 connections.
  let logOnAt = 0;
  const logOns = await measure('log-ons', baseUrl, LOGON_CONNECTIONS, LOGON_SECONDS, () => ({
    method: 'POST',
    path: '/api/v1/sessions',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ email: endUsers[logOnAt++ % endUsers.length]!.email, password: PASSWORD }),
  }));
  phases.push(logOns);

  // 5. Log-ons while 50 clients sign up as fast as they can (each sign-up runs scrypt). First one
  //    log-on, untimed: it queues behind the log-ons phase 4 left in flight (autocannon stops
  //    sending, the portal still hashes them), so the flood starts on a settled portal.
  await endUsers[0]!.client.call('logOn', { body: { email: endUsers[0]!.email, password: PASSWORD } });
  const flood = await logOnsUnderSignUpFlood(baseUrl, endUsers.slice(0, SIGNUP_LOGON_CLIENTS));

  const errors = phases.reduce((sum, p) => sum + p.failures, 0);
  const p99 = Math.max(reads.p99, writes.p99);
  figure('reads_per_s', reads.perSecond, '/s', 0);
  figure('writes_per_s', writes.perSecond, '/s', 0);
  figure('p99_ms', p99, 'ms');
  figure('read_p50_ms', reads.p50, 'ms');
  figure('read_p99_ms', reads.p99, 'ms');
  figure('write_p50_ms', writes.p50, 'ms');
  figure('write_p99_ms', writes.p99, 'ms');
  figure('write_p99_in_portal_ms', percentile(inPortal, 99), 'ms');
  figure('hello_per_s', helloPhase.perSecond, '/s', 0);
  figure('ceiling_ratio', reads.perSecond / helloPhase.perSecond, 'x', 3);
  figure('logons_per_s', logOns.perSecond, '/s');
  figure('logon_p50_ms', logOns.p50, 'ms');
  figure('logon_p99_under_signup_ms', flood.logOnP99, 'ms');
  figure('signups_accepted_per_s', flood.acceptedPerSecond, '/s');
  figure('signups_refused_per_s', flood.refusedPerSecond, '/s');
  figure('mail_backlog', mailBacklog, 'count', 0);
  figure('mail_drain_s', (mailDrained - writesEnded) / 1000, 's', 2);
  figure('writes_with_mail_per_s', written / ((mailDrained - writesStarted) / 1000), '/s', 0);
  figure('errors', errors, 'count', 0);

  const missed = [
    reads.perSecond < 1000 && `reads ${int(reads.perSecond)}/s < 1,000/s`,
    writes.perSecond < 500 && `writes ${int(writes.perSecond)}/s < 500/s`,
    p99 >= 50 && `p99 ${p99} ms >= 50 ms`,
    flood.logOnP99 >= 1000 && `log-on p99 under a sign-up flood ${flood.logOnP99} ms >= 1,000 ms`,
  ].filter(Boolean);
  console.log(missed.length ? `targets missed: ${missed.join('; ')}` : 'targets met: reads >= 1,000/s, writes >= 500/s, p99 < 50 ms, log-on p99 under a sign-up flood < 1,000 ms');
  if (errors || flood.logOnFailures) {
    console.error(`The portal answered ${errors} requests with an error, or did not answer them.`);
    process.exitCode = 1;
  }
}


/**
 * SIGNUP_CLIENTS loops post sign-ups back to back (fresh addresses; a refusal is counted, not
 * retried) for SECONDS, while each of `loggers` logs on again and again; every log-on must succeed.
 */
async function logOnsUnderSignUpFlood(baseUrl: string, loggers: TestAccount[]) {
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (res) => {
      await res.arrayBuffer();
      return res.status;
    });
  const until = performance.now() + SECONDS * 1000;
  let accepted = 0;
  let refused = 0;
  let signUpErrors = 0;
  const floodTag = Date.now().toString(36);
  const signers = Array.from({ length: SIGNUP_CLIENTS }, async (_, client) => {
    for (let n = 0; performance.now() < until; n++) {
      const status = await post('/api/v1/accounts', { email: `flood-${floodTag}-${client}-${n}@example.com`, password: PASSWORD, kind: 'end-user', name: 'Flood' }).catch(() => 0);
      if (status >= 200 && status < 300) accepted++;
      else if (status === 429 || status === 503) refused++;
      else signUpErrors++;
    }
  });
  // Let the flood build up before the first log-on is timed.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const latencies: number[] = [];
  let logOnFailures = 0;
  const logOns = loggers.map(async (account) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const status = await post('/api/v1/sessions', { email: account.email, password: PASSWORD }).catch(() => 0);
      latencies.push(performance.now() - t0);
      if (status !== 201) logOnFailures++;
    }
  });
  await Promise.all([...signers, ...logOns]);
  latencies.sort((a, b) => a - b);
  const logOnP99 = percentile(latencies, 99);
  console.log(
    `log-ons under a sign-up flood: ${latencies.length} log-ons, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${logOnP99.toFixed(0)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(0)} ms, ` +
      `${logOnFailures} failed; sign-ups: ${accepted} accepted, ${refused} refused (429/503), ${signUpErrors} other answers`,
  );
  return { logOnP99, logOnFailures, acceptedPerSecond: accepted / SECONDS, refusedPerSecond: refused / SECONDS };
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopAll();
}
