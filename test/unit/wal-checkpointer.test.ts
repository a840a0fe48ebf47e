// The SQLite portal's WAL checkpoints in a worker thread (portal/store/wal-checkpointer.ts), on a
// real database file: the pages written reach the database file without the writing connection
// checkpointing (its own threshold is raised far past what is written here), and if the worker
// goes away the connection checkpoints itself again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../shared/node/sqlite.js';
import { startWalCheckpointer } from '../../portal/store/wal-checkpointer.js';
import { tempDir } from '../support/processes.js';

const migrations = [{ version: 1, name: 'rows', up: (db: ReturnType<typeof openDatabase>) => db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)') }];

async function until(check: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** About 2,000 pages of rows, in 20 transactions: past SQLite's default threshold (1,000), short of the raised one (10,000). */
function write(db: ReturnType<typeof openDatabase>) {
  const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
  for (let t = 0; t < 20; t++) db.transaction(() => {
    for (let i = 0; i < 100; i++) insert.run('x'.repeat(4000));
  })();
}

test('the worker checkpoints: the rows reach the database file while the writing connection never checkpoints', async () => {
  const file = path.join(tempDir('wal-checkpointer'), 'portal.sqlite');
  const db = openDatabase(file, migrations);
  const messages: string[] = [];
  const checkpointer = startWalCheckpointer(db, file, { intervalMs: 100, log: (m) => messages.push(m) });
  try {
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 10_000, "the connection's own threshold is the safety net");
    const before = fs.statSync(file).size;
    write(db);
    assert.ok(fs.statSync(`${file}-wal`).size > 4_000_000, 'the pages went to the WAL');
    await until(() => fs.statSync(file).size > before + 4_000_000, 'the database file holding the rows');
    assert.deepEqual(messages, []);
  } finally {
    checkpointer.stop();
    db.close();
  }
});

test('a worker that cannot run hands checkpoints back to the connection, at SQLite’s default threshold, and says so', async () => {
  const file = path.join(tempDir('wal-checkpointer-gone'), 'portal.sqlite');
  const db = openDatabase(file, migrations);
  const messages: string[] = [];
  const checkpointer = startWalCheckpointer(db, file, { log: (m) => messages.push(m), workerFile: new URL('./no-such-worker.mjs', import.meta.url) });
  try {
    await until(() => messages.length > 0, 'the fallback');
    assert.match(messages[0]!, /The WAL checkpointer stopped \(.*\); the portal's own connection checkpoints again\./);
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1_000);
  } finally {
    checkpointer.stop();
    db.close();
  }
});
