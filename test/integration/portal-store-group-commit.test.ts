// The SQLite store's group commit (portal/store/sqlite-store.ts, decide): decisions asked for at
// once are written in one transaction, each in a savepoint, in the order they came. On a real
// database file: each sees the ones before it (two claims of one new System ID: the second finds
// the first's registration), one that throws is rolled back alone and its caller gets its error,
// and every other is committed, in the file, when its caller hears back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { portalMigrations } from '../../portal/db/migrations/index.js';
import { sqliteStore } from '../../portal/store/sqlite-store.js';
import type { Decision, Found, PortalStore, RegistrationFields } from '../../portal/store/store.js';
import { openDatabase } from '../../shared/node/sqlite.js';
import { registrationForm } from '../support/portal-accounts.js';
import { tempDir } from '../support/processes.js';

const fields = (siteName: string): RegistrationFields => {
  const form = registrationForm({ siteName });
  return {
    installation: form.installation,
    siteAdministrator: form.siteAdministrator,
    warranty: null,
    consent: { shareSystemInformation: { given: false, at: null, by: null }, sharePersonalInformation: { given: false, at: null, by: null } },
  } as RegistrationFields;
};

test('decisions asked for at once: in order, each seeing the ones before, a refusal rolled back alone, the rest committed', async (t) => {
  const dir = tempDir('portal-group-commit');
  const file = path.join(dir, 'portal.sqlite');
  const store: PortalStore = sqliteStore(openDatabase(file, portalMigrations));
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const now = new Date().toISOString();
  const owner = await store.createAccount({
    email: 'group@commit.example', kind: 'end-user', name: 'Group', organization: '', passwordHash: 'x', createdAt: now,
    joining: { create: { kind: 'customer', name: 'Group', partnerId: null, partnerIdGiven: false } },
  });
  assert.ok(typeof owner === 'object' && 'id' in owner);

  // Another connection, to see what is committed while the group runs.
  const outside = new Database(file, { readonly: true });
  t.after(() => outside.close());
  const committed = () => (outside.prepare('SELECT system_id FROM system_ids ORDER BY system_id').all() as { system_id: string }[]).map((r) => r.system_id);
  const seen: (string | null)[] = [];
  const committedWhileRunning: string[][] = [];
  const claim = (systemId: string, siteName: string) =>
    store.decide(systemId, now, (found: Found | null): Decision => {
      seen.push(found ? `${systemId}: found ${found.state.installation.siteName}` : `${systemId}: new`);
      committedWhileRunning.push(committed());
      if (found) return { change: { kind: 'none' } };
      return {
        change: { kind: 'create', systemId, integratorId: null, endUserId: owner.id, endUserEdited: true, fields: fields(siteName) },
        audit: { accountId: owner.id, action: 'system.registered', detail: { systemId } },
      };
    });
  const refuse = () =>
    store.decide('GROUP-REFUSED', now, () => {
      seen.push('GROUP-REFUSED: refusing');
      throw new Error('refused on purpose');
    });
  // All asked for before any is answered: one group.
  const results = await Promise.allSettled([claim('GROUP-A', 'First A'), claim('GROUP-B', 'Only B'), refuse(), claim('GROUP-A', 'Second A'), claim('GROUP-C', 'Only C')]);

  assert.deepEqual(seen, ['GROUP-A: new', 'GROUP-B: new', 'GROUP-REFUSED: refusing', 'GROUP-A: found First A', 'GROUP-C: new'], 'in the order asked, each seeing the ones before');
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  assert.equal(((results[2] as PromiseRejectedResult).reason as Error).message, 'refused on purpose');
  assert.deepEqual(committedWhileRunning, [[], [], [], []], 'one transaction: nothing of the group was committed while it ran');
  const after = (i: number) => (results[i] as PromiseFulfilledResult<Awaited<ReturnType<PortalStore['decide']>>>).value.after;
  assert.equal(after(3)?.id, after(0)?.id, 'the second claim of A answered with the first one’s registration');

  // In the file, for another connection, once the callers have their answers.
  const reader = new Database(file, { readonly: true });
  try {
    const ids = (reader.prepare('SELECT system_id FROM system_ids ORDER BY system_id').all() as { system_id: string }[]).map((r) => r.system_id);
    assert.deepEqual(ids, ['GROUP-A', 'GROUP-B', 'GROUP-C'], 'the refused one wrote nothing');
    const audited = (reader.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'system.registered'`).get() as { n: number }).n;
    assert.equal(audited, 3);
  } finally {
    reader.close();
  }

  // A later decision is a group of its own and sees them all.
  const later = await store.decide('GROUP-B', now, (found) => {
    assert.equal(found?.state.installation.siteName, 'Only B');
    return { change: { kind: 'none' } };
  });
  assert.equal(later.after?.installation.siteName, 'Only B');
});
