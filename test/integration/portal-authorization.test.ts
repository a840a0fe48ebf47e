// Issue 11: the owner-versus-stranger matrix over every route of shared/portal/api.ts, generated
// from the table so a new route cannot be left out (it fails here until it has a case below).
// Against the running portal: no session -> 401 (public routes: answered); a stranger's session ->
// the route's documented stranger answer, the same for a system's current and replaced IDs and
// naming no person; the owner -> allowed (2xx, or a 400 about the input), never 401 or 403.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generateInstallationKeys } from '../../shared/node/codes/keys.js';
import { createRequestCode } from '../../shared/node/codes/request-code.js';
import { portalRoutes, type PortalRoute, type PortalRouteName } from '../../shared/portal/api.js';
import { makeLicenseKey, makeVoucherCode } from '../../shared/portal/licenses.js';
import { PortalClient } from '../../main/services/portal/portal-client.js';
import { ROOT, portalDataArgs, startPortal, tempDir, type Started } from '../support/processes.js';
import { PASSWORD, newAccount, registrationForm, uniqueEmail, type TestAccount } from '../support/portal-accounts.js';
import { assertRefusalShape } from '../support/raw-http.js';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { linkIn, outboxMailbox } from '../support/portal-mail.js';

let portal: Started<{ url: string }>;
let url: string;
/** The integrator that holds every system below. */
let owner: TestAccount;
const OWNER_PERSON = 'Olivia Ownername';
/** The Partner IDs sign-up proposes from the organization names below (a fresh database: both free). */
const OWNER_PARTNER_ID = 'OWNER_INTEGRATION';
const STRANGER_PARTNER_ID = 'STRANGER_INTEGRATION';
/** Strangers to those systems: an integrator and an end user (the end-user place stays free). */
let strangers: TestAccount[];
/** Accounts whose own account routes are called (end users: a fresh session needs no MFA code). */
let self: TestAccount;
/** A co-worker invitation's token, for its public route. */
let coworkerToken: string;
let other: TestAccount;
/** Used by routes that end their sessions or change their password, so no other case loses its session. */
let throwaway: Record<'logOffEverywhere' | 'changePassword', [TestAccount, TestAccount]>;

before(async () => {
  // More sign-ups than one address may make in a minute by default: the limit is not what this tests.
  portal = await startPortal(tempDir('portal-authorization'), [], { PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '100' });
  url = portal.info.url;
  const endUser = () => newAccount(url, { kind: 'end-user' });
  let rest: TestAccount[];
  [owner, self, other, ...rest] = await Promise.all([
    newAccount(url, { kind: 'partner', name: OWNER_PERSON, organization: 'Owner Integration' }),
    endUser(),
    endUser(),
    newAccount(url, { kind: 'partner', organization: 'Stranger Integration' }),
    endUser(),
    endUser(),
    endUser(),
    endUser(),
    endUser(),
  ]);
  strangers = rest.slice(0, 2);
  throwaway = { logOffEverywhere: [rest[2]!, rest[3]!], changePassword: [rest[4]!, rest[5]!] };
  // A co-worker invitation's token, for its public route (which answers 2xx only for a live link).
  const invited = uniqueEmail('coworker');
  await self.client.call('inviteCoworker', { body: { email: invited } });
  coworkerToken = new URL(linkIn(await outboxMailbox()(invited), '/invitations/accept')).searchParams.get('token')!;
});
after(() => portal.stop());


let portalAdmin: Promise<string> | undefined;
/** A portal administrator's session with MFA (a partner, granted on the command line); made once, when first needed. */
function portalAdminToken(): Promise<string> {
  portalAdmin ??= (async () => {
    const admin = await newAccount(url, { kind: 'partner', organization: 'Matrix Admins' });
    const dataDir = (portal.info as { dataDir?: string }).dataDir!;
    await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['portal/cli.ts', 'admin', 'grant', admin.email, ...(await portalDataArgs(dataDir))], { cwd: ROOT });
    return admin.client.token!;
  })();
  return portalAdmin;
}
let partnerIds = 0;
const todayUtc = () => new Date().toISOString().slice(0, 10);

let n = 0;
const newId = (what: string) => `${what}-${process.pid}-${++n}-Az`;

/** A fresh session of an end-user account (its other sessions stay as they are). */
async function freshSession(account: TestAccount): Promise<string> {
  const client = new PortalClient({ baseUrl: url });
  return (await client.call('logOn', { body: { email: account.email, password: PASSWORD } })).token;
}

/** A system the owner holds, seen under its current System ID and under the one a wipe replaced. */
async function ownedSystem(): Promise<{ current: string; replaced: string }> {
  const replaced = newId('OLD');
  const current = newId('ES');
  await owner.client.call('registerSystem', { params: { systemId: replaced }, body: registrationForm() });
  await owner.client.call('associateSystemId', { params: { systemId: replaced }, body: { newSystemId: current } });
  return { current, replaced };
}

interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

interface Answer {
  status: number;
  text: string;
}

async function send(route: PortalRoute, call: Call, token?: string): Promise<Answer> {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(call.params?.[name] ?? 'x'));
  const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}${query}`, { method: route.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
  return { status: response.status, text: await response.text() };
}

const leadRow = (systemId: string) => ({ name: 'ES-1', kind: 'enterprise-server' as const, model: null, serialNumber: null, firmwareVersion: null, ipAddress: null, systemId, role: 'lead' as const });
const installation = generateInstallationKeys();
const requestFor = (systemId: string) => createRequestCode({ systemId, machineId: 'matrix', serverSystemIds: [], installationPublicKey: installation.publicKey }).code;

/** A route about one system: the request for a System ID, and what a stranger is told. */
interface SystemCase {
  kind: 'system';
  call: (systemId: string) => Call;
  /** 'refused': 403 for a system that exists, 404 for one that does not. 'taken': the access answer. */
  stranger: 'refused' | 'taken';
  /** Whether an unknown ID is a 404 (false where the route registers one, or answers "unregistered"). */
  unknownIs404: boolean;
}

/** A route about the caller's own account (or the account's list): a stranger is just another account. */
interface AccountCase {
  kind: 'account';
  /** The session for the owner (self) or a stranger (another account); default: self's and other's. */
  session?: (who: 'owner' | 'stranger') => Promise<string>;
  call: (who: 'owner' | 'stranger') => Promise<Call> | Call;
  /** Statuses the owner may get besides 2xx and 400 (a refusal about the account's state, not its right). */
  ownerMayGet?: number[];
}

interface PublicCase {
  kind: 'public';
  call: () => Call;
}

/**
 * A route about one customer's data for a partner (docs/partners.md): the owner is a partner the
 * customer granted every access (Administrator and API), the stranger a partner with no link.
 */
interface CustomerCase {
  kind: 'customer';
  call: (customer: CustomerFixture) => Call;
  /** An API-key route: the owner calls with the fixture's key, the stranger with none (401, not 403). */
  apiKey?: boolean;
  /** Statuses the owner may get besides 2xx and 400 (an id that is not there). */
  ownerMayGet?: number[];
}

/** A portal administrator's route: the owner is a portal administrator, the stranger any other account (403). */
interface AdminCase {
  kind: 'admin';
  call: () => Call;
  /** Statuses the owner may get besides 2xx and 400 (a request that is not there). */
  ownerMayGet?: number[];
}

type Case = SystemCase | AccountCase | PublicCase | CustomerCase | AdminCase;

interface CustomerFixture {
  customerId: string;
  systemId: string;
  apiKey: string;
}

let customerFixture: Promise<CustomerFixture> | undefined;
/** A customer (End user) with a system, which added the owner's partner organization with every access; made once, when first needed. */
function customerOf(): Promise<CustomerFixture> {
  customerFixture ??= (async () => {
    const customer = await newAccount(url, { kind: 'end-user' });
    const systemId = newId('CUST');
    await customer.client.call('registerSystem', { params: { systemId }, body: registrationForm() });
    await customer.client.call('reportInventory', { params: { systemId }, body: { servers: [leadRow(systemId)] } });
    await customer.client.call('addPartner', { body: { partnerId: OWNER_PARTNER_ID } });
    await customer.client.call('setPartnerAccess', { params: { partnerId: OWNER_PARTNER_ID }, body: { administrator: true, api: true } });
    const [listed] = await owner.client.call('listCustomers');
    const customerId = String(listed!.customerId);
    const { key } = await owner.client.call('createApiKey', { params: { customerId }, body: {} });
    return { customerId, systemId, apiKey: key };
  })();
  return customerFixture;
}

const system = (call: SystemCase['call'], more: Partial<SystemCase> = {}): SystemCase => ({ kind: 'system', call, stranger: 'refused', unknownIs404: true, ...more });
/** Partner routes: the owner's partner session, and another partner's as the stranger. */
const partnerSession = async (who: 'owner' | 'stranger') => (who === 'owner' ? owner : strangers[0]!).client.token!;

/** One case per route. A route added to the table without a case here fails the first test. */
const cases: Record<PortalRouteName, Case> & Record<string, Case> = {
  health: { kind: 'public', call: () => ({}) },
  keys: { kind: 'public', call: () => ({}) },
  countries: { kind: 'public', call: () => ({}) },
  states: { kind: 'public', call: () => ({ params: { country: 'FR' } }) },
  cities: { kind: 'public', call: () => ({ params: { country: 'FR', state: 'IDF' } }) },
  signUp: { kind: 'public', call: () => ({ body: { email: uniqueEmail('matrix'), password: PASSWORD, kind: 'end-user', name: 'Matrix Person' } }) },
  logOn: { kind: 'public', call: () => ({ body: { email: self.email, password: PASSWORD } }) },
  logOff: { kind: 'account', session: (who) => freshSession(who === 'owner' ? self : other), call: () => ({}) },
  logOffEverywhere: { kind: 'account', session: (who) => freshSession(throwaway.logOffEverywhere[who === 'owner' ? 0 : 1]), call: () => ({}) },
  webLogOn: { kind: 'public', call: () => ({ body: { email: self.email, password: PASSWORD } }) },
  webSession: { kind: 'account', call: () => ({}) },
  webLogOff: { kind: 'account', session: (who) => freshSession(who === 'owner' ? self : other), call: () => ({ body: {} }) },
  me: { kind: 'account', call: () => ({}) },
  changePassword: {
    kind: 'account',
    session: (who) => freshSession(throwaway.changePassword[who === 'owner' ? 0 : 1]),
    call: () => ({ body: { currentPassword: PASSWORD, newPassword: `${PASSWORD} changed` } }),
  },
  // An account verified already, or asking too often, is told so: about its state, not its right.
  resendVerification: { kind: 'account', call: () => ({ body: {} }), ownerMayGet: [409, 429] },
  mfaEnrol: { kind: 'account', call: () => ({ body: {} }) },
  // A wrong code: the owner gets the 400 about the code, never 401 or 403.
  mfaConfirm: { kind: 'account', call: () => ({ body: { code: '000000' } }), ownerMayGet: [409] },
  listSystems: { kind: 'account', call: () => ({ query: { limit: '200' } }) },
  systemAccess: system(() => ({}), { stranger: 'taken', unknownIs404: false }),
  getSystem: system(() => ({})),
  registerSystem: system(() => ({ body: registrationForm({ siteName: 'Matrix Edit' }) }), { unknownIs404: false }),
  associateSystemId: system(() => ({ body: { newSystemId: newId('NEW') } })),
  inviteToSystem: system(() => ({ body: { email: uniqueEmail('invited') } })),
  reportInventory: system((systemId) => ({ body: { servers: [leadRow(systemId)] } })),
  systemInformation: system(() => ({})),
  systemAudit: system(() => ({})),
  issueCode: system((systemId) => ({ body: { kind: 'register', request: requestFor(systemId) } })),
  listCodes: system(() => ({})),
  // Customers and partner access: the customer side is End user accounts acting on their own organization.
  findPartner: { kind: 'account', call: () => ({ params: { partnerId: STRANGER_PARTNER_ID } }) },
  listPartners: { kind: 'account', call: () => ({}) },
  addPartner: { kind: 'account', call: () => ({ body: { partnerId: STRANGER_PARTNER_ID } }), ownerMayGet: [409] },
  setPartnerAccess: { kind: 'account', call: () => ({ params: { partnerId: STRANGER_PARTNER_ID }, body: { administrator: false, api: false } }), ownerMayGet: [404] },
  revokePartner: { kind: 'account', call: () => ({ params: { partnerId: STRANGER_PARTNER_ID } }), ownerMayGet: [404] },
  acceptCustomerInvitation: { kind: 'account', call: () => ({ params: { token: 'A'.repeat(43) }, body: {} }), ownerMayGet: [404] },
  customerInvitationByLink: { kind: 'public', call: () => ({ params: { token: 'A'.repeat(43) } }) },
  // The partner side: partner accounts acting for their own organization.
  listCustomers: { kind: 'account', session: partnerSession, call: () => ({}) },
  inviteCustomer: {
    kind: 'account',
    session: partnerSession,
    call: () => ({ body: { organizationName: 'Matrix Customer', street: '1 Matrix Road', city: 'Paris', postalCode: '75001', country: 'FR', contactEmail: uniqueEmail('customer') } }),
  },
  listCustomerInvitations: { kind: 'account', session: partnerSession, call: () => ({}) },
  revokeCustomerInvitation: { kind: 'account', session: partnerSession, call: () => ({ params: { invitationId: '999999' } }), ownerMayGet: [404] },
  customerSystems: { kind: 'customer', call: (c) => ({ params: { customerId: c.customerId } }) },
  customerRegistrations: { kind: 'customer', call: (c) => ({ params: { customerId: c.customerId } }) },
  customerSystem: { kind: 'customer', call: (c) => ({ params: { customerId: c.customerId, systemId: c.systemId } }) },
  editCustomerSystem: { kind: 'customer', call: (c) => ({ params: { customerId: c.customerId, systemId: c.systemId }, body: { warranty: null } }) },
  createApiKey: { kind: 'customer', call: (c) => ({ params: { customerId: c.customerId }, body: {} }) },
  listApiKeys: { kind: 'customer', call: (c) => ({ params: { customerId: c.customerId } }) },
  revokeApiKey: { kind: 'customer', call: (c) => ({ params: { customerId: c.customerId, keyId: '999999' } }), ownerMayGet: [404] },
  deviceData: { kind: 'customer', call: () => ({}), apiKey: true },
  // Organizations and co-workers: each account acts on its own organization (End users administer theirs).
  partnerIdProposal: { kind: 'public', call: () => ({ query: { name: 'Acme, Inc.' } }) },
  organization: { kind: 'account', call: () => ({}) },
  setMemberRole: {
    kind: 'account',
    call: async (who) => ({ params: { accountId: String((await (who === 'owner' ? self : other).client.call('me')).id) }, body: { role: 'administrator' } }),
  },
  removeMember: { kind: 'account', call: () => ({ params: { accountId: '999999' } }), ownerMayGet: [404] },
  // The only administrator cannot leave: refused about the organization's state, not the caller's right.
  leaveOrganization: { kind: 'account', call: () => ({ body: {} }), ownerMayGet: [409] },
  inviteCoworker: { kind: 'account', call: () => ({ body: { email: uniqueEmail('coworker') } }) },
  coworkerInvitations: { kind: 'account', call: () => ({}) },
  resendCoworkerInvitation: { kind: 'account', call: () => ({ params: { invitationId: '999999' }, body: {} }), ownerMayGet: [404] },
  revokeCoworkerInvitation: { kind: 'account', call: () => ({ params: { invitationId: '999999' } }), ownerMayGet: [404] },
  coworkerInvitationLink: { kind: 'public', call: () => ({ params: { token: coworkerToken } }) },
  acceptCoworkerInvitation: { kind: 'account', call: () => ({ params: { token: 'A'.repeat(43) }, body: {} }), ownerMayGet: [404] },
  requestPartnerId: { kind: 'account', session: partnerSession, call: () => ({ body: { partnerId: `MATRIX_${++partnerIds}`, reason: 'Matrix' } }), ownerMayGet: [409] },
  organizationAudit: { kind: 'account', call: () => ({ query: { limit: '10' } }) },
  partnerIdRequests: { kind: 'admin', call: () => ({ query: { state: 'pending' } }) },
  approvePartnerIdRequest: { kind: 'admin', call: () => ({ params: { requestId: '999999' }, body: {} }), ownerMayGet: [404] },
  rejectPartnerIdRequest: { kind: 'admin', call: () => ({ params: { requestId: '999999' }, body: { note: 'Matrix' } }), ownerMayGet: [404] },
  // Licenses, vouchers and credits: well-formed keys and codes the portal never made (404 for the owner, after every check of the caller).
  createLicenses: { kind: 'admin', call: () => ({ body: { months: 12, count: 1 } }) },
  createVouchers: { kind: 'admin', call: () => ({ body: { credits: 10, count: 1 } }) },
  redeemLicense: { kind: 'customer', call: (c) => ({ params: { customerId: c.customerId }, body: { key: makeLicenseKey(12), startsOn: todayUtc() } }), ownerMayGet: [404] },
  customerSubscription: { kind: 'customer', call: (c) => ({ params: { customerId: c.customerId } }) },
  // The owner's organization holds no credits: refused about its balance, not its right.
  spendCredits: { kind: 'customer', call: (c) => ({ params: { customerId: c.customerId }, body: { action: 'activate', months: 1 } }), ownerMayGet: [409] },
  redeemOwnLicense: { kind: 'account', call: () => ({ body: { key: makeLicenseKey(1), startsOn: todayUtc() } }), ownerMayGet: [404] },
  ownSubscription: { kind: 'account', call: () => ({}) },
  redeemVoucher: { kind: 'account', session: partnerSession, call: () => ({ body: { code: makeVoucherCode(5) } }), ownerMayGet: [404] },
  creditBalance: { kind: 'account', session: partnerSession, call: () => ({}) },
};

const routes = Object.entries(portalRoutes) as [PortalRouteName, PortalRoute][];
const withParams = (call: Call, systemId: string): Call => ({ ...call, params: { systemId, ...call.params } });

test('every route of the table has a case in this matrix, and every case a route', () => {
  const missing = routes.map(([name]) => name).filter((name) => !cases[name]);
  assert.deepEqual(missing, [], `routes without a case: add them to \`cases\` in ${import.meta.url}`);
  const stale = Object.keys(cases).filter((name) => !(name in portalRoutes));
  assert.deepEqual(stale, [], 'cases for routes the table no longer has');
  for (const [name, route] of routes) {
    assert.equal(cases[name]!.kind === 'public', route.auth === 'public', `${name}: the case's kind follows the route's auth (${route.auth})`);
    assert.equal(cases[name]!.kind === 'system', route.path.includes(':systemId') && !route.path.includes(':customerId'), `${name}: system routes are those with :systemId`);
    assert.equal(cases[name]!.kind === 'customer', route.path.includes(':customerId') || route.auth === 'api-key', `${name}: customer routes are those with :customerId, and API-key routes`);
    assert.equal(cases[name]!.kind === 'admin', route.auth === 'admin', `${name}: admin cases are the portal administrators' routes`);
  }
});

test('no session, or a session that does not exist: 401 on every route but the public ones', async () => {
  const { current } = await ownedSystem();
  for (const [name, route] of routes) {
    const c = cases[name]!;
    for (const token of [undefined, 'bmsp_not-a-session']) {
      const call = c.kind === 'system' ? withParams(c.call(current), current) : c.kind === 'account' ? await c.call('owner') : c.kind === 'customer' ? c.call(await customerOf()) : c.call();
      const answer = await send(route, call, token);
      if (c.kind === 'public') {
        assert.ok(answer.status >= 200 && answer.status < 300, `${name} is public: ${answer.status} ${answer.text.slice(0, 200)}`);
        continue;
      }
      assert.equal(answer.status, 401, `${name} without a session (${token ?? 'none'}): ${answer.text.slice(0, 200)}`);
      assert.equal(assertRefusalShape(answer, name).code, 'unauthorized');
    }
  }
});

test("a stranger's session: the documented stranger answer, the same for a current and a replaced System ID, naming no person", async () => {
  const secrets = [OWNER_PERSON, owner.email];
  for (const [name, route] of routes) {
    const c = cases[name]!;
    if (c.kind === 'public') continue;
    if (c.kind === 'admin') {
      // Any account that is no portal administrator, partner administrators included.
      for (const token of [other.client.token!, owner.client.token!]) {
        const answer = await send(route, c.call(), token);
        assert.equal(answer.status, 403, `${name}: ${answer.text.slice(0, 300)}`);
        assert.equal(assertRefusalShape(answer, name).code, 'forbidden');
      }
      continue;
    }
    if (c.kind === 'customer') {
      // A partner with no link to the customer (an API-key route: no key at all).
      const answer = await send(route, c.call(await customerOf()), c.apiKey ? undefined : strangers[0]!.client.token);
      assert.equal(answer.status, c.apiKey ? 401 : 403, `${name}: ${answer.text.slice(0, 300)}`);
      assert.equal(assertRefusalShape(answer, name).code, c.apiKey ? 'unauthorized' : 'forbidden');
      for (const secret of secrets) assert.ok(!answer.text.includes(secret), `${name}: "${secret}" in ${answer.text.slice(0, 300)}`);
      continue;
    }
    if (c.kind === 'account') {
      const token = c.session ? await c.session('stranger') : other.client.token!;
      const answer = await send(route, await c.call('stranger'), token);
      assert.ok(answer.status < 500 && ![401, 403].includes(answer.status), `${name}: another account acts on its own: ${answer.status} ${answer.text.slice(0, 200)}`);
      for (const secret of [...secrets, self.email]) assert.ok(!answer.text.includes(secret), `${name}: "${secret}" in ${answer.text.slice(0, 300)}`);
      continue;
    }
    const { current, replaced } = await ownedSystem();
    for (const stranger of strangers) {
      const answers: Answer[] = [];
      for (const systemId of [current, replaced]) answers.push(await send(route, withParams(c.call(systemId), systemId), stranger.client.token));
      const masked = answers.map((a) => ({ status: a.status, text: a.text.replaceAll(current, '*').replaceAll(replaced, '*') }));
      assert.deepEqual(masked[1], masked[0], `${name}: a replaced ID answers a stranger as the current one`);
      const [answer] = answers as [Answer];
      for (const secret of secrets) assert.ok(!answer.text.includes(secret), `${name}: "${secret}" in ${answer.text.slice(0, 300)}`);
      if (c.stranger === 'taken') {
        assert.equal(answer.status, 200, `${name}: ${answer.text}`);
        assert.equal((JSON.parse(answer.text) as { access: string }).access, 'taken');
      } else {
        assert.equal(answer.status, 403, `${name}: ${answer.text.slice(0, 300)}`);
        assert.equal(assertRefusalShape(answer, name).code, 'forbidden');
      }
      if (c.unknownIs404) {
        const unknown = newId('NONE');
        const refused = await send(route, withParams(c.call(unknown), unknown), stranger.client.token);
        assert.equal(refused.status, 404, `${name}: an unknown System ID: ${refused.text.slice(0, 300)}`);
        assertRefusalShape(refused, name);
      }
    }
  }
});

test('the owner is allowed on every route: 2xx, or a 400 about the input, never 401 or 403', async () => {
  for (const [name, route] of routes) {
    const c = cases[name]!;
    let answer: Answer;
    let allowed = [400];
    if (c.kind === 'public') answer = await send(route, c.call());
    else if (c.kind === 'admin') {
      answer = await send(route, c.call(), await portalAdminToken());
      allowed = [400, ...(c.ownerMayGet ?? [])];
    } else if (c.kind === 'customer') {
      const customer = await customerOf();
      answer = await send(route, c.call(customer), c.apiKey ? customer.apiKey : owner.client.token);
      allowed = [400, ...(c.ownerMayGet ?? [])];
    } else if (c.kind === 'account') {
      const token = c.session ? await c.session('owner') : self.client.token!;
      if (name === 'mfaConfirm') await send(portalRoutes.mfaEnrol, { body: {} }, token);
      answer = await send(route, await c.call('owner'), token);
      allowed = [400, ...(c.ownerMayGet ?? [])];
    } else {
      const { current } = await ownedSystem();
      answer = await send(route, withParams(c.call(current), current), owner.client.token);
    }
    const ok = (answer.status >= 200 && answer.status < 300) || allowed.includes(answer.status);
    assert.ok(ok, `${name}: the owner gets ${answer.status}: ${answer.text.slice(0, 300)}`);
    if (answer.status >= 400) assertRefusalShape(answer, name);
    if (name === 'listSystems') assert.ok(!answer.text.includes(owner.email));
  }
});

test("listSystems: an account's list holds its own systems only", async () => {
  const { current } = await ownedSystem();
  const page = (token: string | undefined) => send(portalRoutes.listSystems, { query: { q: current, limit: '200' } }, token);
  assert.ok((await page(owner.client.token)).text.includes(current));
  for (const stranger of strangers) {
    const answer = await page(stranger.client.token);
    assert.equal(answer.status, 200);
    assert.equal((JSON.parse(answer.text) as { total: number }).total, 0);
  }
});
