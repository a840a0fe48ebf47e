// Customers and partner access on the running portal process (docs/partners.md): a customer finds
// and adds a partner by Partner ID; the partner sees the customer's systems in the read-only view
// (masked IP addresses, no person, no System ID) and nothing more, whatever route it calls;
// Administrator access gives the full registration, editable as its integrator; a revoked partner
// is refused on its very next request; API keys read the same view until revoked or until the
// customer turns API access off; customer invitation links work once; non-administrators and
// partner sessions without MFA are refused; every change is audited with its organization.
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { after, before, test } from 'node:test';
import { portalRoutes, type PortalRoute } from '../../shared/portal/api.js';
import type { InventoryInput } from '../../shared/portal/inventory.js';
import { PortalClient } from '../../main/services/portal/portal-client.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { PASSWORD, newAccount, registrationForm, refusal, uniqueEmail, type TestAccount } from '../support/portal-accounts.js';
import { linkIn, outboxMailbox, verifyAddress } from '../support/portal-mail.js';
import { inventoryServer } from '../support/inventory.js';
import { organizationOf, portalSql, type PortalSql } from '../support/portal-db.js';

let portal: Started<{ url: string; dataDir: string; outboxDir: string }>;
let url: string;

/** The partner organization under test (its first administrator), and one with no link to anyone. */
let partner: TestAccount;
let stranger: TestAccount;
/** The customer organization's administrator (an End user account), who holds the customer's system. */
let customer: TestAccount;
const PARTNER_PERSON = 'Pat Partnerperson';
const CUSTOMER_PERSON = 'Cora Customerperson';
const CUSTOMER_ORG = `Harbour Holdings ${process.pid}`;
const SITE_ADMIN = 'sam.admin@harbour.example';
const SITE_CONTACT = 'facilities@harbour.example';

let partnerId: string;
let customerId: number;
let systemId: string;

/** The addresses the customer's servers were reported at: none of them may reach a partner whole. */
const ADDRESSES = { v4: '192.168.10.5', v6: '2001:db8:85a3::8a2e:abcd:ef01', v4port: '10.20.30.40:443', mapped: '::ffff:172.16.5.9', host: 'es2.harbour.example' };

const sql = <T>(run: (db: PortalSql) => Promise<T>): Promise<T> => portalSql(portal.info.dataDir, run);
const orgOf = (email: string) => organizationOf(portal.info.dataDir, email);
/** Puts an account into an organization as a member (co-worker invitations are another part's). */
const joinAsMember = (email: string, organizationId: number) => sql((db) => db.run("UPDATE accounts SET organization_id = ?, org_role = 'member' WHERE email = ?", organizationId, email));
const auditOf = (organizationId: number) => sql((db) => db.all<{ action: string; detail: string }>('SELECT action, detail FROM audit_log WHERE organization_id = ? ORDER BY id', organizationId));

let n = 0;
const newId = (what: string) => `${what}-${process.pid}-${++n}-Pa`;

const server = inventoryServer;

before(async () => {
  portal = await startPortal(tempDir('portal-partner-access'), [], { PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '100' });
  url = portal.info.url;
  [partner, stranger, customer] = await Promise.all([
    newAccount(url, { kind: 'partner', name: PARTNER_PERSON, organization: `Acme Integration ${process.pid}` }),
    newAccount(url, { kind: 'partner', organization: `Stranger Integration ${process.pid}` }),
    newAccount(url, { kind: 'end-user', name: CUSTOMER_PERSON, organization: CUSTOMER_ORG }),
  ]);
  partnerId = orgOf(partner.email).partnerId!;
  customerId = orgOf(customer.email).id;
  // The customer's own system (its end user is the customer's administrator), with an inventory.
  systemId = newId('ES');
  await customer.client.call('registerSystem', { params: { systemId }, body: registrationForm({ consent: true, adminEmail: SITE_ADMIN }) });
  const shadows = [newId('AS'), newId('AS'), newId('AS'), newId('AS')];
  const report: InventoryInput = {
    servers: [
      server(systemId, 'lead', 'ES-Harbour', ADDRESSES.v4, 'SN-LEAD-1'),
      server(shadows[0]!, 'shadow', 'AS-North', ADDRESSES.v6, 'SN-AS-1'),
      server(shadows[1]!, 'shadow', 'AS-South', ADDRESSES.v4port, 'SN-AS-2'),
      server(shadows[2]!, 'shadow', 'AS-East', ADDRESSES.mapped, 'SN-AS-3'),
      server(shadows[3]!, 'shadow', 'AS-West', ADDRESSES.host, 'SN-AS-4'),
    ],
  };
  await customer.client.call('reportInventory', { params: { systemId }, body: report });
});
after(() => portal.stop());

/** Anything in a raw answer that is a whole IPv4 or IPv6 address, or one of the reported ones. */
function fullAddresses(text: string): string[] {
  const tokens = text.split(/[^0-9A-Fa-f:.]+/).flatMap((t) => [t, t.replace(/^[:.]+|[:.]+$/g, '')]);
  const found = tokens.filter((t) => t && isIP(t) !== 0);
  const dotted = [...text.matchAll(/(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g)].map((m) => m[0]);
  const reported = Object.values(ADDRESSES).filter((a) => text.includes(a));
  return [...new Set([...found, ...dotted, ...reported])];
}
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

async function send(route: PortalRoute, call: { params?: Record<string, string | number>; body?: unknown }, token?: string) {
  const address = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(call.params?.[name] ?? 'x')));
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${address}`, { method: route.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
  return { status: response.status, text: await response.text() };
}

const link = (who: TestAccount = partner) => who.client.call('customerSystems', { params: { customerId: String(customerId) } });

test('a customer finds its partner by Partner ID and adds it read-only; the partner sees the masked inventory and nothing of the people', async () => {
  const found = await customer.client.call('findPartner', { params: { partnerId } });
  assert.deepEqual(found, { partnerId, name: `Acme Integration ${process.pid}`, contact: { name: PARTNER_PERSON, email: partner.email } });
  const unknown = await refusal(customer.client.call('findPartner', { params: { partnerId: 'NO_SUCH_PARTNER_ID' } }));
  assert.equal(unknown.status, 404);
  assert.match(unknown.message, /No partner has the Partner ID NO_SUCH_PARTNER_ID/);
  assert.equal((await refusal(customer.client.call('findPartner', { params: { partnerId: 'lower case' } }))).status, 400);

  assert.equal((await refusal(link())).status, 403, 'no access before the customer adds the partner');
  const added = await customer.client.call('addPartner', { body: { partnerId } });
  assert.equal(added.partnerId, partnerId);
  assert.equal(added.administrator, false, 'read-only by default');
  assert.equal(added.api, false);
  const again = await refusal(customer.client.call('addPartner', { body: { partnerId } }));
  assert.equal(again.status, 409);
  assert.match(again.message, /one of your partners already/);
  assert.deepEqual((await customer.client.call('listPartners')).map((p) => [p.partnerId, p.administrator, p.api]), [[partnerId, false, false]]);

  const customers = await partner.client.call('listCustomers');
  assert.deepEqual(
    customers.map((c) => [c.customerId, c.name, c.administrator, c.api, c.systems]),
    [[customerId, CUSTOMER_ORG, false, false, 1]],
  );

  const view = await link();
  assert.equal(view.customerId, customerId);
  assert.equal(view.systems.length, 1);
  const [system] = view.systems;
  assert.equal(system!.status, 'confirmed');
  assert.equal(system!.country, 'FR');
  assert.deepEqual(Object.keys(system!).sort(), ['country', 'registrationId', 'reportedAt', 'servers', 'status']);
  assert.deepEqual(
    system!.servers.map((s) => [s.name, s.make, s.model, s.serialNumber, s.firmwareVersion, s.ipAddress]),
    [
      ['ES-Harbour', 'Schneider Electric', 'SXWSWESXXX10001', 'SN-LEAD-1', '6.0.4', '*.*.10.5'],
      ['AS-North', 'Schneider Electric', 'SXWAUTSVR10001', 'SN-AS-1', '6.0.4', '…:abcd:ef01'],
      ['AS-South', 'Schneider Electric', 'SXWAUTSVR10001', 'SN-AS-2', '6.0.4', '*.*.30.40'],
      ['AS-East', 'Schneider Electric', 'SXWAUTSVR10001', 'SN-AS-3', '6.0.4', '*.*.5.9'],
      ['AS-West', 'Schneider Electric', 'SXWAUTSVR10001', 'SN-AS-4', '6.0.4', null],
    ],
  );
  const raw = (await send(portalRoutes.customerSystems, { params: { customerId } }, partner.client.token)).text;
  assert.ok(!raw.includes(systemId) && !raw.includes('SystemId') && !raw.includes('systemId'), `no System ID: ${raw}`);

  // Another partner, with no link, sees nothing of this customer.
  const refused = await refusal(link(stranger));
  assert.equal(refused.status, 403);
  assert.match(refused.message, /has not given your organization access/);
  assert.deepEqual(await stranger.client.call('listCustomers'), []);
  // The customer's audit log has the addition; the partner's its new customer.
  assert.ok((await auditOf(customerId)).some((e) => e.action === 'partner.added' && JSON.parse(e.detail).partnerId === partnerId));
  assert.ok((await auditOf(orgOf(partner.email).id)).some((e) => e.action === 'customer.added' && JSON.parse(e.detail).customerId === customerId));
});

test("every answer of every route a read-only partner can call holds no whole IP address and no e-mail of the customer's people", async () => {
  // The partner has also sent an invitation: the address it typed is its own record, and may come back.
  const typed = uniqueEmail('scan-contact');
  await partner.client.call('inviteCustomer', { body: { organizationName: 'Scan Target', street: '2 Rue Haute', city: 'Lyon', postalCode: '69001', country: 'FR', contactEmail: typed } });
  const people = [customer.email, SITE_ADMIN, SITE_CONTACT, CUSTOMER_PERSON, 'Sam Admin'];
  // Routes that would end the partner's session or change its account are left out: they say nothing of anyone else.
  const skip = /logOff|Password|mfa/i;
  const params = { customerId, systemId, partnerId, keyId: 1, invitationId: 1, token: 'A'.repeat(43), country: 'FR', state: 'IDF' };
  const bodies: Record<string, unknown> = {
    registerSystem: registrationForm(),
    editCustomerSystem: { warranty: null },
    reportInventory: { servers: [server(systemId, 'lead', 'X', '10.9.9.9', 'SN-X')] },
    setPartnerAccess: { administrator: true, api: true },
    addPartner: { partnerId },
    inviteToSystem: { email: uniqueEmail('scan') },
    associateSystemId: { newSystemId: newId('NEW') },
  };
  let calls = 0;
  for (const [name, route] of Object.entries(portalRoutes) as [string, PortalRoute][]) {
    if (route.auth === 'public' || skip.test(name)) continue;
    const body = route.body ? (bodies[name] ?? {}) : undefined;
    const answer = await send(route, { params, body }, partner.client.token);
    calls++;
    assert.ok(answer.status < 500, `${name}: ${answer.status} ${answer.text.slice(0, 300)}`);
    // The one address the partner typed itself (reportInventory's body) is not the customer's, but it is refused anyway.
    assert.deepEqual(fullAddresses(answer.text), [], `${name}: a whole address in ${answer.text.slice(0, 500)}`);
    for (const secret of people) assert.ok(!answer.text.includes(secret), `${name}: "${secret}" in ${answer.text.slice(0, 500)}`);
    const emails = (answer.text.match(EMAIL) ?? []).filter((e) => e !== partner.email && e !== typed);
    assert.deepEqual(emails, [], `${name}: e-mail addresses in ${answer.text.slice(0, 500)}`);
  }
  assert.ok(calls >= 30, `${calls} routes called`);
  // Nothing the partner sent changed the customer's system or its access.
  assert.deepEqual((await customer.client.call('listPartners')).map((p) => [p.administrator, p.api]), [[false, false]]);
  const information = await customer.client.call('systemInformation', { params: { systemId } });
  assert.equal(information.inventory?.servers[0]?.ipAddress, ADDRESSES.v4);
  assert.equal(information.registration.revision, 1);
});

test("Administrator access: the full registration, editable as the system's integrator; taken back, refused on the next request", async () => {
  const readOnly = await refusal(partner.client.call('customerSystem', { params: { customerId: String(customerId), systemId } }));
  assert.equal(readOnly.status, 403);
  assert.match(readOnly.message, /read-only access/);
  assert.equal((await refusal(partner.client.call('getSystem', { params: { systemId } }))).status, 403);

  const granted = await customer.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: true, api: false } });
  assert.deepEqual([granted.administrator, granted.api], [true, false]);
  assert.deepEqual((await partner.client.call('listCustomers')).map((c) => c.administrator), [true]);

  const systems = await partner.client.call('customerRegistrations', { params: { customerId: String(customerId) } });
  assert.deepEqual(systems.map((s) => s.systemId), [systemId]);
  const full = await partner.client.call('customerSystem', { params: { customerId: String(customerId), systemId } });
  assert.equal(full.systemId, systemId);
  assert.equal(full.yourRole, 'integrator');
  assert.equal(full.siteAdministrator.email, SITE_ADMIN, 'the full registration');
  assert.equal(full.endUser?.email, customer.email);
  // The same through the systems routes: the registration service's own check.
  assert.equal((await partner.client.call('getSystem', { params: { systemId } })).revision, full.revision);

  const warranty = { startDate: '2026-01-01', endDate: '2028-12-31', reference: 'W-PARTNER-1', notes: '' };
  const edited = await partner.client.call('editCustomerSystem', { params: { customerId: String(customerId), systemId }, body: { warranty } });
  assert.equal(edited.warranty?.reference, 'W-PARTNER-1');
  assert.equal(edited.revision, full.revision + 1);
  // As the integrator: the end user has edited, so installation data is locked for it.
  const locked = await refusal(partner.client.call('editCustomerSystem', { params: { customerId: String(customerId), systemId }, body: { installation: registrationForm({ siteName: 'Renamed' }).installation } }));
  assert.equal(locked.status, 403);
  const consent = await refusal(partner.client.call('editCustomerSystem', { params: { customerId: String(customerId), systemId }, body: { consent: { shareSystemInformation: false, sharePersonalInformation: false } } }));
  assert.equal(consent.status, 403, 'consent stays the end user’s');
  const audit = await customer.client.call('systemAudit', { params: { systemId } });
  assert.deepEqual(audit.at(-1)?.detail, { systemId, role: 'integrator', changed: ['warranty.startDate', 'warranty.endDate', 'warranty.reference', 'warranty.notes'], via: 'partner-access' });
  // A system that is not the customer's is not reached through the customer.
  const elsewhere = newId('ES');
  await stranger.client.call('registerSystem', { params: { systemId: elsewhere }, body: registrationForm() });
  assert.equal((await refusal(partner.client.call('customerSystem', { params: { customerId: String(customerId), systemId: elsewhere } }))).status, 404);
  assert.equal((await refusal(partner.client.call('getSystem', { params: { systemId: elsewhere } }))).status, 403);
  // Another partner gets nothing.
  assert.equal((await refusal(stranger.client.call('customerSystem', { params: { customerId: String(customerId), systemId } }))).status, 403);
  assert.equal((await refusal(stranger.client.call('getSystem', { params: { systemId } }))).status, 403);

  await customer.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: false, api: false } });
  assert.equal((await refusal(partner.client.call('customerSystem', { params: { customerId: String(customerId), systemId } }))).status, 403);
  assert.equal((await refusal(partner.client.call('getSystem', { params: { systemId } }))).status, 403);
  assert.equal((await refusal(partner.client.call('registerSystem', { params: { systemId }, body: { warranty: null } }))).status, 403);
  const changes = (await auditOf(customerId)).filter((e) => e.action === 'partner.access-changed').map((e) => JSON.parse(e.detail));
  assert.deepEqual(changes.slice(-2).map((d) => [d.administrator, d.before.administrator]), [[true, false], [false, true]]);
});

test("a revoked partner is refused on its very next request; added again, it is read-only", async () => {
  await customer.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: true, api: true } });
  assert.equal((await link()).systems.length, 1);
  await customer.client.call('revokePartner', { params: { partnerId } });
  const refused = await refusal(link());
  assert.equal(refused.status, 403);
  assert.equal((await refusal(partner.client.call('customerSystem', { params: { customerId: String(customerId), systemId } }))).status, 403);
  assert.equal((await refusal(partner.client.call('getSystem', { params: { systemId } }))).status, 403);
  assert.deepEqual(await partner.client.call('listCustomers'), []);
  assert.deepEqual(await customer.client.call('listPartners'), []);
  assert.equal((await refusal(customer.client.call('revokePartner', { params: { partnerId } }))).status, 404);
  assert.equal((await refusal(customer.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: true, api: true } }))).status, 404);

  const reopened = await customer.client.call('addPartner', { body: { partnerId } });
  assert.deepEqual([reopened.administrator, reopened.api], [false, false], 'a partner added again starts read-only');
  assert.equal((await link()).systems.length, 1);
  assert.ok((await auditOf(customerId)).some((e) => e.action === 'partner.revoked'));
  assert.ok((await auditOf(customerId)).some((e) => e.action === 'partner.added' && JSON.parse(e.detail).reopened === true));
});

test('API keys: made once with API access, read the same view, and stop at once when revoked or when API access is turned off', async () => {
  const params = { customerId: String(customerId) };
  const noApi = await refusal(partner.client.call('createApiKey', { params, body: {} }));
  assert.equal(noApi.status, 403);
  assert.match(noApi.message, /API device data access/);
  await customer.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: false, api: true } });

  const made = await partner.client.call('createApiKey', { params, body: {} });
  assert.match(made.key, /^bmsk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
  assert.ok(made.key.startsWith(`${made.prefix}_`));
  const listed = await partner.client.call('listApiKeys', { params });
  assert.deepEqual(listed.map((k) => [k.id, k.prefix, k.revokedAt]), [[made.id, made.prefix, null]]);
  assert.ok(!JSON.stringify(listed).includes(made.key), 'the key is shown once');
  const stored = (await sql((db) => db.value<string>('SELECT key_hash FROM api_keys WHERE id = ?', made.id)))!;
  assert.ok(stored && !stored.includes(made.key.slice(14)), 'only a hash is stored');

  const byKey = new PortalClient({ baseUrl: url, token: made.key });
  const data = await byKey.call('deviceData');
  assert.deepEqual(data, await link(), 'the read-only view, the same as the partner session sees');
  const raw = await send(portalRoutes.deviceData, {}, made.key);
  assert.deepEqual(fullAddresses(raw.text), []);
  assert.deepEqual(raw.text.match(EMAIL) ?? [], []);
  assert.ok((await partner.client.call('listApiKeys', { params }))[0]!.lastUsedAt, 'last use recorded');

  // Not a key: refused as unauthorized, whatever it is.
  for (const token of [undefined, partner.client.token!, 'bmsk_AAAAAAAA_' + 'A'.repeat(43), made.key.slice(0, -1)]) {
    const answer = await send(portalRoutes.deviceData, {}, token);
    assert.equal(answer.status, 401, `${token}: ${answer.text}`);
  }
  // A session route does not take a key.
  assert.equal((await send(portalRoutes.listCustomers, {}, made.key)).status, 401);

  await partner.client.call('revokeApiKey', { params: { ...params, keyId: String(made.id) } });
  assert.equal((await refusal(byKey.call('deviceData'))).status, 401, 'revoked: refused on the next request');
  assert.equal((await refusal(partner.client.call('revokeApiKey', { params: { ...params, keyId: String(made.id) } }))).status, 409);
  assert.equal((await refusal(partner.client.call('revokeApiKey', { params: { ...params, keyId: '999999' } }))).status, 404);

  const second = await partner.client.call('createApiKey', { params, body: {} });
  const bySecond = new PortalClient({ baseUrl: url, token: second.key });
  assert.equal((await bySecond.call('deviceData')).customerId, customerId);
  await customer.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: false, api: false } });
  const off = await refusal(bySecond.call('deviceData'));
  assert.equal(off.status, 403, 'API access turned off: refused on the next request');
  assert.match(off.message, /turned off API device data access/);
  await customer.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: false, api: true } });
  assert.equal((await refusal(bySecond.call('deviceData'))).status, 401, 'turning API access off revoked the keys for good');
  const third = await partner.client.call('createApiKey', { params, body: {} });
  await customer.client.call('revokePartner', { params: { partnerId } });
  const revoked = await refusal(new PortalClient({ baseUrl: url, token: third.key }).call('deviceData'));
  assert.equal(revoked.status, 403);
  assert.match(revoked.message, /revoked your organization/);
  await customer.client.call('addPartner', { body: { partnerId } });

  const partnerAudit = (await auditOf(orgOf(partner.email).id)).map((e) => e.action);
  assert.equal(partnerAudit.filter((a) => a === 'api-key.created').length, 3);
  assert.equal(partnerAudit.filter((a) => a === 'api-key.revoked').length, 1);
  const offDetail = (await auditOf(customerId)).filter((e) => e.action === 'partner.access-changed').map((e) => JSON.parse(e.detail).apiKeysRevoked as number);
  assert.ok(offDetail.includes(1), 'the customer’s audit says which change revoked keys');
});

test('a customer invitation link works once; withdrawn, expired and unknown links are refused', async () => {
  const contact = uniqueEmail('contact');
  const body = { organizationName: 'Harbour Estates SA', street: '1 Quay Street', city: 'Paris', postalCode: '75001', country: 'FR', contactEmail: contact };
  const invited = await partner.client.call('inviteCustomer', { body });
  assert.equal(invited.state, 'open');
  assert.equal(Date.parse(invited.expiresAt) - Date.parse(invited.createdAt), 30 * 86_400_000);
  const twice = await refusal(partner.client.call('inviteCustomer', { body }));
  assert.equal(twice.status, 409);
  const bad = await refusal(partner.client.call('inviteCustomer', { body: { ...body, contactEmail: 'not an address', organizationName: ' ' } }));
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.issues.map((i) => i.path).sort(), ['contactEmail', 'organizationName']);

  const mail = await outboxMailbox(portal.info.outboxDir)(contact, (m) => m.subject === 'Invitation from a partner on the BMS Registration Portal');
  const accept = new URL(linkIn(mail, '/customers/accept'));
  assert.equal(accept.origin, new URL(url).origin);
  const token = accept.searchParams.get('token')!;
  assert.match(mail.text, new RegExp(partnerId));
  const stored = (await sql((db) => db.value<string>('SELECT token_hash FROM customer_invitations WHERE id = ?', invited.id)))!;
  assert.notEqual(stored, token, 'only the hash is stored');

  const shown = await new PortalClient({ baseUrl: url }).call('customerInvitationByLink', { params: { token } });
  assert.equal(shown.state, 'open');
  assert.deepEqual(shown.invitation?.partner, { partnerId, name: `Acme Integration ${process.pid}` });

  // Someone else's account cannot use it; a partner cannot either.
  assert.equal((await refusal(customer.client.call('acceptCustomerInvitation', { params: { token }, body: {} }))).status, 403);
  assert.equal((await refusal(stranger.client.call('acceptCustomerInvitation', { params: { token }, body: {} }))).status, 403);
  // The contact signs up (an End user account, its own organization named after the person) and accepts.
  const person = await newAccount(url, { kind: 'end-user', email: contact, name: 'Casey Contact' });
  const linked = await person.client.call('acceptCustomerInvitation', { params: { token }, body: {} });
  assert.deepEqual([linked.partnerId, linked.administrator, linked.api], [partnerId, false, false]);
  const org = orgOf(contact);
  assert.equal(org.name, 'Harbour Estates SA', 'the default name gives way to the invitation’s');
  assert.ok((await partner.client.call('listCustomers')).some((c) => c.customerId === org.id && c.name === 'Harbour Estates SA' && c.country === 'FR'));
  const used = await refusal(person.client.call('acceptCustomerInvitation', { params: { token }, body: {} }));
  assert.equal(used.status, 409);
  assert.match(used.message, /accepted already/);
  assert.equal((await new PortalClient({ baseUrl: url }).call('customerInvitationByLink', { params: { token } })).state, 'accepted');
  assert.ok((await auditOf(org.id)).some((e) => e.action === 'partner.added' && JSON.parse(e.detail).via === 'invitation'));

  // Withdrawn.
  const other = uniqueEmail('withdrawn');
  const withdrawn = await partner.client.call('inviteCustomer', { body: { ...body, contactEmail: other } });
  const withdrawnToken = new URL(linkIn(await outboxMailbox(portal.info.outboxDir)(other), '/customers/accept')).searchParams.get('token')!;
  assert.equal((await partner.client.call('revokeCustomerInvitation', { params: { invitationId: String(withdrawn.id) } })).state, 'revoked');
  assert.equal((await refusal(partner.client.call('revokeCustomerInvitation', { params: { invitationId: String(withdrawn.id) } }))).status, 409);
  assert.equal((await refusal(partner.client.call('revokeCustomerInvitation', { params: { invitationId: String(invited.id) } }))).status, 409, 'accepted: no longer withdrawn');
  assert.equal((await refusal(stranger.client.call('revokeCustomerInvitation', { params: { invitationId: String(withdrawn.id) } }))).status, 404);
  const otherPerson = await newAccount(url, { kind: 'end-user', email: other });
  assert.equal((await new PortalClient({ baseUrl: url }).call('customerInvitationByLink', { params: { token: withdrawnToken } })).state, 'revoked');
  const refusedWithdrawn = await refusal(otherPerson.client.call('acceptCustomerInvitation', { params: { token: withdrawnToken }, body: {} }));
  assert.equal(refusedWithdrawn.status, 409);
  assert.match(refusedWithdrawn.message, /withdrawn/);

  // Expired.
  const late = uniqueEmail('late');
  const expiring = await partner.client.call('inviteCustomer', { body: { ...body, contactEmail: late } });
  const lateToken = new URL(linkIn(await outboxMailbox(portal.info.outboxDir)(late), '/customers/accept')).searchParams.get('token')!;
  await sql((db) => db.run("UPDATE customer_invitations SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?", expiring.id));
  const latePerson = await newAccount(url, { kind: 'end-user', email: late });
  assert.equal((await new PortalClient({ baseUrl: url }).call('customerInvitationByLink', { params: { token: lateToken } })).state, 'expired');
  const refusedLate = await refusal(latePerson.client.call('acceptCustomerInvitation', { params: { token: lateToken }, body: {} }));
  assert.equal(refusedLate.status, 409);
  assert.match(refusedLate.message, /expired on 2000-01-01/);
  assert.deepEqual(await latePerson.client.call('listPartners'), [], 'nothing was linked');

  // Unknown.
  const unknown = 'B'.repeat(43);
  assert.equal((await new PortalClient({ baseUrl: url }).call('customerInvitationByLink', { params: { token: unknown } })).state, 'unknown');
  assert.equal((await refusal(latePerson.client.call('acceptCustomerInvitation', { params: { token: unknown }, body: {} }))).status, 404);

  const states = new Map((await partner.client.call('listCustomerInvitations')).map((i) => [i.id, i.state]));
  assert.deepEqual([states.get(invited.id), states.get(withdrawn.id), states.get(expiring.id)], ['accepted', 'revoked', 'expired']);
  const partnerAudit = (await auditOf(orgOf(partner.email).id)).map((e) => e.action);
  for (const action of ['customer.invited', 'customer.invitation-revoked', 'customer.invitation-accepted']) assert.ok(partnerAudit.includes(action), action);
});

test('non-administrators, and accounts of the wrong kind, are refused', async () => {
  const customerMember = await newAccount(url, { kind: 'end-user' });
  await joinAsMember(customerMember.email, customerId);
  for (const call of [
    () => customerMember.client.call('addPartner', { body: { partnerId } }),
    () => customerMember.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: true, api: true } }),
    () => customerMember.client.call('revokePartner', { params: { partnerId } }),
    () => customerMember.client.call('findPartner', { params: { partnerId } }),
  ]) {
    const refused = await refusal(call());
    assert.equal(refused.status, 403);
    assert.match(refused.message, /Only an administrator of your organization/);
  }
  assert.deepEqual((await customerMember.client.call('listPartners')).map((p) => p.partnerId), [partnerId], 'a member sees the partners');

  const partnerMember = await newAccount(url, { kind: 'partner' });
  await joinAsMember(partnerMember.email, orgOf(partner.email).id);
  await customer.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: false, api: true } });
  const params = { customerId: String(customerId) };
  for (const call of [
    () => partnerMember.client.call('createApiKey', { params, body: {} }),
    () => partnerMember.client.call('inviteCustomer', { body: { organizationName: 'X', street: 'Y', city: 'Z', postalCode: '1', country: 'FR', contactEmail: uniqueEmail('x') } }),
  ]) {
    const refused = await refusal(call());
    assert.equal(refused.status, 403);
    assert.match(refused.message, /Only an administrator of your partner organization/);
  }
  assert.equal((await link(partnerMember)).customerId, customerId, 'a member of the partner sees the customer read-only');

  // Kinds: an end user is no partner, a partner no customer.
  assert.equal((await refusal(customer.client.call('listCustomers'))).status, 403);
  assert.equal((await refusal(customer.client.call('customerSystems', { params }))).status, 403);
  assert.equal((await refusal(partner.client.call('addPartner', { body: { partnerId } }))).status, 403);
  assert.equal((await refusal(partner.client.call('listPartners'))).status, 403);
  await customer.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: false, api: false } });
});

test('a partner session without MFA gets no customer data, even with access granted', async () => {
  const email = uniqueEmail('no-mfa');
  const client = new PortalClient({ baseUrl: url });
  await client.call('signUp', { body: { email, password: PASSWORD, name: 'Nomfa Partner', organization: `No MFA Integration ${process.pid}`, kind: 'partner' } });
  assert.equal((await verifyAddress(outboxMailbox(portal.info.outboxDir), email)).status, 200);
  client.token = (await client.call('logOn', { body: { email, password: PASSWORD } })).token;
  const noMfaId = orgOf(email).partnerId!;
  await customer.client.call('addPartner', { body: { partnerId: noMfaId } });
  await customer.client.call('setPartnerAccess', { params: { partnerId: noMfaId }, body: { administrator: true, api: true } });
  const params = { customerId: String(customerId) };
  for (const call of [
    () => client.call('listCustomers'),
    () => client.call('customerSystems', { params }),
    () => client.call('customerSystem', { params: { ...params, systemId } }),
    () => client.call('createApiKey', { params, body: {} }),
    () => client.call('getSystem', { params: { systemId } }),
  ]) {
    const refused = await refusal(call());
    assert.equal(refused.status, 403);
    assert.equal(refused.code, 'mfa_enrolment_required');
  }
  await customer.client.call('revokePartner', { params: { partnerId: noMfaId } });
});
