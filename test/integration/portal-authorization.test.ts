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
import { PortalClient } from '../../main/services/portal/portal-client.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { PASSWORD, newAccount, registrationForm, uniqueEmail, type TestAccount } from '../support/portal-accounts.js';
import { assertRefusalShape } from '../support/raw-http.js';

let portal: Started<{ url: string }>;
let url: string;
/** The integrator that holds every system below. */
let owner: TestAccount;
const OWNER_PERSON = 'Olivia Ownername';
/** Strangers to those systems: an integrator and an end user (the end-user place stays free). */
let strangers: TestAccount[];
/** Accounts whose own account routes are called (end users: a fresh session needs no MFA code). */
let self: TestAccount;
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
});
after(() => portal.stop());

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

type Case = SystemCase | AccountCase | PublicCase;

const system = (call: SystemCase['call'], more: Partial<SystemCase> = {}): SystemCase => ({ kind: 'system', call, stranger: 'refused', unknownIs404: true, ...more });

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
    assert.equal(cases[name]!.kind === 'system', route.path.includes(':systemId'), `${name}: system routes are those with :systemId`);
  }
});

test('no session, or a session that does not exist: 401 on every route but the public ones', async () => {
  const { current } = await ownedSystem();
  for (const [name, route] of routes) {
    const c = cases[name]!;
    for (const token of [undefined, 'bmsp_not-a-session']) {
      const call = c.kind === 'system' ? withParams(c.call(current), current) : c.kind === 'account' ? await c.call('owner') : c.call();
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
    else if (c.kind === 'account') {
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
