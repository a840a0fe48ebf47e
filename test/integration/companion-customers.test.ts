// A partner's customers through the companion (issue 13 item 8), over real parts: the portal
// process and the companion's services on a real SQLite file, logged on as the Portal screen does,
// every call going through the contract's dispatcher (input checked, answer checked against the
// contract). A customer (an End user account, administrator of its organization) with a system and
// an inventory report adds the partner: read-only, the partner sees its customer and the masked
// servers, and no whole IP address nor System ID reaches the companion; with Administrator access
// it lists the registrations, reads one in full and edits it as its integrator may (a bad field
// and a locked one refused at their fields, nothing changed); revoked, the portal's refusal comes
// through with its words, for an edit too, and nothing is changed.
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { after, before, test } from 'node:test';
import { createDispatcher, type Dispatch } from '../../main/host/dispatch.js';
import { createCompanion, type Companion } from '../../main/services/index.js';
import type { CallName } from '../../shared/contract/names.js';
import type { ContractError } from '../../shared/contract/result.js';
import type { CallOutput } from '../../shared/contract/schemas.js';
import type { InventoryInput } from '../../shared/portal/inventory.js';
import { newAccount, PASSWORD, registrationForm, type TestAccount } from '../support/portal-accounts.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { inventoryServer } from '../support/inventory.js';

let portal: Started<{ url: string }>;
let companion: Companion;
let dispatch: Dispatch;
let partner: TestAccount;
let customer: TestAccount;
let partnerId: string;
let customerId: number;
const CUSTOMER_ORG = `Quayside Holdings ${process.pid}`;
const SITE_ADMIN = 'sam.admin@quayside.example';
const systemId = `ES-CUST-${process.pid}`;
const shadowIds = [`AS-CUST-${process.pid}-1`, `AS-CUST-${process.pid}-2`];
const ADDRESSES = { lead: '192.168.10.5', v6: '2001:db8:85a3::8a2e:abcd:ef01', host: 'as2.quayside.example' };

/** A call as the window makes it: through the contract, answered as a Result. */
async function call<N extends CallName>(name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { contract: result.error });
  return result.value as CallOutput<N>;
}
async function refused(name: CallName, input: unknown): Promise<ContractError> {
  const result = await dispatch(name, input);
  assert.equal(result.ok, false, `${name} should be refused`);
  return (result as { ok: false; error: ContractError }).error;
}

const server = inventoryServer;

before(async () => {
  portal = await startPortal(tempDir('cust-portal'), [], { PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '100' });
  [partner, customer] = await Promise.all([
    newAccount(portal.info.url, { kind: 'partner', organization: `Acme Controls ${process.pid}` }),
    newAccount(portal.info.url, { kind: 'end-user', name: 'Cora Customer', organization: CUSTOMER_ORG }),
  ]);
  partnerId = (await partner.client.call('me')).org!.partnerId!;
  customerId = (await customer.client.call('me')).org!.id;
  // The customer's own system, with an inventory report of three servers.
  await customer.client.call('registerSystem', { params: { systemId }, body: registrationForm({ consent: true, siteName: 'Quayside Depot', adminEmail: SITE_ADMIN }) });
  const report: InventoryInput = {
    servers: [
      server(systemId, 'lead', 'ES-Quayside', ADDRESSES.lead, 'SN-Q-LEAD'),
      server(shadowIds[0]!, 'shadow', 'AS-Dock', ADDRESSES.v6, 'SN-Q-AS1'),
      server(shadowIds[1]!, 'shadow', 'AS-Gate', ADDRESSES.host, 'SN-Q-AS2'),
    ],
  };
  await customer.client.call('reportInventory', { params: { systemId }, body: report });

  // The partner's companion, logged on as the Portal screen does (a recovery code for MFA: no wait for a TOTP step).
  companion = createCompanion({ dataDir: tempDir('cust-companion'), version: 'test', emit: () => undefined });
  dispatch = createDispatcher(companion.handlers, () => undefined);
  await call('portal.connect', { url: portal.info.url });
  await call('portal.logon', { email: partner.email, password: PASSWORD, recoveryCode: partner.recoveryCodes.shift()! });
});
after(async () => {
  companion?.close();
  await portal?.stop();
});

test('before any customer adds the partner, the list is empty and a customer number is refused', async () => {
  assert.deepEqual(await call('portal.customers.list', {}), []);
  const notYet = await refused('portal.customers.systems', { customerId });
  assert.equal(notYet.code, 'forbidden');
  assert.match(notYet.message, /has not given your organization access/);
  // Not a number the list gives: refused by the contract before the portal is asked.
  const bad = await refused('portal.customers.systems', { customerId: -3 });
  assert.equal(bad.code, 'invalid_input');
  assert.match(bad.message, /A customer is given by its number/);
});

test('read-only: the customer with its access level, and its servers masked, with no System ID and no whole address', async () => {
  await customer.client.call('addPartner', { body: { partnerId } });
  const customers = await call('portal.customers.list', {});
  assert.deepEqual(
    customers.map((c) => [c.customerId, c.name, c.administrator, c.api, c.systems]),
    [[customerId, CUSTOMER_ORG, false, false, 1]],
  );

  const view = await call('portal.customers.systems', { customerId });
  assert.equal(view.name, CUSTOMER_ORG);
  assert.equal(view.systems.length, 1);
  const system = view.systems[0]!;
  assert.deepEqual([system.status, system.country], ['confirmed', 'FR']);
  assert.ok(system.reportedAt && Date.parse(system.reportedAt) > Date.now() - 10 * 60_000, `reported just now: ${system.reportedAt}`);
  assert.deepEqual(
    system.servers.map((s) => [s.name, s.make, s.model, s.serialNumber, s.firmwareVersion, s.ipAddress]),
    [
      ['ES-Quayside', 'Schneider Electric', 'SXWSWESXXX10001', 'SN-Q-LEAD', '6.0.4', '*.*.10.5'],
      ['AS-Dock', 'Schneider Electric', 'SXWAUTSVR10001', 'SN-Q-AS1', '6.0.4', '…:abcd:ef01'],
      ['AS-Gate', 'Schneider Electric', 'SXWAUTSVR10001', 'SN-Q-AS2', '6.0.4', null],
    ],
  );
  // What reached the companion's window, whole: no System ID, no address, no person.
  const text = JSON.stringify(view);
  for (const secret of [systemId, ...shadowIds, ...Object.values(ADDRESSES), SITE_ADMIN, customer.email, 'Quayside Depot']) {
    assert.ok(!text.includes(secret), `"${secret}" in ${text}`);
  }
  const whole = text.split(/[^0-9A-Fa-f:.]+/).filter((t) => t && isIP(t.replace(/^[:.]+|[:.]+$/g, '')) !== 0);
  assert.deepEqual(whole, [], 'no whole IP address');

  // The Administrator parts are refused with the portal's reason.
  const registrations = await refused('portal.customers.registrations', { customerId });
  assert.equal(registrations.code, 'forbidden');
  assert.match(registrations.message, /read-only access\. The full registration needs Administrator access, which only the customer can grant/);
  const full = await refused('portal.customers.registration', { customerId, systemId });
  assert.equal(full.code, 'forbidden');
  assert.match(full.message, /read-only access/);
});

test('Administrator access: the registrations by System ID and site name, and one in full', async () => {
  await customer.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: true, api: true } });
  const [listed] = await call('portal.customers.list', {});
  assert.deepEqual([listed!.administrator, listed!.api], [true, true]);

  const registrations = await call('portal.customers.registrations', { customerId });
  assert.deepEqual(
    registrations.map((r) => [r.systemId, r.siteName, r.status]),
    [[systemId, 'Quayside Depot', 'confirmed']],
  );
  const full = await call('portal.customers.registration', { customerId, systemId: `  ${systemId} ` });
  assert.equal(full.systemId, systemId);
  assert.equal(full.yourRole, 'integrator');
  assert.equal(full.installation.siteName, 'Quayside Depot');
  assert.equal(full.siteAdministrator.email, SITE_ADMIN, 'the full registration, with its people');
  assert.equal(full.endUser?.email, customer.email);
  // The shared view is the same as before: Administrator access does not widen it.
  assert.ok(!JSON.stringify(await call('portal.customers.systems', { customerId })).includes(systemId));

  // A System ID that is not this customer's: the portal's 404 with its words.
  const elsewhere = await refused('portal.customers.registration', { customerId, systemId: 'NOT-A-CUSTOMER-SYSTEM' });
  assert.equal(elsewhere.code, 'not_found');
  assert.match(elsewhere.message, /System ID NOT-A-CUSTOMER-SYSTEM is not a system of this customer/);
});

/** The registration as the customer reads it on the portal, to see what an edit changed or did not. */
const customerReads = () => customer.client.call('getSystem', { params: { systemId } });
const WARRANTY = { startDate: '2025-03-01', endDate: '2028-02-29', reference: 'WR-QUAY-7', notes: 'Three years, parts and labour' };

test('Administrator access: the registration edited through the contract as its integrator may, and read back', async () => {
  const before = await call('portal.customers.registration', { customerId, systemId });
  // The customer (the end user) holds the system: installation and site administrator are locked for the integrator.
  assert.deepEqual([before.yourRole, before.integratorLocked, before.warranty], ['integrator', true, null]);

  const saved = await call('portal.customers.edit', { customerId, systemId: ` ${systemId} `, registration: { warranty: WARRANTY, expectedRevision: before.revision } });
  assert.equal(saved.systemId, systemId);
  assert.equal(saved.revision, before.revision + 1);
  assert.deepEqual(saved.warranty, WARRANTY);
  assert.deepEqual(saved.installation, before.installation, 'what was left out stays as it was');

  // Read back through the companion and as the customer reads it.
  const again = await call('portal.customers.registration', { customerId, systemId });
  assert.deepEqual([again.revision, again.warranty], [saved.revision, WARRANTY]);
  const own = await customerReads();
  assert.deepEqual([own.revision, own.warranty, own.installation.siteName], [saved.revision, WARRANTY, 'Quayside Depot']);
  // The customer's list of registrations follows.
  assert.deepEqual((await call('portal.customers.registrations', { customerId })).map((r) => [r.systemId, r.updatedAt]), [[systemId, saved.updatedAt]]);
});

test('a bad field, a locked one and a stale revision are refused, each with what to do, and nothing is changed', async () => {
  const before = await customerReads();
  // The warranty ending before it starts: refused by the contract at its field, before the portal is asked.
  const bad = await refused('portal.customers.edit', {
    customerId,
    systemId,
    registration: { warranty: { ...WARRANTY, startDate: '2026-01-01', endDate: '2025-01-01' }, expectedRevision: before.revision },
  });
  assert.equal(bad.code, 'invalid_input');
  assert.deepEqual(bad.issues, [{ path: 'registration.warranty.endDate', message: 'The warranty cannot end before it starts.' }]);

  // Installation data the end user holds now: the portal refuses it at its field, with its reason.
  const locked = await refused('portal.customers.edit', {
    customerId,
    systemId,
    registration: { installation: { ...before.installation, siteName: 'Quayside Renamed' }, warranty: { ...WARRANTY, reference: 'WR-LOCKED' }, expectedRevision: before.revision },
  });
  assert.equal(locked.code, 'forbidden');
  assert.match(locked.message, /installation and site administrator data are theirs to change now/);
  assert.deepEqual(locked.issues, [{ path: 'installation', message: 'Locked for the integrator.' }]);

  // A form filled from an older revision: refused, not overwriting.
  const stale = await refused('portal.customers.edit', { customerId, systemId, registration: { warranty: { ...WARRANTY, reference: 'WR-STALE' }, expectedRevision: before.revision - 1 } });
  assert.equal(stale.code, 'conflict');
  assert.match(stale.message, /changed by someone else since you opened it/);

  const after = await customerReads();
  assert.deepEqual([after.revision, after.updatedAt, after.warranty, after.installation], [before.revision, before.updatedAt, before.warranty, before.installation], 'nothing changed');
});

test('access revoked meanwhile: every customer call is refused with the portal\'s words, and the customer leaves the list', async () => {
  const before = await customerReads();
  await customer.client.call('revokePartner', { params: { partnerId } });
  for (const [name, input] of [
    ['portal.customers.systems', { customerId }],
    ['portal.customers.registrations', { customerId }],
    ['portal.customers.registration', { customerId, systemId }],
    ['portal.customers.edit', { customerId, systemId, registration: { warranty: { ...WARRANTY, reference: 'WR-REVOKED' } } }],
  ] as const) {
    const error = await refused(name, input);
    assert.equal(error.code, 'forbidden', name);
    assert.equal(error.message, 'This customer has not given your organization access, or has revoked it.', name);
  }
  assert.deepEqual(await call('portal.customers.list', {}), []);
  // The edit refused changed nothing.
  const own = await customerReads();
  assert.deepEqual([own.revision, own.updatedAt, own.warranty], [before.revision, before.updatedAt, WARRANTY]);
  // The session is kept: a refusal about one customer is not a log-off.
  assert.equal((await call('portal.session', {})).account?.email, partner.email);
});

test('an End user account is told that customers are for partners', async () => {
  const other = createCompanion({ dataDir: tempDir('cust-enduser'), version: 'test', emit: () => undefined });
  try {
    const d = createDispatcher(other.handlers, () => undefined);
    await d('portal.connect', { url: portal.info.url });
    const logon = await d('portal.logon', { email: customer.email, password: PASSWORD });
    assert.equal(logon.ok, true);
    const result = await d('portal.customers.list', {});
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && [result.error.code, result.error.message], ['forbidden', 'Only the people of a partner organization can see customers.']);
  } finally {
    other.close();
  }
});
