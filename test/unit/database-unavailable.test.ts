// Which errors mean "the database cannot be reached just now" (portal/store/database-unavailable.ts):
// answered 503 with Retry-After, where anything else is a 500 that means a bug.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { isDatabaseUnavailable } from '../../portal/store/database-unavailable.js';

const coded = (code: string) => Object.assign(new Error(code), { code });

test('SQLite: a lock held by another connection, in every extended code; not a broken constraint or a bad statement', () => {
  for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) {
    assert.equal(isDatabaseUnavailable(coded(code)), true, code);
  }
  for (const code of ['SQLITE_CONSTRAINT', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_CORRUPT', 'SQLITE_BUSYNESS', 'XSQLITE_BUSY']) {
    assert.equal(isDatabaseUnavailable(coded(code)), false, code);
  }
});

test('SQLite: the error better-sqlite3 really throws for a file another connection holds', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bms-db-unavailable-'));
  const file = path.join(dir, 'locked.sqlite');
  const holder = new Database(file);
  const other = new Database(file);
  t.after(() => {
    holder.close();
    other.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  holder.pragma('journal_mode = WAL');
  other.pragma('busy_timeout = 0');
  holder.exec('CREATE TABLE IF NOT EXISTS t (x)');
  holder.exec('BEGIN EXCLUSIVE');
  let thrown: unknown;
  try {
    other.exec('BEGIN IMMEDIATE');
  } catch (error) {
    thrown = error;
  } finally {
    holder.exec('ROLLBACK');
  }
  assert.ok(thrown, 'the second writer was refused');
  assert.equal(isDatabaseUnavailable(thrown), true, String(thrown));
});

test('PostgreSQL: connection exceptions, a server shutting down or read-only, too many connections; not a constraint or a syntax error', () => {
  for (const code of ['08006', '08001', '57P01', '57P03', '53300', '25006']) assert.equal(isDatabaseUnavailable(coded(code)), true, code);
  for (const code of ['23505', '42601', '40001', '22P02']) assert.equal(isDatabaseUnavailable(coded(code)), false, code);
});

test('a wrapped cause or one of several addresses counts; a plain error does not', () => {
  assert.equal(isDatabaseUnavailable(new Error('wrapped', { cause: coded('ECONNREFUSED') })), true);
  assert.equal(isDatabaseUnavailable(new AggregateError([new Error('x'), coded('ECONNREFUSED')])), true);
  assert.equal(isDatabaseUnavailable(new Error('Cannot read properties of undefined')), false);
  assert.equal(isDatabaseUnavailable(null), false);
});
