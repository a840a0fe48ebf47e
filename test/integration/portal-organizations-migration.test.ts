// Schema 7 gives every account made before organizations an organization of its own, as its
// administrator; partners get the Partner ID their name proposes, unique.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../shared/node/sqlite.js';
import { portalMigrations } from '../../portal/db/migrations/index.js';

test('accounts from schema 6 each get an organization, partners a unique Partner ID', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'portal-orgs-')), 'portal.sqlite');
  const old = openDatabase(file, portalMigrations.slice(0, 6));
  const add = old.prepare("INSERT INTO accounts (email, kind, name, organization, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, 'x', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
  add.run('a@example.test', 'partner', 'Ann', 'Acme, Inc.');
  add.run('b@example.test', 'partner', 'Bob', 'ACME Inc');
  add.run('c@example.test', 'partner', 'Chloé', '');
  add.run('d@example.test', 'end-user', 'Dan', 'Dan’s Shop');
  add.run('e@example.test', 'branch', 'Eve', 'Vendor Branch');
  add.run('f@example.test', 'partner', '—', '!!!');
  old.close();

  const db = openDatabase(file, portalMigrations);
  const rows = db
    .prepare('SELECT a.email, a.org_role AS role, o.kind, o.name, o.partner_id AS partnerId FROM accounts a JOIN organizations o ON o.id = a.organization_id ORDER BY a.id')
    .all();
  db.close();
  assert.deepEqual(rows, [
    { email: 'a@example.test', role: 'administrator', kind: 'partner', name: 'Acme, Inc.', partnerId: 'ACME_INC' },
    { email: 'b@example.test', role: 'administrator', kind: 'partner', name: 'ACME Inc', partnerId: 'ACME_INC_2' },
    { email: 'c@example.test', role: 'administrator', kind: 'partner', name: 'Chloé', partnerId: 'CHLOE' },
    { email: 'd@example.test', role: 'administrator', kind: 'customer', name: 'Dan’s Shop', partnerId: null },
    { email: 'e@example.test', role: 'administrator', kind: 'branch', name: 'Vendor Branch', partnerId: null },
    { email: 'f@example.test', role: 'administrator', kind: 'partner', name: '!!!', partnerId: 'PARTNER_6' },
  ]);
});
