// pg-db.ts's transactions on a real PostgreSQL: BEGIN goes with the first statements and COMMIT
// with the last, statements of a round trip are PREPAREd once per connection and EXECUTEd with
// their values written in as literals. What must hold: every value arrives exactly as the driver's
// parameters would deliver it (hostile text included), a lock taken first in a round trip is
// waited for before the reads after it take their snapshot, and a failed round trip leaves nothing
// behind, neither rows nor a connection that has lost track of what it prepared.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PgDatabase } from '../../portal/store/pg-db.js';
import { postgresBinDir, sharedPgCluster } from '../support/pg-cluster.js';

const skip = !postgresBinDir() && 'PostgreSQL is not installed (initdb not found): apt-get install postgresql';
let db: PgDatabase;

before(async () => {
  if (skip) return;
  // One connection: every transaction reuses the statements the ones before it prepared.
  db = new PgDatabase(await (await sharedPgCluster()).createDatabase('transactions'), { max: 1 });
  await db.sql.run(`CREATE TABLE t (id serial PRIMARY KEY, label text UNIQUE, n bigint, x float8, flag boolean, doc jsonb, tags text[], raw bytea)`);
});
after(() => db?.close());

const INSERT = 'INSERT INTO t (label, n, x, flag, doc, tags, raw) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id';
const ROW = 'SELECT label, n, x, flag, doc, tags, raw FROM t WHERE id = $1';

test('values in a batch arrive as the driver sends parameters: quotes, backslashes, SQL, Unicode, arrays, bytes, NULL', { skip }, async () => {
  const hostile = [
    "it's",
    "'); DROP TABLE t; --",
    'back\\slash \\x41 \\\\ E\'\\\'',
    '$1 $$ $tag$ ;',
    'tab\tnew\nline \u0001 \u007f',
    'Größe — 東京 🏢 \u202e',
    'x'.repeat(100_000),
  ];
  for (const [i, label] of hostile.entries()) {
    const values = [label, -(2 ** 53 - 1) + i, 1.5e-300, i % 2 === 0, JSON.stringify({ label, nested: ['"', '\\'] }), ['a,b', '{c}', '"d"', 'e\\f', null, label], Buffer.from([0, 1, 0xff, 0x27, 0x5c])];
    const [batched] = await db.transaction((tx) => tx.batch([{ text: INSERT, values }]));
    const [driver] = (await db.sql.all<{ id: number }>(INSERT, [`driver ${i}`, ...values.slice(1)])) as { id: number }[];
    const a = await db.sql.get<Record<string, unknown>>(ROW, [(batched!.rows[0] as { id: number }).id]);
    const b = await db.sql.get<Record<string, unknown>>(ROW, [driver!.id]);
    assert.equal(a!.label, label, `text ${i} arrives unchanged`);
    assert.deepEqual({ ...a, label: null }, { ...b, label: null }, `value set ${i}: the same as through parameters`);
  }
});

test('a NUL character is refused before anything is sent, and the transaction leaves nothing', { skip }, async () => {
  const before = (await db.sql.get<{ n: number }>('SELECT count(*) AS n FROM t'))!.n;
  await assert.rejects(
    db.transaction(async (tx) => {
      await tx.batch([{ text: INSERT, values: ['first', 1, 1, true, '{}', [], null] }]);
      // Two statements: written into the query's text (a single one goes as the driver's parameters).
      await tx.batch([
        { text: INSERT, values: ['second', 1, 1, true, '{}', [], null] },
        { text: INSERT, values: ['nul\u0000here', 1, 1, true, '{}', [], null] },
      ]);
    }),
    /NUL character/,
  );
  assert.equal((await db.sql.get<{ n: number }>('SELECT count(*) AS n FROM t'))!.n, before, 'the first insert was rolled back');
});

test('a round trip that fails after preparing: rolled back whole, and the connection goes on with its statements', { skip }, async () => {
  const fresh = 'INSERT INTO t (label) VALUES ($1) RETURNING id';
  const count = 'SELECT count(*) AS n FROM t WHERE label LIKE $1';
  // The second insert breaks the UNIQUE label: the batch and the statements left for COMMIT go.
  await assert.rejects(
    db.transaction(async (tx) => {
      tx.atCommit({ text: fresh, values: ['dup-after'] });
      await tx.batch([
        { text: fresh, values: ['dup'] },
        { text: fresh, values: ['dup'] },
      ]);
    }),
    (error: { code?: string }) => error.code === '23505',
  );
  assert.equal((await db.sql.get<{ n: number }>(count, ['dup%']))!.n, 0, 'nothing of it was written');
  // The same statements again on the same (only) connection: prepared or not, they run.
  for (let round = 0; round < 3; round++) {
    await db.transaction(async (tx) => {
      await tx.batch([{ text: fresh, values: [`dup ${round}`] }, { text: count, values: ['dup%'] }]);
      tx.atCommit({ text: fresh, values: [`dup after ${round}`] });
    });
  }
  assert.equal((await db.sql.get<{ n: number }>(count, ['dup%']))!.n, 6);
  // A failure at COMMIT's round trip (a statement left for it) rolls back what came before.
  await assert.rejects(
    db.transaction(async (tx) => {
      await tx.run(fresh, ['before commit']);
      tx.atCommit({ text: fresh, values: ['dup 0'] });
    }),
    (error: { code?: string }) => error.code === '23505',
  );
  assert.equal((await db.sql.get<{ n: number }>(count, ['before commit']))!.n, 0);
});

test('READ COMMITTED: a read after a lock in one round trip sees what the lock holder committed', { skip }, async () => {
  const two = new PgDatabase(db.url, { max: 2 });
  try {
    const { id } = (await db.sql.get<{ id: number }>(INSERT, ['counter', 0, 0, false, '{}', [], null]))!;
    const read = { text: 'SELECT n FROM t WHERE id = $1', values: [id] };
    // 20 increments at once, each reading the value and writing it plus one, under one lock: none
    // may read a value from before the previous holder's commit, so none is lost.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        two.transaction(
          async (tx) => {
            const [seen] = await tx.batch([read]);
            const n = (seen!.rows[0] as { n: number }).n;
            await new Promise((resolve) => setTimeout(resolve, 2));
            tx.atCommit({ text: 'UPDATE t SET n = $1 WHERE id = $2', values: [n + 1, id] });
          },
          { lock: 'counter', readCommitted: true },
        ),
      ),
    );
    assert.equal((await db.sql.get<{ n: number }>(read.text, read.values))!.n, 20);
  } finally {
    await two.close();
  }
});
