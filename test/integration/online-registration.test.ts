// Online registration from the site, over real parts: the simulator (1 ES + 3 automation servers),
// the portal process, and the companion's services on a real SQLite file, logged on to the portal
// as the Portal screen does. Registered online, the lead and its shadows hold it; a second
// integrator is refused with the portal's reason; a locked field is refused for the integrator once
// the end user is in; every wipe case ends right (a shadow written again, the lead associated with
// both IDs in the portal's history, wiped twice); crafted associations are refused with nothing
// changed; and a portal that stops answering is said so, with the offline path still open.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { z } from 'zod';
import { createCompanion, type Companion } from '../../main/services/index.js';
import { callSchemas } from '../../shared/contract/schemas.js';
import type { OnlineStatus } from '../../shared/domain/online.js';
import type { SiteSnapshot } from '../../shared/domain/server.js';
import { simAdmin, type SimServerInfo } from '../support/sim-admin.js';
import { failsWith } from '../support/refusals.js';
import { SIM_LOGIN, startPortal, startSim, tempDir, type Started } from '../support/processes.js';
import { acceptInvitation, newAccount, PASSWORD, refusal, registrationForm, type TestAccount } from '../support/portal-accounts.js';

let sim: Started<{ url: string }>;
let portal: Started<{ url: string }>;
let companion: Companion;
let partner: TestAccount;
const events: OnlineStatus[] = [];

const h = () => companion.handlers;
/** Through the contract's schema, as the window's calls arrive. */
const registerOnline = (c: Companion, registration: z.input<(typeof callSchemas)['online.register']['input']>['registration']) =>
  c.handlers['online.register'](callSchemas['online.register'].input.parse({ leadAddress: sim.info.url, registration }));
const admin = <T = unknown>(route: string, method?: string, body?: unknown) => simAdmin(sim.info.url)<T>(route, method, body);
const server = (key: string) => admin<SimServerInfo>(`servers/${key}`);
const KEYS = ['_top', 'es-1-as-1', 'es-1-as-2', 'es-1-as-3'];
const addressOf = (key: string) => (key === '_top' ? sim.info.url : `${sim.info.url}/${key}`);
const row = (snapshot: SiteSnapshot, key: string) => snapshot.servers.find((s) => s.address === addressOf(key))!;


/** A companion at this site, logged on to the portal with a recovery code (no wait for a fresh TOTP step). */
async function siteCompanion(name: string, account: TestAccount): Promise<Companion> {
  const c = createCompanion({
    dataDir: tempDir(name),
    version: 'test',
    emit: (event, payload) => {
      if (event === 'online.changed') events.push(payload as OnlineStatus);
    },
  });
  c.site.saveConnection({ targets: sim.info.url, ...SIM_LOGIN });
  await c.site.discover();
  await c.handlers['portal.connect']({ url: portal.info.url });
  const recoveryCode = account.recoveryCodes.shift();
  await c.handlers['portal.logon']({ email: account.email, password: PASSWORD, ...(recoveryCode ? { recoveryCode } : {}) });
  return c;
}

before(async () => {
  [sim, portal] = await Promise.all([startSim(['--es', '1', '--as', '3', '--seed', '23']), startPortal(tempDir('online-portal'))]);
  partner = await newAccount(portal.info.url, { kind: 'partner' });
  companion = await siteCompanion('online-site', partner);
});
after(async () => {
  companion?.close();
  await Promise.all([sim?.stop(), portal?.stop()]);
});

test('registered online: the portal has it with the site\'s servers, and the lead and its three shadows hold it', async () => {
  const check = await h()['online.check']({});
  assert.deepEqual({ reachable: check.reachable, loggedOn: check.loggedOn }, { reachable: true, loggedOn: true }, check.message);
  const es = await server('_top');
  const result = await registerOnline(companion, registrationForm());
  assert.equal(result.summary, `Registered online on ${new Date().toISOString().slice(0, 10)}; written to all 4 servers.`);
  assert.deepEqual(result.inventory, { reported: true, error: null });
  assert.deepEqual(
    result.servers.map((s) => s.state),
    ['done', 'done', 'done', 'done'],
  );
  for (const key of KEYS) {
    const held = (await server(key)).registration;
    assert.equal(held.state, 'registered', key);
    assert.equal(held.method, 'online', key);
    assert.equal(held.leadSystemId, es.systemId, `${key} carries the lead's registration`);
    assert.equal(held.siteName, 'Harbour Tower', key);
  }
  const snapshot = companion.site.snapshot();
  assert.equal(row(snapshot, '_top').status, 'registered');
  assert.equal(row(snapshot, 'es-1-as-1').status, 'inherits');
  const info = await partner.client.call('systemInformation', { params: { systemId: es.systemId } });
  assert.equal(info.delivery, 'online');
  assert.deepEqual(
    info.inventory?.servers.map((s) => [s.role, s.systemId]),
    [['lead', es.systemId], ...(await Promise.all(KEYS.slice(1).map(server))).map((s) => ['shadow', s.systemId])],
  );
  assert.ok(events.some((e) => e.results.some((r) => r.id === result.id)), 'the screens were told');
});

test('a second integrator is refused with the portal\'s reason, and nothing is written', async () => {
  const other = await newAccount(portal.info.url, { kind: 'partner', organization: 'Rival Controls' });
  const rival = await siteCompanion('online-rival', other);
  try {
    const before = await server('_top');
    await failsWith(() => registerOnline(rival, registrationForm({ siteName: 'Taken over' })), 'forbidden', /registered to another integrator account/);
    assert.deepEqual((await server('_top')).registration, before.registration, 'the servers keep what they had');
  } finally {
    rival.close();
  }
});

test('modify works the same way; once the end user is in, the integrator\'s edit of a locked field is refused with the reason', async () => {
  const es = await server('_top');
  const modified = await registerOnline(companion, { warranty: { reference: 'W-2026-7', startDate: '2026-01-01', endDate: '2028-12-31' } });
  assert.equal((await partner.client.call('getSystem', { params: { systemId: es.systemId } })).warranty?.reference, 'W-2026-7');
  assert.match(modified.summary, /written to all 4 servers/);
  const endUser = await newAccount(portal.info.url, { kind: 'end-user' });
  await partner.client.call('inviteToSystem', { params: { systemId: es.systemId }, body: { email: endUser.email } });
  await acceptInvitation(endUser);
  const changed = registrationForm({ siteName: 'Harbour Tower North' });
  await endUser.client.call('registerSystem', { params: { systemId: es.systemId }, body: { installation: changed.installation } });
  await failsWith(
    () => registerOnline(companion, { installation: registrationForm({ siteName: 'Integrator rename' }).installation }),
    'forbidden',
    /installation and site administrator data are theirs to change now/,
  );
  assert.equal((await server('_top')).registration.siteName, 'Harbour Tower', 'the refused edit wrote nothing');
  // The integrator's write-again still carries the end user's site name.
  await registerOnline(companion, {});
  assert.equal((await server('es-1-as-3')).registration.siteName, 'Harbour Tower North');
});

test('a wiped shadow gets its lead\'s registration written again, with no portal call', async () => {
  const es = await server('_top');
  const history = (await partner.client.call('getSystem', { params: { systemId: es.systemId } })).systemIds;
  await admin('servers/es-1-as-2/wipe', 'POST');
  const wiped = row(await companion.site.discover(), 'es-1-as-2');
  assert.equal(wiped.status, 'needs-reassociation');
  await failsWith(() => h()['online.associate']({ address: wiped.address, systemId: es.systemId }), 'conflict', /is a shadow of ES-1: it has no registration of its own to associate/);
  assert.deepEqual(await h()['site.shadow.rewrite']({ address: wiped.address }), { written: true, error: null });
  assert.equal((await server('es-1-as-2')).registration.leadSystemId, es.systemId);
  assert.equal(row(companion.site.snapshot(), 'es-1-as-2').previousSystemId, null, 'the flag is gone');
  assert.deepEqual((await partner.client.call('getSystem', { params: { systemId: es.systemId } })).systemIds, history, 'the portal was not touched');
});

test('crafted associations, for a shadow\'s ID or another system\'s, are refused with nothing changed', async () => {
  const es = await server('_top');
  const shadow = await server('es-1-as-1');
  const before = await partner.client.call('getSystem', { params: { systemId: es.systemId } });
  const auditBefore = (await partner.client.call('systemAudit', { params: { systemId: es.systemId } })).length;
  const asShadow = await refusal(partner.client.call('associateSystemId', { params: { systemId: es.systemId }, body: { newSystemId: shadow.systemId } }));
  assert.equal(asShadow.status, 409);
  assert.match(asShadow.message, new RegExp(`${shadow.systemId} is a shadow of ${es.systemId}`));
  await partner.client.call('registerSystem', { params: { systemId: 'OTHER-SYSTEM-1' }, body: registrationForm({ siteName: 'Elsewhere' }) });
  const asOther = await refusal(partner.client.call('associateSystemId', { params: { systemId: es.systemId }, body: { newSystemId: 'OTHER-SYSTEM-1' } }));
  assert.equal(asOther.status, 409);
  assert.match(asOther.message, /is registered already/);
  const after = await partner.client.call('getSystem', { params: { systemId: es.systemId } });
  assert.deepEqual(after.systemIds, before.systemIds);
  assert.equal(after.revision, before.revision);
  assert.equal((await partner.client.call('systemAudit', { params: { systemId: es.systemId } })).length, auditBefore, 'no audit entry: nothing happened');
});

test('the lead wiped twice, then associated online: the portal keeps both IDs, every server holds the registration, the flag clears', async () => {
  const registered = (await server('_top')).systemId;
  await admin('servers/_top/wipe', 'POST');
  const between = row(await companion.site.discover(), '_top').systemId;
  await admin('servers/_top/wipe', 'POST');
  const flagged = row(await companion.site.discover(), '_top');
  assert.equal(flagged.status, 'needs-reassociation');
  assert.equal(flagged.previousSystemId, registered, `the ID the portal knows, not ${between}`);
  // The ID between the two wipes was never registered: the portal refuses it as the old one.
  await failsWith(() => h()['online.associate']({ address: sim.info.url, systemId: between }), 'not_found', /No system is registered/);
  const result = await h()['online.associate']({ address: sim.info.url, systemId: flagged.previousSystemId! });
  assert.equal(result.summary, `New System ID ${flagged.systemId} associated online (was ${registered}) on ${new Date().toISOString().slice(0, 10)}; written to all 4 servers.`);
  const view = await partner.client.call('getSystem', { params: { systemId: flagged.systemId } });
  assert.deepEqual(
    view.systemIds.map((s) => s.systemId),
    [registered, flagged.systemId],
  );
  for (const key of KEYS) assert.equal((await server(key)).registration.leadSystemId, flagged.systemId, `${key} carries the registration under the new ID`);
  const after = row(companion.site.snapshot(), '_top');
  assert.equal(after.previousSystemId, null);
  assert.equal(after.status, 'registered');
  // The old ID now names a registration that moved on: associating from it again is refused, saying which ID it expected.
  const again = await refusal(partner.client.call('associateSystemId', { params: { systemId: registered }, body: { newSystemId: 'ANOTHER-NEW-ID' } }));
  assert.equal(again.status, 409);
  assert.match(again.message, new RegExp(`it is ${flagged.systemId} now`));
});

test('System Information sets the portal\'s record beside what each server reports', async () => {
  const es = await server('_top');
  await admin('servers/es-1-as-3/registration', 'PUT', { state: 'unregistered', method: null, code: null, organization: null, siteName: null, registeredAt: null, leadSystemId: null });
  await companion.site.discover();
  const info = await h()['portal.system.information']({ systemId: es.systemId });
  assert.equal(info.portal.registration.systemId, es.systemId);
  assert.ok(info.site, 'this companion read the same site');
  const byAddress = new Map(info.site.servers.map((s) => [s.address, s]));
  assert.equal(byAddress.get(sim.info.url)?.state, 'ok');
  assert.equal(byAddress.get(addressOf('es-1-as-1'))?.state, 'ok');
  assert.deepEqual([byAddress.get(addressOf('es-1-as-3'))?.state, byAddress.get(addressOf('es-1-as-3'))?.action], ['not-written', 'write-again']);
});

test('a portal that stops answering is said so in words; the offline path stays open', async () => {
  await portal.stop();
  const check = await h()['online.check']({});
  assert.equal(check.reachable, false);
  assert.match(check.message, /does not answer: .*Register offline with codes instead/);
  await failsWith(() => registerOnline(companion, {}), 'unreachable', /Cannot reach the Registration Portal/);
  assert.equal((await h()['offline.request.create']({ leadAddress: sim.info.url, kind: 'register' })).kind, 'register');
});
