// `portal copy-to-postgres` (portal/copy-to-postgres-command.ts) on real processes: a SQLite portal
// with accounts, an authenticator, systems, an issued code and an inventory is stopped and copied
// into an empty PostgreSQL database; a portal on PostgreSQL with the same keys then knows everyone
// (passwords, authenticator, open sessions), shows the same systems, and goes on with the next
// code serial. Every table holds as many rows on both sides. A second copy into the now full
// database is refused and changes nothing; a copy without --database says how to give it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PortalClient } from '../../main/services/portal/portal-client.js';
import { startProcess } from '../../scripts/lib/processes.mjs';
import { generateInstallationKeys } from '../../shared/node/codes/keys.js';
import { createRequestCode } from '../../shared/node/codes/request-code.js';
import { postgresBinDir, startPgCluster } from '../support/pg-cluster.js';
import { PASSWORD, newAccount, nextTotp, registrationForm } from '../support/portal-accounts.js';
import { ROOT, tempDir, tsNode } from '../support/processes.js';

const launch = (dataDir: string, args: string[] = [], env: Record<string, string> = {}) =>
  startProcess<{ url: string }>(...tsNode('portal/cli.ts', ['--port', '0', '--data-dir', dataDir, ...args]), 'PORTAL_READY', { cwd: ROOT, env });

// The database only from the flags given here, whatever this process's environment says.
const { PORTAL_DATABASE_URL: _fromEnvironment, ...env } = process.env;
const copy = (args: string[]) => spawnSync(...tsNode('portal/cli.ts', ['copy-to-postgres', ...args]), { cwd: ROOT, encoding: 'utf8', env });

const request = (systemId: string) => createRequestCode({ systemId, machineId: 'site-1', serverSystemIds: [], installationPublicKey: generateInstallationKeys().publicKey }).code;

test(
  'a SQLite portal copied into PostgreSQL: the same people log on, the same systems read back, serials go on; a second copy is refused',
  { skip: !postgresBinDir() && 'PostgreSQL is not installed (initdb not found): apt-get install postgresql', timeout: 240_000 },
  async () => {
    const dataDir = tempDir('copy-sqlite');
    const systemId = `Copied-${process.pid}`;
    const sqlitePortal = await launch(dataDir);
    const endUser = await newAccount(sqlitePortal.info.url, { kind: 'end-user' });
    const partner = await newAccount(sqlitePortal.info.url, { kind: 'partner' });
    let before;
    let firstSerial;
    try {
      await partner.client.call('registerSystem', { params: { systemId }, body: registrationForm({ siteName: 'Copied House' }) });
      await partner.client.call('registerSystem', { params: { systemId }, body: { installation: { ...registrationForm().installation, siteName: 'Copied House, edited' } } });
      firstSerial = (await partner.client.call('issueCode', { params: { systemId }, body: { request: request(systemId), kind: 'register' } })).serial;
      before = await partner.client.call('systemInformation', { params: { systemId } });
    } finally {
      await sqlitePortal.stop();
    }

    const cluster = await startPgCluster();
    const databaseUrl = await cluster.createDatabase('copy');
    const copied = copy(['--data-dir', dataDir, '--database', databaseUrl]);
    assert.equal(copied.status, 0, copied.stderr);
    assert.match(copied.stdout, /Copied \d+ rows of \d+ tables from .*portal\.sqlite to postgres:\/\//);
    assert.match(copied.stdout, /the same keys folder as before/);

    // Row for row.
    const sqlite = new Database(path.join(dataDir, 'portal.sqlite'), { readonly: true });
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const tables = (sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
      assert.ok(tables.length >= 25, `${tables.length} tables`);
      for (const table of tables) {
        const inSqlite = (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
        const inPg = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]!.n;
        assert.equal(inPg, inSqlite, table);
      }
      assert.ok((sqlite.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n >= 2);
    } finally {
      sqlite.close();
    }

    const pgPortal = await launch(tempDir('copy-pg'), ['--database', databaseUrl], { PORTAL_KEYS_DIR: path.join(dataDir, 'keys') });
    try {
      const { url } = pgPortal.info;
      // An open session goes on; a password and an authenticator code log on again.
      assert.equal((await new PortalClient({ baseUrl: url, token: partner.client.token! }).call('me')).email, partner.email);
      await new PortalClient({ baseUrl: url }).call('logOn', { body: { email: endUser.email, password: PASSWORD } });
      const partnerAgain = new PortalClient({ baseUrl: url });
      partnerAgain.token = (await partnerAgain.call('logOn', { body: { email: partner.email, password: PASSWORD, mfaCode: (await nextTotp(partner.totpSecret!)).code } })).token;

      const after = await partnerAgain.call('systemInformation', { params: { systemId } });
      assert.deepEqual(after.registration, before.registration, 'the registration, its revision and System IDs');
      assert.deepEqual(after.codes, before.codes);
      assert.deepEqual(after.audit, before.audit);
      const next = await partnerAgain.call('issueCode', { params: { systemId }, body: { request: request(systemId), kind: 'register' } });
      assert.equal(next.serial, firstSerial + 1, 'the serials go on');
    } finally {
      await pgPortal.stop();
    }

    const counts = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts')).rows[0]!.n;
    const accounts = await counts();
    const again = copy(['--data-dir', dataDir, '--database', databaseUrl]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /Nothing was copied: The PostgreSQL database postgres:\/\/.* already holds portal data: .*accounts \(\d+\).* Copy into an empty database\./);
    assert.equal(await counts(), accounts, 'nothing changed');
    await db.end();

    const noTarget = copy(['--data-dir', dataDir]);
    assert.equal(noTarget.status, 2);
    assert.match(noTarget.stderr, /Give the PostgreSQL database to copy into: --database postgres:\/\//);
    const noSource = copy(['--data-dir', tempDir('copy-nothing'), '--database', databaseUrl]);
    assert.equal(noSource.status, 1);
    assert.match(noSource.stderr, /There is no SQLite portal database at .*portal\.sqlite: give the data folder of the portal to copy \(--data-dir\)\./);
    cluster.stopServer();
  },
);

test(
  'a copy killed with kill -9 in the middle leaves the PostgreSQL database empty, and the next copy makes it whole',
  { skip: !postgresBinDir() && 'PostgreSQL is not installed (initdb not found): apt-get install postgresql', timeout: 240_000 },
  async () => {
    const dataDir = tempDir('copy-killed');
    const sqlitePortal = await launch(dataDir);
    await newAccount(sqlitePortal.info.url, { kind: 'end-user' });
    await sqlitePortal.stop();
    // A long audit log, so the copy is still inside its transaction well after its first table.
    const sqlite = new Database(path.join(dataDir, 'portal.sqlite'));
    sqlite.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
      INSERT INTO audit_log (at, account_id, action, detail) SELECT '2026-12-01T00:00:00.000Z', NULL, 'bulk.entry', '{"n":' || i || '}' FROM n`).run();
    const sizes = new Map(
      (sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map(({ name }) => [
        name,
        (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
      ]),
    );
    sqlite.close();

    const cluster = await startPgCluster();
    const databaseUrl = await cluster.createDatabase('copy-killed');
    const db = new pg.Client({ connectionString: databaseUrl });
    try {
      const child = spawn(...tsNode('portal/cli.ts', ['copy-to-postgres', '--data-dir', dataDir, '--database', databaseUrl]), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      // Its first table is written: the transaction is open, and the audit log not yet done.
      while (!/^\s+\w+: \d+ rows$/m.test(out)) {
        assert.equal(child.exitCode, null, `the copy ended before it was killed:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      assert.doesNotMatch(out, /Copied \d+ rows/, 'killed before it finished');

      await db.connect();
      // PostgreSQL rolls a dead client's transaction back once it notices the connection gone.
      for (let waited = 0; ; waited += 20) {
        const { rows } = await db.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'bms-portal copy-to-postgres'`);
        if (!rows.length) break;
        assert.ok(waited < 30_000, "the killed copy's connection is still there after 30 s");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const holding = async () => {
        const tables = (await db.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`)).rows.map((r) => r.name);
        const counts = new Map<string, number>();
        for (const name of tables) counts.set(name, (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`)).rows[0]!.n);
        return counts;
      };
      const left = await holding();
      for (const [table, n] of left) if (!['schema_migrations', 'meta'].includes(table)) assert.equal(n, 0, `${table} holds nothing of the killed copy`);

      const again = copy(['--data-dir', dataDir, '--database', databaseUrl]);
      assert.equal(again.status, 0, again.stderr);
      const copied = await holding();
      for (const [table, n] of sizes) assert.equal(copied.get(table), n, `${table}: as many rows as in SQLite`);
      assert.equal(copied.get('audit_log'), sizes.get('audit_log'));
      assert.ok(sizes.get('audit_log')! >= 300_000);
    } finally {
      await db.end().catch(() => undefined);
      cluster.stopServer();
    }
  },
);
