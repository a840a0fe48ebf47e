// What happens to a person's powers when their membership changes (docs/partners.md): the API keys
// a partner administrator made are revoked when that person leaves or is removed; a person out of
// a branch (vendor) organization is a partner, not vendor staff; Find (which shows a partner's
// contact) is bounded per customer organization; and the organization's administrator checks are
// made again inside each change's transaction, so a role lost a moment ago is not used.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../shared/node/sqlite.js';
import { portalMigrations } from '../../portal/db/migrations/index.js';
import { sqliteStore } from '../../portal/store/sqlite-store.js';
import type { PortalStore } from '../../portal/store/store.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { newAccount, refusal, uniqueEmail, type TestAccount } from '../support/portal-accounts.js';
import { linkIn, outboxMailbox, type Mailbox } from '../support/portal-mail.js';
import { organizationOf } from '../support/portal-db.js';

let portal: Started<{ url: string; dataDir: string; outboxDir: string }>;
let url: string;
let mailbox: Mailbox;

before(async () => {
  portal = await startPortal(tempDir('portal-membership'), [], { PORTAL_BRANCH_SIGNUP: 'true', PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '100' });
  url = portal.info.url;
  mailbox = outboxMailbox(portal.info.outboxDir);
});
after(() => portal.stop());

const INVITATION_SUBJECT = 'Invitation to join your co-workers on the BMS Registration Portal';

/** Invites `email` into the administrator's organization and signs the person up with the link. */
async function coworker(admin: TestAccount, kind: 'partner' | 'branch'): Promise<TestAccount> {
  const email = uniqueEmail(`co-${kind}`);
  await admin.client.call('inviteCoworker', { body: { email } });
  const token = new URL(linkIn(await mailbox(email, (m) => m.subject === INVITATION_SUBJECT), '/invitations/accept')).searchParams.get('token')!;
  return newAccount(url, { kind, email, name: `Co ${kind}`, invitation: token });
}

const idOf = async (admin: TestAccount, email: string) => (await admin.client.call('organization')).members.find((m) => m.email === email)!.accountId;

/** A customer organization that added the partner and granted API device data access. */
async function customerGranting(partnerId: string): Promise<number> {
  const customer = await newAccount(url, { kind: 'end-user', organization: `Customer ${uniqueEmail('c')}` });
  await customer.client.call('addPartner', { body: { partnerId } });
  await customer.client.call('setPartnerAccess', { params: { partnerId }, body: { administrator: false, api: true } });
  return organizationOf(portal.info.dataDir, customer.email).id;
}

const deviceDataStatus = async (key: string) => (await fetch(`${url}/api/v1/device-data`, { headers: { authorization: `Bearer ${key}` } })).status;

test("a partner administrator's API keys are revoked when that person is removed or leaves; the others' keep working", async () => {
  const ann = await newAccount(url, { kind: 'partner', organization: `Keyholders ${process.pid}` });
  const partnerId = organizationOf(portal.info.dataDir, ann.email).partnerId!;
  const customerId = await customerGranting(partnerId);
  const params = { customerId: String(customerId) };
  const [bob, cleo] = [await coworker(ann, 'partner'), await coworker(ann, 'partner')];
  for (const who of [bob, cleo]) await ann.client.call('setMemberRole', { params: { accountId: String(await idOf(ann, who.email)) }, body: { role: 'administrator' } });

  const annKey = await ann.client.call('createApiKey', { params, body: {} });
  const bobKey = await bob.client.call('createApiKey', { params, body: {} });
  const cleoKey = await cleo.client.call('createApiKey', { params, body: {} });
  for (const key of [annKey, bobKey, cleoKey]) assert.equal(await deviceDataStatus(key.key), 200);

  await ann.client.call('removeMember', { params: { accountId: String(await idOf(ann, bob.email)) } });
  assert.equal(await deviceDataStatus(bobKey.key), 401, "the removed person's key stops at once");
  await cleo.client.call('leaveOrganization', { body: {} });
  assert.equal(await deviceDataStatus(cleoKey.key), 401, "the key of the person who left stops at once");
  assert.equal(await deviceDataStatus(annKey.key), 200, "the remaining administrator's key works");

  const listed = await ann.client.call('listApiKeys', { params });
  assert.deepEqual(
    listed.filter((k) => k.revokedAt !== null).map((k) => k.prefix).sort(),
    [bobKey.prefix, cleoKey.prefix].sort(),
    'both shown as revoked in the list',
  );
  const audit = (await ann.client.call('organizationAudit', { query: { limit: 50 } })).items;
  const removal = audit.find((e) => e.action === 'member.removed');
  assert.equal(removal?.detail.apiKeysRevoked, 1, 'the removal says a key was revoked with it');
});

test('a person removed from a branch organization becomes a partner with an organization of their own', async () => {
  const vera = await newAccount(url, { kind: 'branch', organization: `Vendor Branch ${process.pid}` });
  const ben = await coworker(vera, 'branch');
  assert.equal((await ben.client.call('me')).kind, 'branch', 'a member of the branch is vendor staff');
  await vera.client.call('removeMember', { params: { accountId: String(await idOf(vera, ben.email)) } });

  const me = await ben.client.call('me');
  assert.equal(me.kind, 'partner');
  assert.equal(me.org?.kind, 'partner');
  assert.equal(me.org?.role, 'administrator');
  assert.match(me.org?.partnerId ?? '', /^[A-Z0-9_]+$/, 'with a Partner ID of its own');
  // Inviting now brings people into Ben's partner organization, not into vendor staff.
  const guest = await coworker(ben, 'partner');
  assert.equal((await guest.client.call('me')).kind, 'partner');
});

test('Find is bounded per customer organization, counted in the database: the refusal says when to try again', async () => {
  const partner = await newAccount(url, { kind: 'partner', organization: `Findable ${process.pid}` });
  const partnerId = organizationOf(portal.info.dataDir, partner.email).partnerId!;
  const customer = await newAccount(url, { kind: 'end-user', organization: `Curious ${process.pid}` });
  for (let i = 0; i < 30; i++) await customer.client.call('findPartner', { params: { partnerId } });
  const limited = await refusal(customer.client.call('findPartner', { params: { partnerId } }));
  assert.equal(limited.status, 429);
  assert.match(limited.message, /30 Partner IDs in the last hour/);
  const raw = await fetch(`${url}/api/v1/partners/${partnerId}`, { headers: { authorization: `Bearer ${customer.client.token}` } });
  assert.equal(raw.status, 429);
  assert.equal(raw.headers.get('retry-after'), '3600');
  // Another customer organization has its own count.
  const other = await newAccount(url, { kind: 'end-user', organization: `Other ${process.pid}` });
  assert.equal((await other.client.call('findPartner', { params: { partnerId } })).partnerId, partnerId);
});

test("the store checks the actor's administrator role inside each change's transaction", async (t) => {
  const dir = tempDir('portal-store-roles');
  const store: PortalStore = sqliteStore(openDatabase(path.join(dir, 'portal.sqlite'), portalMigrations));
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const now = new Date().toISOString();
  const later = new Date(Date.now() + 86_400_000).toISOString();
  const account = (email: string, joining: Parameters<PortalStore['createAccount']>[0]['joining']) =>
    store.createAccount({ email, kind: 'partner', name: email, organization: 'Roles Inc', passwordHash: 'x', createdAt: now, joining });
  const ann = await account('ann@roles.example', { create: { kind: 'partner', name: 'Roles Inc', partnerId: null, partnerIdGiven: false } });
  assert.ok(typeof ann === 'object' && 'id' in ann);
  const mail = () => ({ recipients: ['x@roles.example'], subject: 's', body: 'b' });
  const invited = await store.createCoworkerInvitation({ organizationId: ann.organizationId, email: 'bob@roles.example', tokenHash: 'h1', invitedBy: ann.id, expiresAt: later }, mail, now);
  assert.ok(typeof invited === 'object' && invited !== null);
  const bob = await account('bob@roles.example', { invitationId: invited.id, email: 'bob@roles.example' });
  assert.ok(typeof bob === 'object' && 'id' in bob && bob.orgRole === 'member');

  // Bob's request passed its first check when he was an administrator; he is a member by the time it writes.
  const org = ann.organizationId;
  assert.equal(await store.setMemberRole({ organizationId: org, accountId: ann.id, role: 'member', actorId: bob.id }, now), 'not-administrator');
  assert.equal(await store.moveToOwnOrganization({ organizationId: org, accountId: ann.id, actorId: bob.id, how: 'removed' }, now), 'not-administrator');
  assert.equal(
    await store.createCoworkerInvitation({ organizationId: org, email: 'eve@roles.example', tokenHash: 'h2', invitedBy: bob.id, expiresAt: later }, mail, now),
    'not-administrator',
  );
  assert.equal(await store.revokeCoworkerInvitation({ organizationId: org, invitationId: invited.id, actorId: bob.id }, now), 'not-administrator');
  const members = await store.members(org);
  assert.deepEqual(members.map((m) => [m.email, m.role]), [['ann@roles.example', 'administrator'], ['bob@roles.example', 'member']], 'nothing changed');
  assert.deepEqual((await store.coworkerInvitations(org)).length, 0, 'no invitation made');

  // An API key needs the link's API access, and its maker an administrator, at the moment it is written.
  const customer = await store.createAccount({
    email: 'cara@customer.example', kind: 'end-user', name: 'Cara', organization: '', passwordHash: 'x', createdAt: now,
    joining: { create: { kind: 'customer', name: 'Customer Co', partnerId: null, partnerIdGiven: false } },
  });
  assert.ok(typeof customer === 'object' && 'id' in customer);
  await store.addPartner({ customerOrgId: customer.organizationId, partnerOrgId: org, accountId: customer.id }, () => [], now);
  const key = (accountId: number, hash: string) =>
    store.createApiKey({ partnerOrgId: org, customerOrgId: customer.organizationId, keyHash: hash, prefix: 'bmsk_ABCDEFGH', accountId }, { organizationId: org, accountId, action: 'api-key.created', detail: {} }, now);
  assert.equal(await key(ann.id, 'k1'), null, 'read-only link: no key');
  await store.setPartnerAccess({ customerOrgId: customer.organizationId, partnerOrgId: org, administrator: false, api: true }, () => [], now);
  assert.equal(await key(bob.id, 'k2'), null, 'a member: no key');
  assert.ok(await key(ann.id, 'k3'), 'an administrator with API access: a key');
  assert.equal((await store.apiKeysOf(org, customer.organizationId)).length, 1);
});
