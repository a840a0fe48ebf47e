// The portal as its own process: it creates and migrates its database (its SQLite file, or under
// PORTAL_TEST_ENGINE=postgres its PostgreSQL database) on first start, answers its health route,
// and starts again on the same data.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { portalSql } from '../support/portal-db.js';
import { PORTAL_TEST_ENGINE, startPortal, tempDir } from '../support/processes.js';

test('the portal starts, migrates its database and answers health', async () => {
  const dataDir = tempDir('portal-health');
  const first = await startPortal(dataDir);
  try {
    const health = (await (await fetch(`${first.info.url}/api/v1/health`)).json()) as { status: string; schema: number };
    assert.equal(health.status, 'ok');
    assert.ok(health.schema >= 1, 'schema version is at least 1');
  } finally {
    await first.stop();
  }
  let version: number;
  if (PORTAL_TEST_ENGINE === 'postgres') {
    version = (await portalSql(dataDir, (db) => db.value<number>('SELECT max(version) FROM schema_migrations')))!;
  } else {
    const file = path.join(dataDir, 'portal.sqlite');
    assert.ok(fs.existsSync(file));
    const db = new Database(file, { readonly: true });
    version = db.pragma('user_version', { simple: true }) as number;
    db.close();
  }
  assert.ok(version >= 1);
  const second = await startPortal(dataDir);
  try {
    const health = (await (await fetch(`${second.info.url}/api/v1/health`)).json()) as { schema: number };
    assert.equal(health.schema, version, 'the second start reuses the migrated database');
  } finally {
    await second.stop();
  }
});

test('a bad configuration stops the portal with a message that names the value', async () => {
  await assert.rejects(startPortal(tempDir('portal-bad'), ['--port', 'eighty']), /port/i);
});
