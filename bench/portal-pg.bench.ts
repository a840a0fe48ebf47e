// The `portal` load on PostgreSQL: two portal processes (portal/cli.ts --database) on one database of
// a PostgreSQL cluster made for the run (Debian's binaries, PostgreSQL's durable defaults: fsync,
// synchronous commit), driven by autocannon from this process with 64 connections; each phase runs
// 1 s of warm-up, then 5 s. The same phases run first against one instance, then against both
// (the connections split between them), in the same run:
//   figure portal_pg.reads_per_s        GET /api/v1/systems/:systemId by its owner, over 200 systems, 2 instances
//   figure portal_pg.writes_per_s       PUT /api/v1/systems/:systemId (1 in 4 a new System ID), 2 instances
//   figure portal_pg.p99_ms             the worse p99 of reads and writes, 2 instances
//   figure portal_pg.read_p99_ms, write_p99_ms
//   figure portal_pg.write_rate_per_s   writes/s of the steady phase below (BENCH_PG_RATE when the instances keep up)
//   figure portal_pg.write_p99_at_rate_ms  p99 of the same writes sent at a steady BENCH_PG_RATE a second (100)
//                                       over 2 instances, each when due: the latency when the portal keeps up
//   figure portal_pg.one_reads_per_s, one_writes_per_s, one_p99_ms, one_write_p99_at_rate_ms   the same against 1 instance
//   figure portal_pg.scale_ratio        reads/s of 2 instances over 1
//   figure portal_pg.writes_scale_ratio writes/s of 2 instances over 1
//   figure portal_pg.write_cpu_ms       CPU of every part (portals, PostgreSQL, load generator) per write, 2 instances
//   figure portal_pg.errors             non-2xx answers, socket errors and timeouts; must be 0
// Targets on the 2-core machine: reads >= 1,000/s, writes >= 500/s, p99 < 50 ms.
// Each phase also prints the CPU each part used, in cores (two cores hold them all).
// BENCH_SECONDS, BENCH_CONNECTIONS change the phase length and connections; BENCH_PG_STATEMENTS=1
// loads pg_stat_statements and prints the statements that took the most time in each write phase;
// BENCH_PORTAL_NODE_ARGS adds Node flags to the portal processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof";
// BENCH_PG_SOCKET=1 connects the portals through PostgreSQL's Unix socket instead of TCP.
import path from 'node:path';
import type autocannon from 'autocannon';
import pg from 'pg';
import { startProcess, type Started } from '../scripts/lib/processes.mjs';
import { loadOrCreateKeys } from '../portal/keys.js';
import { newAccount, registrationForm, type TestAccount } from '../test/support/portal-accounts.js';
import { postgresBinDir, startPgCluster } from '../test/support/pg-cluster.js';
import { ROOT, tempDir } from '../test/support/processes.js';
import { cpuMeter, describeCpu } from './lib/cpu.js';
import { measure, paced, pool, type Phase } from './lib/load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SYSTEMS = 200;
const OWNERS = 8;
const STATEMENTS = process.env.BENCH_PG_STATEMENTS === '1';
/** Writes per second of the fixed-rate phase: well under what one instance sustains here. */
const RATE = Number(process.env.BENCH_PG_RATE ?? 100);
const PORTAL_NODE_ARGS = (process.env.BENCH_PORTAL_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

const figure = (name: string, value: number, unit: string, digits = 1) => console.log(`figure portal_pg.${name} ${Number(value.toFixed(digits))} ${unit}`);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

const children: Started<unknown>[] = [];
const stopAll = () => Promise.all(children.splice(0).map((c) => c.stop()));

async function startInstance(name: string, databaseUrl: string, keysDir: string): Promise<Started<{ url: string }>> {
  const started = await startProcess<{ url: string }>(process.execPath, [...PORTAL_NODE_ARGS, '--import', 'tsx', 'portal/cli.ts', '--port', '0', '--data-dir', tempDir(`bench-pg-${name}`), '--database', databaseUrl], 'PORTAL_READY', {
    cwd: ROOT,
    echoErrors: true,
    timeoutMs: 60_000,
    env: { PORTAL_KEYS_DIR: keysDir, PORTAL_INSTANCE: name, PORTAL_SIGNUPS_PER_MINUTE: '1000000', PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '1000000' },
  });
  children.push(started as Started<unknown>);
  return started;
}

type Meter = ReturnType<typeof cpuMeter>;

/** A phase, then the CPU each part used during it (the load generator is this process); `cores`: all of it, over the phase's time (warm-up included). */
async function measured(meter: Meter, run: () => Promise<Phase>): Promise<Phase & { cores: number }> {
  meter.lap();
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  const phase = await run();
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownBefore);
  const used = { ...meter.lap(), 'load generator': { user: own.user / 1e6, system: own.system / 1e6 } };
  console.log(`  cpu in cores: ${describeCpu(used, seconds)}`);
  return { ...phase, cores: Object.values(used).reduce((sum, u) => sum + u.user + u.system, 0) / seconds };
}

/** Reads then writes against `urls`, the same requests as the `portal` benchmark. */
async function load(label: string, urls: string[], systems: { systemId: string; owner: TestAccount }[], owners: TestAccount[], runTag: string, meter: Meter, databaseUrl: string) {
  const auth = (owner: TestAccount) => `Bearer ${owner.client.token}`;
  let readAt = 0;
  const reads = await measured(meter, () =>
    measure(`${label} reads`, urls, CONNECTIONS, SECONDS, () => {
      const { systemId, owner } = systems[readAt++ % systems.length]!;
      return { method: 'GET', path: `/api/v1/systems/${encodeURIComponent(systemId)}`, headers: { accept: 'application/json', authorization: auth(owner) } };
    }),
  );
  let writeAt = 0;
  let created = 0;
  const form = registrationForm();
  const nextWrite = (): autocannon.Request => {
    const n = writeAt++;
    const headers = (owner: TestAccount) => ({ accept: 'application/json', 'content-type': 'application/json', authorization: auth(owner) });
    if (n % 4 === 0) {
      const owner = owners[n % owners.length]!;
      const systemId = `PG-${runTag}-${label}-NEW-${++created}`;
      return { method: 'PUT', path: `/api/v1/systems/${encodeURIComponent(systemId)}`, headers: headers(owner), body: JSON.stringify(registrationForm({ siteName: `New site ${created}` })) };
    }
    const { systemId, owner } = systems[n % systems.length]!;
    return { method: 'PUT', path: `/api/v1/systems/${encodeURIComponent(systemId)}`, headers: headers(owner), body: JSON.stringify({ installation: { ...form.installation, siteName: `Bench site ${n} ${label}` } }) };
  };
  if (STATEMENTS) await statements(databaseUrl, 'SELECT pg_stat_statements_reset()');
  const writes = await measured(meter, () => measure(`${label} writes`, urls, CONNECTIONS, SECONDS, nextWrite));
  if (STATEMENTS) {
    const top = await statements<{ calls: number; total_ms: number; mean_ms: number; query: string }>(
      databaseUrl,
      `SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT 12`,
    );
    console.log(`  statements of the ${label} writes, by time in PostgreSQL:`);
    for (const r of top) console.log(`    ${int(r.calls)} calls, ${r.total_ms} ms, ${r.mean_ms} ms each: ${r.query.slice(0, 160)}`);
  }
  // Each write queued a mail; the instances send the backlog before the next phase, which would
  // otherwise measure the backlog's sending as much as its own writes.
  await mailDrained(databaseUrl, label);
  // The same writes at a fixed rate the instances keep up with: the latency a client sees when the
  // portal is not saturated (at saturation, 64 connections wait in line: mean = 64 / writes per second).
  const atRate = await measured(meter, () => paced(`${label} writes at ${RATE}/s`, urls, RATE, SECONDS, nextWrite));
  return { reads, writes, atRate };
}

async function statements<T>(databaseUrl: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Waits until the mail queue holds nothing unsent (at most 2 minutes), and says how long that took.
 * A message the outbox could not write is unsent too: the 2 minutes then say so.
 */
async function mailDrained(databaseUrl: string, label: string) {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const unsent = async () => Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM mail_queue WHERE sent_at IS NULL')).rows[0]!.n);
    const backlog = await unsent();
    for (let left = backlog; left > 0; left = await unsent()) {
      if (performance.now() - started > 120_000) throw new Error(`${left} mails still unsent after 2 minutes (${label}).`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(`  mail after the ${label} writes: ${int(backlog)} unsent, sent in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

/** Commits and rollbacks so far (a rollback: a serializable transaction run again after a conflict, or a refusal). */
let lastTransactions = { commits: 0, rollbacks: 0 };
async function transactions(databaseUrl: string, label: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ commits: string; rollbacks: string }>('SELECT xact_commit AS commits, xact_rollback AS rollbacks FROM pg_stat_database WHERE datname = current_database()');
    const now = { commits: Number(rows[0]!.commits), rollbacks: Number(rows[0]!.rollbacks) };
    console.log(`pg after ${label}: ${int(now.commits - lastTransactions.commits)} commits, ${int(now.rollbacks - lastTransactions.rollbacks)} rollbacks`);
    lastTransactions = now;
  } finally {
    await client.end();
  }
}

async function main() {
  if (!postgresBinDir()) throw new Error('PostgreSQL is not installed (initdb not found): apt-get install postgresql.');
  const cluster = await startPgCluster({ durable: true, settings: STATEMENTS ? ['shared_preload_libraries=pg_stat_statements'] : [] });
  const tcpUrl = await cluster.createDatabase('bench');
  const databaseUrl = process.env.BENCH_PG_SOCKET === '1' ? `postgres:///${new URL(tcpUrl).pathname.slice(1)}?host=${encodeURIComponent(cluster.socketDir)}&user=postgres&port=${new URL(tcpUrl).port}` : tcpUrl;
  if (STATEMENTS) await statements(databaseUrl, 'CREATE EXTENSION pg_stat_statements');
  const keysDir = path.join(tempDir('bench-pg-keys'), 'keys');
  loadOrCreateKeys(keysDir);
  const [a, b] = await Promise.all([startInstance('a', databaseUrl, keysDir), startInstance('b', databaseUrl, keysDir)]);

  const started = performance.now();
  const owners = await Promise.all(Array.from({ length: OWNERS }, (_, i) => newAccount((i % 2 ? b : a).info.url, { kind: 'end-user' })));
  const runTag = Date.now().toString(36).toUpperCase();
  const systems = Array.from({ length: SYSTEMS }, (_, i) => ({ systemId: `PG-${runTag}-${String(i).padStart(4, '0')}`, owner: owners[i % owners.length]! }));
  await pool(systems, 16, async ({ systemId, owner }, i) => {
    await owner.client.call('registerSystem', { params: { systemId }, body: registrationForm({ siteName: `Bench site ${i}` }) });
  });
  console.log(`setup: ${owners.length} accounts, ${SYSTEMS} systems registered in ${((performance.now() - started) / 1000).toFixed(1)} s; instances ${a.info.url} and ${b.info.url}`);

  const meter = cpuMeter({ 'portal a': a.child.pid!, 'portal b': b.child.pid!, postgres: cluster.serverPid() });
  const one = await load('1 instance', [a.info.url], systems, owners, runTag, meter, databaseUrl);
  await transactions(databaseUrl, '1 instance');
  const two = await load('2 instances', [a.info.url, b.info.url], systems, owners, runTag, meter, databaseUrl);
  await transactions(databaseUrl, '2 instances');

  const phases: Phase[] = [one.reads, one.writes, one.atRate, two.reads, two.writes, two.atRate];
  const errors = phases.reduce((sum, p) => sum + p.failures, 0);
  const p99 = Math.max(two.reads.p99, two.writes.p99);
  figure('reads_per_s', two.reads.perSecond, '/s', 0);
  figure('writes_per_s', two.writes.perSecond, '/s', 0);
  figure('p99_ms', p99, 'ms');
  figure('read_p99_ms', two.reads.p99, 'ms');
  figure('write_p99_ms', two.writes.p99, 'ms');
  figure('one_reads_per_s', one.reads.perSecond, '/s', 0);
  figure('one_writes_per_s', one.writes.perSecond, '/s', 0);
  figure('one_p99_ms', Math.max(one.reads.p99, one.writes.p99), 'ms');
  figure('write_rate_per_s', two.atRate.perSecond, '/s', 0);
  figure('write_p99_at_rate_ms', two.atRate.p99, 'ms');
  figure('one_write_p99_at_rate_ms', one.atRate.p99, 'ms');
  figure('scale_ratio', two.reads.perSecond / one.reads.perSecond, 'x', 2);
  figure('writes_scale_ratio', two.writes.perSecond / one.writes.perSecond, 'x', 2);
  // All the CPU of the write phase (portals, PostgreSQL, load generator) per write: on 2 cores,
  // writes/s cannot pass 2,000 ms / this, whatever the code does with the time.
  figure('write_cpu_ms', (two.writes.cores * 1000) / two.writes.perSecond, 'ms', 2);
  figure('errors', errors, 'count', 0);
  const missed = [
    two.reads.perSecond < 1000 && `reads ${int(two.reads.perSecond)}/s < 1,000/s`,
    two.writes.perSecond < 500 && `writes ${int(two.writes.perSecond)}/s < 500/s`,
    p99 >= 50 && `p99 ${p99} ms >= 50 ms`,
  ].filter(Boolean);
  console.log(missed.length ? `targets missed: ${missed.join('; ')}` : 'targets met: reads >= 1,000/s, writes >= 500/s, p99 < 50 ms');
  if (errors) {
    console.error(`The portal answered ${errors} requests with an error, or did not answer them.`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopAll();
  // The cluster stops with this process (pg-cluster.ts stops it on exit).
  process.exit();
}
