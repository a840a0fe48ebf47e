// The mail queue's take on PostgreSQL (store.pendingMail) with a long history: sent messages stay
// in the queue, and the take must read the unsent ones only, not walk past every sent one (it
// did, through the primary key, until migration 10's index of unsent mail).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { portalPgMigrations } from '../../portal/db/pg-migrations/index.js';
import { migratePg } from '../../portal/store/pg-db.js';
import { PENDING_MAIL } from '../../portal/store/pg-store.js';
import { postgresBinDir, sharedPgCluster } from '../support/pg-cluster.js';

type PlanNode = { 'Rows Removed by Filter'?: number; 'Actual Rows'?: number; Plans?: PlanNode[] };
const removed = (node: PlanNode): number => (node['Rows Removed by Filter'] ?? 0) + (node.Plans ?? []).reduce((sum, n) => sum + removed(n), 0);

test(
  'the take reads the unsent mail, not the history: 19,000 sent messages are not looked at',
  { skip: !postgresBinDir() && 'PostgreSQL is not installed (initdb not found): apt-get install postgresql' },
  async () => {
    const url = await (await sharedPgCluster()).createDatabase('mail-queue');
    await migratePg(url, portalPgMigrations);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO mail_queue (created_at, recipients, subject, body, next_try_at, sent_at)
         SELECT '2026-12-01T00:00:00.000Z', '["a@example.com"]', 'Subject', repeat('b', 600), 0, CASE WHEN i <= 19000 THEN '2026-12-01T00:00:01.000Z' END
         FROM generate_series(1, 20000) AS i`,
      );
      await client.query('ANALYZE mail_queue');
      await client.query(`PREPARE take(bigint, int, bigint) AS ${PENDING_MAIL}`);
      // The first runs plan for their values, later ones may use the generic plan: both are checked.
      for (let run = 1; run <= 7; run++) {
        await client.query('BEGIN');
        const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE take(1, 50, 900000)`);
        const explained = rows[0]!['QUERY PLAN'][0];
        await client.query('ROLLBACK');
        assert.equal(explained.Plan['Actual Rows'], 50, `run ${run}: 50 taken`);
        assert.ok(removed(explained.Plan) < 1000, `run ${run}: ${removed(explained.Plan)} rows read and dropped (the sent history is 19,000)`);
      }
      const taken = (await client.query<{ id: string }>(`EXECUTE take(1, 50, 900000)`)).rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      assert.deepEqual(taken, Array.from({ length: 50 }, (_, i) => 19001 + i), 'the 50 oldest unsent, in order');
    } finally {
      await client.end();
    }
  },
);
