// An account's systems on the running portal process, at the size a large partner has: 5,000
// systems seeded straight into the database file before the portal starts (test/support/
// portal-seed.ts, through the portal's own service), then read page by page through the API:
// totals, pages disjoint and complete under every sort order, search, bad query parameters
// refused by name, each account seeing only its own systems, and the list following edits.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Country } from 'country-state-city';
import path from 'node:path';
import { PortalClient } from '../../main/services/portal/portal-client.js';
import { portalMigrations } from '../../portal/db/migrations/index.js';
import { sqliteStore } from '../../portal/store/sqlite-store.js';
import { openDatabase } from '../../shared/node/sqlite.js';
import { SYSTEM_SORTS, type SystemSummary } from '../../shared/portal/systems.js';
import { newAccount, registrationForm, type TestAccount } from '../support/portal-accounts.js';
import { seedSystems, type SeededSystem } from '../support/portal-seed.js';
import { PORTAL_TEST_ENGINE, startPortal, tempDir, type Started } from '../support/processes.js';

const COUNT = 5000;
const OTHER_COUNT = 30;

let portal: Started<{ url: string }>;
let url: string;
let partner: PortalClient;
let otherPartner: PortalClient;
let endUser: PortalClient;
let seeded: SeededSystem[];

before(async () => {
  const dataDir = tempDir('portal-list');
  const first = await startPortal(dataDir);
  const accounts: TestAccount[] = await Promise.all([
    newAccount(first.info.url, { kind: 'partner', organization: 'Acme Integration' }),
    newAccount(first.info.url, { kind: 'partner', organization: 'Rival Controls' }),
    newAccount(first.info.url, { kind: 'end-user' }),
  ]);
  await first.stop();
  seeded = await seedSystems(dataDir, { integratorEmail: accounts[0]!.email, endUserEmail: accounts[2]!.email, count: COUNT, prefix: 'LIST-A' });
  await seedSystems(dataDir, { integratorEmail: accounts[1]!.email, count: OTHER_COUNT, prefix: 'LIST-B' });
  portal = await startPortal(dataDir);
  url = portal.info.url;
  // The sessions opened before the restart are in the database: still valid.
  const client = (a: TestAccount) => new PortalClient({ baseUrl: url, token: a.client.token });
  [partner, otherPartner, endUser] = [client(accounts[0]!), client(accounts[1]!), client(accounts[2]!)];
});
after(() => portal?.stop());

type Query = { q?: string; sort?: (typeof SYSTEM_SORTS)[number]; order?: 'asc' | 'desc' };

/** Every page of a listing, 200 at a time (the most a page holds), each checked as it comes. */
async function allPages(client: PortalClient, query: Query = {}) {
  const items: SystemSummary[] = [];
  let total = -1;
  for (let offset = 0; total < 0 || offset < total; offset += 200) {
    const page = await client.call('listSystems', { query: { ...query, offset, limit: 200 } });
    if (total < 0) total = page.total;
    assert.equal(page.total, total, 'the total is the same on every page');
    assert.equal(page.offset, offset);
    assert.equal(page.items.length, Math.min(200, total - offset), `page at ${offset} is full up to the total`);
    items.push(...page.items);
  }
  return { total, items };
}

// SQLite's NOCASE folds ASCII letters only; other characters compare by code point.
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const keyOf: Record<(typeof SYSTEM_SORTS)[number], (s: SystemSummary) => string> = {
  systemId: (s) => nocase(s.systemId),
  siteName: (s) => nocase(s.siteName),
  city: (s) => nocase(s.city),
  country: (s) => s.country,
  status: (s) => s.status,
  updatedAt: (s) => s.updatedAt,
};

function assertOrdered(items: SystemSummary[], sort: (typeof SYSTEM_SORTS)[number], order: 'asc' | 'desc') {
  const sign = order === 'asc' ? 1 : -1;
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1]!, items[i]!];
    const [ka, kb] = [keyOf[sort](a), keyOf[sort](b)];
    const byKey = ka < kb ? -1 : ka > kb ? 1 : 0;
    const cmp = byKey !== 0 ? byKey : a.registrationId - b.registrationId;
    assert.ok(cmp * sign < 0, `${sort} ${order}: item ${i - 1} (${a.systemId}, ${ka}) must come before item ${i} (${b.systemId}, ${kb})`);
  }
}

test('5,000 systems: the total, and pages that are disjoint and complete, newest change first by default', async () => {
  const first = await partner.call('listSystems');
  assert.equal(first.total, COUNT);
  assert.deepEqual([first.offset, first.limit, first.items.length], [0, 50, 50], 'default page: the first 50');
  const { items } = await allPages(partner);
  const ids = items.map((s) => s.systemId);
  assert.equal(new Set(ids).size, COUNT, 'no system on two pages');
  assert.deepEqual(new Set(ids), new Set(seeded.map((s) => s.systemId)), 'every system on some page');
  assertOrdered(items, 'updatedAt', 'desc');
  assert.deepEqual(first.items, items.slice(0, 50), 'the default page is the first of the default order');
  const sample = items.find((s) => s.systemId === 'LIST-A-10')!;
  const seed = seeded[10]!;
  assert.deepEqual(
    { siteName: sample.siteName, city: sample.city, country: sample.country, status: sample.status, delivery: sample.delivery, yourRole: sample.yourRole },
    { siteName: seed.siteName, city: seed.city, country: seed.country, status: 'confirmed', delivery: null, yourRole: 'integrator' },
  );
});

test('every sort key, both orders: stable pages (ties broken by registration), confirmed before pending', async () => {
  for (const sort of SYSTEM_SORTS) {
    for (const order of ['asc', 'desc'] as const) {
      const { total, items } = await allPages(partner, { sort, order });
      assert.equal(total, COUNT);
      assert.equal(new Set(items.map((s) => s.systemId)).size, COUNT, `${sort} ${order}: disjoint pages`);
      assertOrdered(items, sort, order);
    }
  }
  const byStatus = await partner.call('listSystems', { query: { sort: 'status', order: 'asc', limit: 200 } });
  assert.ok(byStatus.items.every((s) => s.status === 'confirmed'), 'confirmed first');
  const tail = await partner.call('listSystems', { query: { sort: 'status', order: 'asc', offset: COUNT - 10 } });
  assert.ok(tail.items.every((s) => s.status === 'pending-consent'), 'pending consent last');
});

test('search: case-insensitive substring of System ID, site name, city and country (code or name), also beyond ASCII', async () => {
  const matches = (needle: string) =>
    seeded.filter((s) => [s.systemId, s.siteName, s.city, s.country, Country.getCountryByCode(s.country)!.name].some((f) => f.toLowerCase().includes(needle.toLowerCase())));
  for (const q of ['NORTH', 'LIST-A-499', 'list-a-4999', 'spain', 'ALCALÁ', 'hÜndli', 'zz-nothing', '%', '_']) {
    const expected = matches(q).map((s) => s.systemId);
    const { total, items } = await allPages(partner, { q });
    assert.equal(total, expected.length, `"${q}": ${expected.length} systems`);
    assert.deepEqual(new Set(items.map((s) => s.systemId)), new Set(expected), `"${q}": exactly the matching systems`);
  }
  assert.equal((await partner.call('listSystems', { query: { q: 'list-a-4999' } })).total, 1);
  assert.ok(matches('ALCALÁ').length > 0 && matches('spain').length > 0, 'the seed has what these searches look for');
  // A search typed with a combining accent (NFD) finds what was stored composed, as System IDs compare.
  const composed = (await partner.call('listSystems', { query: { q: 'ALCALÁ', limit: 200 } })).total;
  assert.equal((await partner.call('listSystems', { query: { q: 'ALCALÁ'.normalize('NFD'), limit: 200 } })).total, composed);
});

test('bad query parameters get a 400 naming the parameter', async () => {
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${partner.token}` } });
    return { status: response.status, body: (await response.json()) as { error: { code: string; message: string; issues?: { path: string; message: string }[] } } };
  };
  const cases: [string, string, RegExp][] = [
    ['?limit=0', 'limit', /1 to 200/],
    ['?limit=201', 'limit', /1 to 200/],
    ['?limit=ten', 'limit', /whole number/],
    ['?offset=-1', 'offset', /whole number/],
    ['?sort=name', 'sort', /Sort by systemId/],
    ['?order=up', 'order', /asc or desc/],
    ['?page=2', 'page', /Unknown parameter "page"/],
    ['?limit=10&limit=20', 'limit', /once/],
    [`?q=${'x'.repeat(129)}`, 'q', /128/],
  ];
  for (const [query, parameter, message] of cases) {
    const { status, body } = await get(`/api/v1/systems${query}`);
    assert.equal(status, 400, query);
    assert.equal(body.error.code, 'invalid_input', query);
    assert.deepEqual(body.error.issues?.map((i) => i.path), [parameter], query);
    assert.match(body.error.issues![0]!.message, message, query);
  }
  const noQuery = await get('/api/v1/me?verbose=1');
  assert.equal(noQuery.status, 400, 'a route without query parameters refuses them');
  assert.deepEqual(noQuery.body.error.issues?.map((i) => i.path), ['verbose']);
  assert.equal((await get('/api/v1/systems?limit=5&sort=city&order=asc&q=north&offset=5')).status, 200, 'all of them right: answered');
});

test('each account sees only its own systems, in its own place', async () => {
  const other = await allPages(otherPartner);
  assert.equal(other.total, OTHER_COUNT);
  assert.ok(other.items.every((s) => s.systemId.startsWith('LIST-B-') && s.yourRole === 'integrator'));
  assert.equal((await otherPartner.call('listSystems', { query: { q: 'LIST-A' } })).total, 0, "another partner's systems are not found by search either");
  assert.equal((await partner.call('listSystems', { query: { q: 'LIST-B' } })).total, 0);
  const own = await allPages(endUser);
  const confirmed = seeded.filter((s) => s.confirmed).map((s) => s.systemId);
  assert.equal(own.total, confirmed.length);
  assert.deepEqual(new Set(own.items.map((s) => s.systemId)), new Set(confirmed));
  assert.ok(own.items.every((s) => s.yourRole === 'end-user' && s.status === 'confirmed'));
});

test('the list follows every write: a new site name, a new System ID, a new registration', async () => {
  // LIST-A-1 has no end user, so its integrator may still edit it.
  const systemId = 'LIST-A-1';
  await partner.call('registerSystem', { params: { systemId }, body: { installation: { ...registrationForm().installation, siteName: 'Renamed Quay Tower' } } });
  const top = (await partner.call('listSystems', { query: { limit: 1 } })).items[0]!;
  assert.deepEqual([top.systemId, top.siteName, top.city], [systemId, 'Renamed Quay Tower', 'Paris'], 'newest change first, with its new fields');
  await partner.call('associateSystemId', { params: { systemId }, body: { newSystemId: 'LIST-A-1-NEW' } });
  const found = await partner.call('listSystems', { query: { q: 'renamed quay' } });
  assert.deepEqual(found.items.map((s) => s.systemId), ['LIST-A-1-NEW'], 'the current System ID is listed');
  await partner.call('registerSystem', { params: { systemId: 'LIST-A-EXTRA' }, body: registrationForm({ siteName: 'Extra' }) });
  assert.equal((await partner.call('listSystems')).total, COUNT + 1);
});

test('a database of the version before is migrated with its systems listed: current System ID, fields, status, delivery', { skip: PORTAL_TEST_ENGINE === 'postgres' && 'migrates an old SQLite file: SQLite only (no PostgreSQL database predates the PostgreSQL engine)' }, async () => {
  const file = path.join(tempDir('portal-backfill'), 'portal.sqlite');
  const old = openDatabase(file, portalMigrations.slice(0, 3));
  const now = '2025-05-01T10:00:00.000Z';
  old.prepare(`INSERT INTO accounts (id, email, kind, name, organization, password_hash, created_at, password_changed_at) VALUES (1, 'p@example.com', 'partner', 'P', 'Org', 'x', ?, ?)`).run(now, now);
  const form = registrationForm({ siteName: 'Zürich Depot' });
  const consent = (given: boolean) => JSON.stringify({ shareSystemInformation: { given, at: null, by: null }, sharePersonalInformation: { given, at: null, by: null } });
  const insert = old.prepare(
    `INSERT INTO registrations (id, integrator_id, installation, site_administrator, consent, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?)`,
  );
  insert.run(1, JSON.stringify({ ...form.installation, country: 'CH', state: 'ZH', city: 'Adliswil' }), JSON.stringify(form.siteAdministrator), consent(true), now, now);
  insert.run(2, JSON.stringify(form.installation), JSON.stringify(form.siteAdministrator), consent(false), now, '2025-05-02T10:00:00.000Z');
  old.prepare(`INSERT INTO system_ids (system_id, registration_id, associated_at, replaced_at) VALUES ('OLD-1', 1, ?, '2025-05-01T11:00:00.000Z'), ('NEW-1', 1, '2025-05-01T11:00:00.000Z', NULL), ('ONLY-2', 2, ?, NULL)`).run(now, now);
  old.prepare(
    `INSERT INTO issued_codes (registration_id, kind, system_id, request_digest, request_code, registration_code, token, issued_by, issued_at, valid_until) VALUES (1, 'register', 'NEW-1', 'd', 'r', 'c', 't', 1, ?, ?)`,
  ).run(now, now);
  old.prepare(`INSERT INTO mail_queue (created_at, recipients, subject, body) VALUES (?, '[]', 's', 'b')`).run(now);
  old.close();

  const store = sqliteStore(openDatabase(file, portalMigrations));
  try {
    assert.equal(await store.schemaVersion(), portalMigrations.length);
    const page = await store.listSystems({ accountId: 1, role: 'integrator' }, { sort: 'updatedAt', order: 'desc', offset: 0, limit: 50 });
    assert.equal(page.total, 2);
    assert.deepEqual(
      page.items.map((s) => [s.systemId, s.siteName, s.city, s.country, s.status, s.delivery]),
      [
        ['ONLY-2', 'Zürich Depot', 'Paris', 'FR', 'pending-consent', null],
        ['NEW-1', 'Zürich Depot', 'Adliswil', 'CH', 'confirmed', 'offline'],
      ],
    );
    const found = await store.listSystems({ accountId: 1, role: 'integrator' }, { q: 'ZÜRICH depot', sort: 'systemId', order: 'asc', offset: 0, limit: 50 });
    assert.deepEqual(found.items.map((s) => s.systemId), ['NEW-1', 'ONLY-2'], 'the backfilled search text ignores case beyond ASCII');
    assert.equal((await store.listSystems({ accountId: 1, role: 'integrator' }, { q: 'switzerland', sort: 'systemId', order: 'asc', offset: 0, limit: 50 })).total, 1);
    assert.deepEqual(await store.mailOf(1), [], 'mail queued before the migration is about no registration');
  } finally {
    store.close();
  }
});
