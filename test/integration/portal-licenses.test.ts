// Issue 13 item 6, licenses, vouchers and credits, on the running portal process
// (docs/partners.md, Licenses and credits): a portal administrator (made on the command line)
// makes license keys and vouchers, nobody else; a partner with a customer link redeems two stacked
// licenses and the timeline shows them back to back; a start date in the past, a reused, unknown or
// mistyped key, and revoked access are refused with nothing changed; 50 parallel redemptions of one
// key give exactly one; a voucher adds credits once; spending credits adds a period, and too few
// credits are refused. Checked against the SQLite file too: only hashes are kept, and every
// change is audited with its organization.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { portalRoutes, type PortalRoute } from '../../shared/portal/api.js';
import { addDays, addMonths, makeLicenseKey } from '../../shared/portal/licenses.js';
import { ROOT, portalDataArgs, startPortal, tempDir, type Started } from '../support/processes.js';
import { newAccount, refusal, type TestAccount } from '../support/portal-accounts.js';
import { organizationOf, portalSql, type PortalSql } from '../support/portal-db.js';

let portal: Started<{ url: string; dataDir: string }>;
let url: string;
/** A portal administrator (a partner account of its own organization, granted on the command line). */
let admin: TestAccount;
/** The partner under test (its first administrator), a member of it, and a partner with no link. */
let partner: TestAccount;
let member: TestAccount;
let stranger: TestAccount;
/** Customer organizations (End user administrators) that added the partner. */
let customers: TestAccount[];
let customerIds: number[];
let partnerOrgId: number;

const sql = <T>(run: (db: PortalSql) => Promise<T>): Promise<T> => portalSql(portal.info.dataDir, run);
const orgOf = (email: string) => organizationOf(portal.info.dataDir, email);
const auditOf = async (organizationId: number, action: string) =>
  (await sql((db) => db.all<{ accountId: number | null; detail: string }>('SELECT account_id AS "accountId", detail FROM audit_log WHERE organization_id = ? AND action = ? ORDER BY id', organizationId, action))).map(
    (r) => ({ accountId: r.accountId, detail: JSON.parse(r.detail) as Record<string, unknown> }),
  );
const hash = (text: string) => crypto.createHash('sha256').update(text).digest('base64url');
const licenseRow = (key: string) =>
  sql((db) =>
    db.get<{ redeemedAt: string | null; customerOrgId: number | null; startsOn: string | null }>(
      'SELECT redeemed_at AS "redeemedAt", customer_org_id AS "customerOrgId", starts_on AS "startsOn" FROM licenses WHERE key_hash = ?',
      hash(key),
    ),
  );
const ledgerCount = (organizationId: number) => sql((db) => db.value<number>('SELECT count(*) FROM credit_ledger WHERE organization_id = ?', organizationId));

const today = () => new Date().toISOString().slice(0, 10);
const cid = (i: number) => String(customerIds[i]);

async function send(route: PortalRoute, call: { params?: Record<string, string>; body?: unknown }, token: string) {
  const address = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(call.params?.[name] ?? 'x'));
  const response = await fetch(`${url}${address}`, {
    method: route.method,
    headers: { authorization: `Bearer ${token}`, ...(call.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  return { status: response.status, json: (await response.json()) as { error?: { code: string; message: string; issues?: { path: string; message: string }[] } } & Record<string, unknown> };
}

const makeKeys = async (months: number, count = 1) => (await admin.client.call('createLicenses', { body: { months, count } })).keys;
const redeem = (who: TestAccount, customer: number, key: string, startsOn = today()) =>
  who.client.call('redeemLicense', { params: { customerId: cid(customer) }, body: { key, startsOn } });
const timeline = (customer: number) => partner.client.call('customerSubscription', { params: { customerId: cid(customer) } });

before(async () => {
  portal = await startPortal(tempDir('portal-licenses'), [], { PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '100' });
  url = portal.info.url;
  let rest: TestAccount[];
  [admin, partner, member, stranger, ...rest] = await Promise.all([
    newAccount(url, { kind: 'partner', organization: `License Desk ${process.pid}` }),
    newAccount(url, { kind: 'partner', organization: `Licensed Integration ${process.pid}` }),
    newAccount(url, { kind: 'partner', organization: `Member Integration ${process.pid}` }),
    newAccount(url, { kind: 'partner', organization: `Stranger Integration ${process.pid}` }),
    ...Array.from({ length: 7 }, (_, i) => newAccount(url, { kind: 'end-user', organization: `Customer ${i} ${process.pid}` })),
  ]);
  customers = rest;
  await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['portal/cli.ts', 'admin', 'grant', admin.email, ...(await portalDataArgs(portal.info.dataDir))], { cwd: ROOT });
  const { id, partnerId } = orgOf(partner.email);
  partnerOrgId = id;
  // The member joins the partner's organization (co-worker invitations are tested elsewhere).
  await sql((db) => db.run("UPDATE accounts SET organization_id = ?, org_role = 'member' WHERE email = ?", partnerOrgId, member.email));
  for (const customer of customers) await customer.client.call('addPartner', { body: { partnerId: partnerId! } });
  customerIds = customers.map((c) => orgOf(c.email).id);
});
after(() => portal.stop());

test('only a portal administrator makes license keys and vouchers: shown once, kept as hashes, audited', async () => {
  for (const who of [partner, customers[0]!, stranger]) {
    assert.equal((await refusal(who.client.call('createLicenses', { body: { months: 12, count: 1 } }))).status, 403);
    assert.equal((await refusal(who.client.call('createVouchers', { body: { credits: 10, count: 1 } }))).status, 403);
  }
  const made = await admin.client.call('createLicenses', { body: { months: 12, count: 3 } });
  assert.equal(made.months, 12);
  assert.equal(made.keys.length, 3);
  assert.equal(new Set(made.keys).size, 3);
  for (const key of made.keys) {
    assert.match(key, /^BMSKY.(-[0-9A-HJKMNP-TV-Z]{6}){4}$/);
    assert.deepEqual(await licenseRow(key), { redeemedAt: null, customerOrgId: null, startsOn: null }, 'kept by its SHA-256');
  }
  const stored = await sql((db) => db.values<string>('SELECT key_hash FROM licenses'));
  for (const key of made.keys) assert.ok(!stored.includes(key), 'the key itself is not stored');
  for (const bad of [{ months: 0, count: 1 }, { months: 121, count: 1 }, { months: 12, count: 0 }, { months: 12, count: 101 }, { months: 1.5, count: 1 }]) {
    assert.equal((await refusal(admin.client.call('createLicenses', { body: bad }))).status, 400, JSON.stringify(bad));
  }
  const audit = await auditOf(orgOf(admin.email).id, 'license.created');
  assert.deepEqual(audit.at(-1)?.detail, { months: 12, count: 3 });
  assert.equal(audit.length, 1, 'refused requests wrote nothing');
});

test('the partner redeems two stacked licenses for a customer: the timeline shows both back to back', async () => {
  const [first, second] = [(await makeKeys(12))[0]!, (await makeKeys(6))[0]!];
  const start = today();
  const one = await redeem(partner, 0, first, start);
  assert.equal(one.stacked, false);
  assert.deepEqual([one.period.startsOn, one.period.endsOn, one.period.months, one.period.source, one.period.keyEnd], [start, addMonths(start, 12), 12, 'license', first.slice(-6)]);
  assert.equal(one.message, `License redeemed: 12 months, from ${start} to ${addDays(addMonths(start, 12), -1)}.`);
  // A start inside the timeline: the license starts when it ends, and the answer says so.
  const two = await redeem(member, 0, second, start);
  assert.equal(two.stacked, true);
  assert.equal(two.period.startsOn, addMonths(start, 12));
  assert.equal(two.period.endsOn, addMonths(addMonths(start, 12), 6));
  assert.match(two.message, new RegExp(`It starts when the current subscription ends, on ${addMonths(start, 12)}, instead of ${start}\\.$`));

  const shown = await timeline(0);
  assert.equal(shown.active, true);
  assert.equal(shown.endsOn, addMonths(addMonths(start, 12), 6));
  assert.deepEqual(
    shown.periods.map((p) => [p.startsOn, p.endsOn, p.months, p.source, p.keyEnd, p.active]),
    [
      [start, addMonths(start, 12), 12, 'license', first.slice(-6), true],
      [addMonths(start, 12), addMonths(addMonths(start, 12), 6), 6, 'license', second.slice(-6), false],
    ],
  );
  // The customer's own people see the same timeline.
  assert.deepEqual(await customers[0]!.client.call('ownSubscription'), shown);
  // Audited in both organizations; the customer's entries name the partner, not its person.
  assert.equal((await auditOf(partnerOrgId, 'license.redeemed')).length, 2);
  const customerLog = await auditOf(customerIds[0]!, 'subscription.license-redeemed');
  assert.equal(customerLog.length, 2);
  assert.ok(customerLog.every((e) => e.accountId === null && e.detail.partnerId === orgOf(partner.email).partnerId));

  // A later start than the timeline's end leaves a gap: the next license starts on its own day.
  const [third, fourth] = await makeKeys(1, 2);
  await redeem(partner, 6, third!);
  const later = addDays(today(), 60);
  const gap = await redeem(partner, 6, fourth!, later);
  assert.equal(gap.stacked, false);
  assert.deepEqual(
    gap.subscription.periods.map((p) => [p.startsOn, p.endsOn]),
    [
      [today(), addMonths(today(), 1)],
      [later, addMonths(later, 1)],
    ],
  );
});

test('a start date in the past, a reused, unknown or mistyped key: a clear refusal and nothing changed', async () => {
  const [key] = await makeKeys(3);
  const before = await timeline(1);
  const yesterday = addDays(today(), -1);
  const past = await refusal(redeem(partner, 1, key!, yesterday));
  assert.equal(past.status, 400);
  assert.equal(past.message, `The start date ${yesterday} is in the past. Choose today (${today()}, UTC) or a later date.`);
  assert.deepEqual(past.issues.map((i) => i.path), ['startsOn']);
  assert.equal((await refusal(redeem(partner, 1, key!, addDays(today(), 400)))).status, 400, 'at most a year ahead');
  assert.equal((await refusal(redeem(partner, 1, key!, '2030-02-30'))).status, 400, 'not a date');
  assert.equal((await licenseRow(key!))!.redeemedAt, null, 'the key is still unused');

  // A one-character typo: named by its group before the database is asked.
  const typo = key!.slice(0, 14) + (key![14] === '7' ? '8' : '7') + key!.slice(15);
  const mistyped = await refusal(redeem(partner, 1, typo));
  assert.equal(mistyped.status, 400);
  assert.deepEqual(mistyped.issues, [{ path: 'key', message: 'Group 3 of the license key is mistyped: compare it with the original.' }]);
  const unknown = await refusal(redeem(partner, 1, makeLicenseKey(3)));
  assert.equal(unknown.status, 404);
  assert.equal(unknown.message, 'The portal does not know this license key. Compare it with the mail it came in.');
  assert.deepEqual(await timeline(1), before, 'nothing changed');

  // Redeemed once; again, for this customer or another, it is refused.
  await redeem(partner, 1, key!.toLowerCase());
  for (const customer of [1, 2]) {
    const again = await refusal(redeem(partner, customer, key!));
    assert.equal(again.status, 409);
    assert.equal(again.message, `This license key was already redeemed, on ${today()}. Each license key is redeemed once.`);
  }
  assert.equal((await timeline(1)).periods.length, 1);
  assert.equal((await timeline(2)).periods.length, 0);
});

test('50 parallel redemptions of one key give exactly one; the 49 others are told it was redeemed', async () => {
  const [key] = await makeKeys(12);
  const token = partner.client.token!;
  const answers = await Promise.all(Array.from({ length: 50 }, () => send(portalRoutes.redeemLicense, { params: { customerId: cid(3) }, body: { key, startsOn: today() } }, token)));
  const statuses = answers.map((a) => a.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
  assert.equal(statuses.filter((s) => s === 409).length, 49, JSON.stringify(statuses));
  for (const a of answers.filter((x) => x.status === 409)) assert.match(a.json.error!.message, /^This license key was already redeemed/);
  const shown = await timeline(3);
  assert.equal(shown.periods.length, 1, 'one period, not 50');
  assert.equal((await auditOf(customerIds[3]!, 'subscription.license-redeemed')).length, 1);
});

test('revoked partner access: 403 on every license and credit route of that customer, and nothing changed', async () => {
  const [key] = await makeKeys(12);
  const [voucher] = (await admin.client.call('createVouchers', { body: { credits: 20, count: 1 } })).codes;
  await partner.client.call('redeemVoucher', { body: { code: voucher! } });
  const customer = customers[4]!;
  await customer.client.call('revokePartner', { params: { partnerId: orgOf(partner.email).partnerId! } });
  const ledger = await ledgerCount(partnerOrgId);
  const balance = (await partner.client.call('creditBalance')).balance;
  for (const attempt of [
    () => redeem(partner, 4, key!),
    () => redeem(member, 4, key!),
    () => timeline(4),
    () => partner.client.call('spendCredits', { params: { customerId: cid(4) }, body: { action: 'activate', months: 2 } }),
    () => stranger.client.call('customerSubscription', { params: { customerId: cid(4) } }),
    () => redeem(stranger, 4, key!),
  ]) {
    const refused = await refusal(attempt());
    assert.equal(refused.status, 403);
    assert.equal(refused.message, 'This customer has not given your organization access, or has revoked it.');
  }
  assert.equal((await licenseRow(key!))!.redeemedAt, null, 'the key was not used');
  assert.equal(await ledgerCount(partnerOrgId), ledger, 'no credits spent');
  assert.equal((await partner.client.call('creditBalance')).balance, balance);
  assert.deepEqual((await customer.client.call('ownSubscription')).periods, []);
  // The key still works for a customer that gave access.
  assert.equal((await redeem(partner, 2, key!)).period.months, 12);
});

test('a voucher adds credits once; spending credits adds a period; too few credits are refused with nothing changed', async () => {
  const codes = (await admin.client.call('createVouchers', { body: { credits: 10, count: 2 } })).codes;
  assert.match(codes[0]!, /^BMSVC.(-[0-9A-HJKMNP-TV-Z]{6}){4}$/);
  const start = (await partner.client.call('creditBalance')).balance;
  // Partner administrators only; customers hold no credits.
  assert.equal((await refusal(member.client.call('redeemVoucher', { body: { code: codes[0]! } }))).status, 403);
  assert.equal((await refusal(customers[5]!.client.call('redeemVoucher', { body: { code: codes[0]! } }))).status, 403);
  const asKey = await refusal(partner.client.call('redeemVoucher', { body: { code: makeLicenseKey(1) } }));
  assert.equal(asKey.status, 400);
  assert.match(asKey.message + JSON.stringify(asKey.issues), /This is a license key, not a voucher code/);

  // Ten at once: one adds its credits.
  const answers = await Promise.all(Array.from({ length: 10 }, () => send(portalRoutes.redeemVoucher, { body: { code: codes[0] } }, partner.client.token!)));
  assert.deepEqual(answers.map((a) => a.status).sort(), [201, ...Array(9).fill(409)]);
  const added = answers.find((a) => a.status === 201)!.json as { credits: number; balance: number; message: string };
  assert.deepEqual([added.credits, added.balance], [10, start + 10]);
  await partner.client.call('redeemVoucher', { body: { code: codes[1]!.toLowerCase() } });
  assert.equal((await partner.client.call('creditBalance')).balance, start + 20);
  assert.equal((await auditOf(partnerOrgId, 'voucher.redeemed')).length, 3);

  // A customer with no subscription: nothing to renew or amend; activate 3 months.
  const c = 5;
  for (const action of ['renew', 'amend'] as const) {
    assert.equal((await refusal(partner.client.call('spendCredits', { params: { customerId: cid(c) }, body: { action, months: 1 } }))).status, 409);
  }
  assert.equal((await refusal(member.client.call('spendCredits', { params: { customerId: cid(c) }, body: { action: 'activate', months: 1 } }))).status, 403, 'partner administrators spend');
  const activated = await partner.client.call('spendCredits', { params: { customerId: cid(c) }, body: { action: 'activate', months: 3 } });
  assert.deepEqual([activated.cost, activated.balance, activated.period.startsOn, activated.period.endsOn, activated.period.source, activated.period.credits], [3, start + 17, today(), addMonths(today(), 3), 'credits', 3]);
  assert.equal((await refusal(partner.client.call('spendCredits', { params: { customerId: cid(c) }, body: { action: 'activate', months: 1 } }))).status, 409, 'active already');
  const amended = await partner.client.call('spendCredits', { params: { customerId: cid(c) }, body: { action: 'amend', months: 2 } });
  assert.equal(amended.period.startsOn, addMonths(today(), 3), 'amend extends the current subscription');
  assert.equal(amended.balance, start + 15);

  // Too few credits: 409, and neither balance nor timeline changes.
  const periods = (await timeline(c)).periods;
  const tooMany = await refusal(partner.client.call('spendCredits', { params: { customerId: cid(c) }, body: { action: 'renew', months: 120 } }));
  assert.equal(tooMany.status, 409);
  assert.equal(tooMany.message, `This needs 120 credits, and your organization has ${start + 15}. Redeem a voucher first.`);
  assert.equal((await partner.client.call('creditBalance')).balance, start + 15);
  assert.deepEqual((await timeline(c)).periods, periods);

  const credits = await member.client.call('creditBalance');
  assert.equal(credits.balance, start + 15, 'every member reads the balance');
  assert.deepEqual(
    credits.history.slice(0, 4).map((e) => [e.reason, e.change, e.customerId, e.balance]),
    [
      ['amendment', -2, customerIds[c], start + 15],
      ['activation', -3, customerIds[c], start + 17],
      ['voucher', 10, null, start + 20],
      ['voucher', 10, null, start + 10],
    ],
  );
  assert.equal(credits.history[2]!.voucherEnd, codes[1]!.slice(-6));
  assert.equal(credits.balance, credits.history.reduce((sum, e) => sum + e.change, 0), 'the balance is the sum of the ledger');
});

test('a customer administrator redeems a license for their own organization; others are refused', async () => {
  const [key] = await makeKeys(2);
  assert.equal((await refusal(partner.client.call('redeemOwnLicense', { body: { key: key!, startsOn: today() } }))).status, 403);
  const own = await customers[2]!.client.call('redeemOwnLicense', { body: { key: key!, startsOn: addDays(today(), 30) } });
  assert.equal(own.period.months, 2);
  assert.equal((await auditOf(customerIds[2]!, 'subscription.license-redeemed')).at(-1)!.accountId !== null, true, "the customer's own action names its person");
  assert.equal((await refusal(partner.client.call('ownSubscription'))).status, 403);
});
