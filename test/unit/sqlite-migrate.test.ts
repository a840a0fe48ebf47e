import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { NewerDatabaseError, openDatabase, type Migration } from '../../shared/node/sqlite.js';
import { companionMigrations } from '../../main/services/store/migrations/index.js';
import { portalMigrations } from '../../portal/db/migrations/index.js';
import { tempDir } from '../support/processes.js';

test('migrations run once, in order, and set user_version', () => {
  const file = path.join(tempDir('migrate'), 'a.sqlite');
  const db = openDatabase(file, companionMigrations);
  assert.equal(db.pragma('user_version', { simple: true }), companionMigrations.length);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
  // Opening again runs nothing twice (CREATE TABLE would throw).
  openDatabase(file, companionMigrations).close();
});

test('a database from a newer version is refused, not half-understood', () => {
  const file = path.join(tempDir('migrate'), 'b.sqlite');
  const raw = new Database(file);
  raw.pragma('user_version = 99');
  raw.close();
  assert.throws(() => openDatabase(file, portalMigrations), (e: unknown) => e instanceof NewerDatabaseError && /newer version/.test((e as Error).message));
});

test('a failing migration leaves the database at the version before it', () => {
  const file = path.join(tempDir('migrate'), 'c.sqlite');
  const broken: Migration[] = [
    { version: 1, name: 'ok', up: (db) => db.exec('CREATE TABLE a (x INTEGER)') },
    { version: 2, name: 'broken', up: (db) => db.exec('CREATE TABLE b (x INTEGER); THIS IS NOT SQL') },
  ];
  assert.throws(() => openDatabase(file, broken));
  const raw = new Database(file);
  assert.equal(raw.pragma('user_version', { simple: true }), 1);
  assert.equal(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()!.constructor, Object);
  assert.deepEqual(raw.prepare("SELECT name FROM sqlite_master WHERE name IN ('a', 'b') ORDER BY name").all(), [{ name: 'a' }]);
  raw.close();
});
