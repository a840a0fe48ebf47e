// The portal's integration tests again, on PostgreSQL: every file of test/integration that starts
// a portal (startPortal) runs in a child test runner with PORTAL_TEST_ENGINE=postgres, so each of
// its portals gets a fresh database on one throwaway PostgreSQL cluster (test/support/
// pg-cluster.ts), started here and handed to the child as PORTAL_TEST_PG_URL. The SQLite runs of
// the same files are unchanged; the few tests of SQLite-only things skip themselves there.
// Then what only PostgreSQL does: several portal instances on one database at once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { PortalClient, type PortalRequestError } from '../../main/services/portal/portal-client.js';
import { loadOrCreateKeys } from '../../portal/keys.js';
import { portalPgMigrations } from '../../portal/db/pg-migrations/index.js';
import { newAccount, registrationForm } from '../support/portal-accounts.js';
import { postgresBinDir, sharedPgCluster } from '../support/pg-cluster.js';
import { ROOT, startPortal, tempDir } from '../support/processes.js';

const HERE = path.join(ROOT, 'test', 'integration');
const SELF = path.basename(new URL(import.meta.url).pathname);

/** The files that start a portal, whatever their name. */
const files = fs
  .readdirSync(HERE)
  .filter((f) => f.endsWith('.test.ts') && f !== SELF && fs.readFileSync(path.join(HERE, f), 'utf8').includes('startPortal('))
  .sort();

test(
  `the portal's integration tests pass on PostgreSQL (${files.length} files)`,
  { skip: !postgresBinDir() && 'PostgreSQL is not installed (initdb not found): apt-get install postgresql', timeout: 45 * 60_000 },
  async () => {
    const cluster = await sharedPgCluster();
    const started = Date.now();
    // A runner of its own: without NODE_TEST_CONTEXT (set for this file by the runner that runs it), or it would skip its files.
    const { NODE_TEST_CONTEXT: _ours, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files.map((f) => path.join('test', 'integration', f))], {
      cwd: ROOT,
      env: { ...env, PORTAL_TEST_ENGINE: 'postgres', PORTAL_TEST_PG_URL: cluster.adminUrl, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    const summary = output.split('\n').filter((line) => /^ℹ (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(line));
    console.log(`PostgreSQL run: ${files.length} files in ${((Date.now() - started) / 1000).toFixed(0)} s\n${summary.join('\n')}`);
    const failed = code !== 0 || !/^ℹ fail 0$/m.test(output) || !/^ℹ cancelled 0$/m.test(output);
    if (failed) console.log(output);
    assert.ok(!failed, `the PostgreSQL run failed (exit ${code}):\n${summary.join('\n')}\n(its whole output is printed above)`);
  },
);

test(
  'two portal instances on one database: they start together and migrate once, claims across both give one owner, each mail is sent once',
  { skip: !postgresBinDir() && 'PostgreSQL is not installed (initdb not found): apt-get install postgresql', timeout: 5 * 60_000 },
  async () => {
    const url = await (await sharedPgCluster()).createDatabase('instances');
    // One set of keys for both (portal/README.md, The database), made before they start.
    const keysDir = path.join(tempDir('pg-instances-keys'), 'keys');
    loadOrCreateKeys(keysDir);
    const [a, b] = await Promise.all(
      ['a', 'b'].map((name) => startPortal(tempDir(`pg-instance-${name}`), ['--database', url], { PORTAL_KEYS_DIR: keysDir, PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '100' })),
    );
    try {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const migrations = (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
        assert.deepEqual(migrations, portalPgMigrations.map((m) => m.version), 'each migration ran once');

        // Accounts signed up on one instance log on and act on the other: sessions are in the database.
        const partners = await Promise.all(Array.from({ length: 8 }, (_, i) => newAccount((i % 2 ? b : a)!.info.url, { kind: 'partner' })));
        const systemId = `Instances-${process.pid}-${Date.now()}`;
        const claims = partners.flatMap((p) =>
          [a!, b!].map((instance) => new PortalClient({ baseUrl: instance.info.url, token: p.client.token }).call('registerSystem', { params: { systemId }, body: registrationForm() })),
        );
        const results = await Promise.allSettled(claims);
        const won = results.filter((r) => r.status === 'fulfilled');
        // One partner's first claim creates it; its second one (on the other instance) may then modify it.
        const owners = new Set(results.flatMap((r, i) => (r.status === 'fulfilled' ? [partners[Math.floor(i / 2)]!.email] : [])));
        assert.equal(owners.size, 1, `one owner across both instances, got ${owners.size}`);
        assert.ok(won.length >= 1 && won.length <= 2);
        for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as PortalRequestError).status, 403);
        const rows = (await client.query('SELECT registration_id FROM system_ids WHERE system_id = $1', [systemId])).rows;
        assert.equal(rows.length, 1, 'one registration holds the System ID');

        // Both instances drain the one mail queue: every verification mail was written once, by one of them.
        const outboxes = [a!, b!].map((instance) => instance.info.outboxDir);
        const verifications = outboxes.flatMap((dir) =>
          fs
            .readdirSync(dir)
            .filter((f) => f.endsWith('.eml'))
            .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
            .filter((eml) => /^Subject: Verify your e-mail address\r?$/m.test(eml)),
        );
        for (const p of partners) {
          assert.equal(verifications.filter((eml) => eml.includes(p.email)).length, 1, `one verification mail to ${p.email}`);
        }
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all([a!.stop(), b!.stop()]);
    }
  },
);
