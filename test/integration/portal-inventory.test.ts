// Inventory reports and the System Information answer on the running portal process: a report
// replaces the last; owners only (403 before anything else); the lead is the registration's
// current System ID; a shadow's ID is never associated (nothing changed); another registration's
// ID is never a shadow; the information answer holds the codes, inventory, audit and mail of that
// registration only; delivery follows the latest online report or issued code; body limits.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generateInstallationKeys } from '../../shared/node/codes/keys.js';
import { createRequestCode } from '../../shared/node/codes/request-code.js';
import type { InventoryInput } from '../../shared/portal/inventory.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { newAccount, registrationForm, refusal, type TestAccount } from '../support/portal-accounts.js';

let portal: Started<{ url: string }>;
let partner: TestAccount;
let otherPartner: TestAccount;

before(async () => {
  portal = await startPortal(tempDir('portal-inventory'));
  [partner, otherPartner] = await Promise.all([newAccount(portal.info.url, { kind: 'partner' }), newAccount(portal.info.url, { kind: 'partner' })]);
});
after(() => portal.stop());

let n = 0;
const newId = (what: string) => `${what}-${process.pid}-${++n}-Inv`;
const server = (systemId: string, role: 'lead' | 'shadow', i = 0) => ({
  name: role === 'lead' ? 'ES-1' : `AS-${i}`,
  kind: role === 'lead' ? ('enterprise-server' as const) : ('automation-server' as const),
  model: null,
  serialNumber: role === 'lead' ? null : `SN-${i}`,
  firmwareVersion: '6.0.4',
  ipAddress: `10.0.0.${i + 5}`,
  systemId,
  role,
});
const report = (lead: string, shadows: string[]): InventoryInput => ({ servers: [server(lead, 'lead'), ...shadows.map((s, i) => server(s, 'shadow', i + 1))] });
const register = async (owner: TestAccount, siteName = 'Quay House') => {
  const systemId = newId('ES');
  await owner.client.call('registerSystem', { params: { systemId }, body: registrationForm({ siteName }) });
  return systemId;
};
const put = (owner: TestAccount, systemId: string, body: InventoryInput) => owner.client.call('reportInventory', { params: { systemId }, body });
const info = (owner: TestAccount, systemId: string) => owner.client.call('systemInformation', { params: { systemId } });

test('a report replaces the last one; the audit log records counts, not the list', async () => {
  const systemId = await register(partner);
  const [a, b] = [newId('AS'), newId('AS')];
  const first = await put(partner, systemId, report(systemId, [a, b]));
  assert.equal(first.source, 'online');
  assert.deepEqual(first.servers.map((s) => [s.systemId, s.role]), [[systemId, 'lead'], [a, 'shadow'], [b, 'shadow']]);
  const second = await put(partner, systemId, report(systemId, [b]));
  assert.ok(second.reportedAt >= first.reportedAt);
  const { inventory, audit } = await info(partner, systemId);
  assert.deepEqual(inventory?.servers.map((s) => s.systemId), [systemId, b], 'only the latest report is kept');
  assert.equal(inventory?.servers[1]?.serialNumber, 'SN-1');
  const reported = audit.filter((e) => e.action === 'system.inventory-reported');
  assert.deepEqual(reported.map((e) => e.detail), [
    { systemId, source: 'online', servers: 2, shadows: 1 },
    { systemId, source: 'online', servers: 3, shadows: 2 },
  ]);
  // A server dropped from the latest report is no longer anyone's shadow: it may be associated.
  const moved = await partner.client.call('associateSystemId', { params: { systemId }, body: { newSystemId: a } });
  assert.equal(moved.systemId, a);
});

test('owners only: a stranger gets 403 before anything about the list or the System ID is said', async () => {
  const systemId = await register(partner);
  const bad = { servers: [server('NOT-THE-LEAD', 'lead'), server('NOT-THE-LEAD', 'lead')] };
  const refused = await refusal(put(otherPartner, systemId, bad));
  assert.equal(refused.status, 403);
  assert.match(refused.message, /not associated with your account/);
  assert.equal((await refusal(info(otherPartner, systemId))).status, 403);
  // An ID replaced earlier: the owner is told the current one, a stranger is not.
  const newSystemId = newId('ES');
  await partner.client.call('associateSystemId', { params: { systemId }, body: { newSystemId } });
  const stranger = await refusal(put(otherPartner, systemId, report(systemId, [])));
  assert.equal(stranger.status, 403);
  assert.doesNotMatch(stranger.message, new RegExp(newSystemId));
  assert.equal((await refusal(put(otherPartner, newId('NONE'), report('x', [])))).status, 404, 'as getSystem says: not registered');
  assert.equal((await info(partner, newSystemId)).inventory, null, 'nothing was saved');
});

test('the lead must be the current System ID: one lead, each ID once', async () => {
  const systemId = await register(partner);
  const newSystemId = newId('ES');
  await partner.client.call('associateSystemId', { params: { systemId }, body: { newSystemId } });
  const oldPath = await refusal(put(partner, systemId, report(systemId, [])));
  assert.equal(oldPath.status, 409);
  assert.match(oldPath.message, new RegExp(`it is ${newSystemId} now`));
  const oldLead = await refusal(put(partner, newSystemId, report(systemId, [])));
  assert.equal(oldLead.status, 400);
  assert.deepEqual(oldLead.issues.map((i) => i.path), ['servers.0.systemId']);
  assert.match(oldLead.issues[0]!.message, new RegExp(`must be ${newSystemId}`));
  const shadow = newId('AS');
  const noLead = await refusal(put(partner, newSystemId, { servers: [server(shadow, 'shadow')] }));
  assert.deepEqual(noLead.issues.map((i) => i.path), ['servers']);
  const twoLeads = await refusal(put(partner, newSystemId, { servers: [server(newSystemId, 'lead'), server(shadow, 'lead')] }));
  assert.deepEqual(twoLeads.issues.map((i) => i.path), ['servers.1.role']);
  const twice = await refusal(put(partner, newSystemId, report(newSystemId, [shadow, shadow])));
  assert.deepEqual(twice.issues.map((i) => i.path), ['servers.2.systemId']);
  assert.match(twice.issues[0]!.message, /listed twice/);
  assert.equal((await info(partner, newSystemId)).inventory, null, 'nothing was saved');
});

test("a shadow's System ID is never associated: refused with the lead named, nothing changed", async () => {
  const systemId = await register(partner);
  const other = await register(partner, 'Other House');
  const shadow = newId('AS');
  const reported = await put(partner, systemId, report(systemId, [shadow]));
  const before = await info(partner, systemId);
  const otherBefore = await info(partner, other);

  for (const [from, label] of [[systemId, 'its own lead'], [other, 'another registration']] as const) {
    const refused = await refusal(partner.client.call('associateSystemId', { params: { systemId: from }, body: { newSystemId: shadow } }));
    assert.equal(refused.status, 409, label);
    assert.equal(
      refused.message,
      `System ID ${shadow} is a shadow of ${systemId} (reported ${reported.reportedAt.slice(0, 10)}): a shadow inherits its lead's registration and is never associated on its own. Write the lead's registration to it again from the companion instead.`,
    );
    assert.deepEqual(refused.issues.map((i) => i.path), ['newSystemId']);
  }
  const afterwards = await info(partner, systemId);
  assert.deepEqual(afterwards.registration.systemIds, before.registration.systemIds, 'history unchanged');
  assert.equal(afterwards.registration.revision, before.registration.revision);
  assert.deepEqual(afterwards.audit, before.audit, 'audit unchanged');
  assert.deepEqual(afterwards.mail.map((m) => m.id), before.mail.map((m) => m.id), 'no mail');
  assert.deepEqual((await info(partner, other)).audit, otherBefore.audit);
  // The refusal of an ID registered already stays as it was.
  const registered = await refusal(partner.client.call('associateSystemId', { params: { systemId: other }, body: { newSystemId: systemId } }));
  assert.match(registered.message, /registered already/);
});

test("another registration's System ID, current or old, is never a shadow", async () => {
  const systemId = await register(partner);
  const theirs = await register(otherPartner);
  const theirsNow = newId('ES');
  await otherPartner.client.call('associateSystemId', { params: { systemId: theirs }, body: { newSystemId: theirsNow } });
  const kept = await put(partner, systemId, report(systemId, [newId('AS')]));
  for (const taken of [theirsNow, theirs]) {
    const refused = await refusal(put(partner, systemId, report(systemId, [newId('AS'), taken])));
    assert.equal(refused.status, 409, taken);
    assert.deepEqual(refused.issues.map((i) => i.path), ['servers.2.systemId']);
    assert.match(refused.message, /another registration's System ID/);
  }
  const { inventory } = await info(partner, systemId);
  assert.deepEqual(inventory?.servers, kept.servers, 'the last good report stays');
});

test('System Information: codes, inventory, audit and mail of this registration, newest first; delivery online or offline', async () => {
  const systemId = await register(partner, 'Info House');
  const other = await register(partner, 'Elsewhere');
  const listed = async () => (await partner.client.call('listSystems', { query: { q: systemId } })).items[0]!;
  assert.equal((await info(partner, systemId)).delivery, null, 'registered on the portal only');
  assert.equal((await listed()).delivery, null);

  await put(partner, systemId, report(systemId, [newId('AS')]));
  assert.equal((await info(partner, systemId)).delivery, 'online');
  assert.equal((await listed()).delivery, 'online');

  const request = createRequestCode({ systemId, machineId: 'site-1', serverSystemIds: [], installationPublicKey: generateInstallationKeys().publicKey });
  const issued = await partner.client.call('issueCode', { params: { systemId }, body: { request: request.code, kind: 'register' } });
  const offline = await info(partner, systemId);
  assert.equal(offline.delivery, 'offline', 'a code issued after the online report');
  assert.equal((await listed()).delivery, 'offline');
  assert.deepEqual(offline.codes.map((c) => [c.serial, c.registrationCode]), [[issued.serial, issued.registrationCode]]);

  await put(partner, systemId, report(systemId, []));
  const latest = await info(partner, systemId);
  assert.equal(latest.delivery, 'online', 'the latest of the two wins');
  assert.deepEqual(latest.audit.map((e) => e.action), ['system.inventory-reported', 'code.issued', 'system.inventory-reported', 'system.registered'], 'newest first');
  assert.ok(latest.audit.every((e, i) => i === 0 || e.id < latest.audit[i - 1]!.id));
  assert.equal(latest.registration.installation.siteName, 'Info House');

  // Mail: queued with the edit, about this registration only, then sent by the outbox dispatcher.
  await partner.client.call('registerSystem', { params: { systemId }, body: { installation: { ...registrationForm().installation, siteName: 'Info House 2' } } });
  let mail = (await info(partner, systemId)).mail;
  for (let i = 0; i < 50 && mail.some((m) => m.state !== 'sent'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    mail = (await info(partner, systemId)).mail;
  }
  assert.equal(mail.length, 2, 'registered, then modified');
  assert.ok(mail[0]!.id > mail[1]!.id, 'newest first');
  // Subjects are fixed phrases (no typed System ID or site name in them): the list is this registration's by its id.
  assert.deepEqual(mail.map((m) => m.subject), ['Registration changed', 'Registration changed']);
  assert.ok(mail.every((m) => m.state === 'sent' && m.sentAt && m.attempts === 1 && m.lastError === null), JSON.stringify(mail));
  assert.ok(mail[0]!.recipients.includes(partner.email));
  const otherMail = (await info(partner, other)).mail;
  assert.deepEqual(otherMail.map((m) => m.subject), ['Registration changed'], 'only the mail about that registration');
});

test('body limits: an inventory may be up to 1 MiB, other routes 64 KiB, and the 413 says which', async () => {
  const systemId = await register(partner);
  const big = report(systemId, Array.from({ length: 1500 }, (_, i) => `${systemId}-AS-${i}`));
  assert.ok(JSON.stringify(big).length > 64 * 1024);
  assert.equal((await put(partner, systemId, big)).servers.length, 1501, 'over 64 KiB, under 1 MiB: taken');
  const headers = { authorization: `Bearer ${partner.client.token}`, 'content-type': 'application/json' };
  const tooBig = await fetch(`${portal.info.url}/api/v1/systems/${systemId}/inventory`, { method: 'PUT', headers, body: JSON.stringify({ servers: [], pad: 'x'.repeat(1024 * 1024) }) });
  assert.equal(tooBig.status, 413);
  assert.match(((await tooBig.json()) as { error: { message: string } }).error.message, /larger than 1 MiB/);
  const form = await fetch(`${portal.info.url}/api/v1/systems/${systemId}`, { method: 'PUT', headers, body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }) });
  assert.equal(form.status, 413);
  assert.match(((await form.json()) as { error: { message: string } }).error.message, /larger than 64 KiB/);
});
