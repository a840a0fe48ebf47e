// Systems against the running portal process: register by System ID, the one-integrator and
// one-end-user rule (also under 50 parallel claims), edit locks, warranty rules, association of a
// new System ID with its history, the audit log, and bad input that gets 4xx with field messages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PortalRequestError } from '../../main/services/portal/portal-client.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { acceptInvitation, newAccount, registrationForm, type TestAccount, refusal } from '../support/portal-accounts.js';
import { outboxMailbox } from '../support/portal-mail.js';

let portal: Started<{ url: string; outboxDir: string }>;
let url: string;
let partner: TestAccount;
let otherPartner: TestAccount;
let endUser: TestAccount;

before(async () => {
  // 50 accounts and more sign up from this one address within the minute.
  portal = await startPortal(tempDir('portal-systems'), [], { PORTAL_BRANCH_SIGNUP: 'true', PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '1000', PORTAL_SIGNUPS_PER_MINUTE: '1000', PORTAL_SIGNUP_QUEUE: '100' });
  url = portal.info.url;
  [partner, otherPartner, endUser] = await Promise.all([
    newAccount(url, { kind: 'partner', organization: 'Acme Integration' }),
    newAccount(url, { kind: 'partner', organization: 'Rival Controls' }),
    newAccount(url, { kind: 'end-user' }),
  ]);
});
after(() => portal.stop());


let serial = 0;
const newSystemId = () => `Sys-${process.pid}-${++serial}-aB`;
const invite = (owner: TestAccount, systemId: string, guest: TestAccount) => owner.client.call('inviteToSystem', { params: { systemId }, body: { email: guest.email } });
/** The guest follows the link in the invitation mail the portal wrote to its outbox. */
const accept = (guest: TestAccount) => acceptInvitation(guest, outboxMailbox(portal.info.outboxDir));

test('an integrator registers a system; the System ID is case-sensitive', async () => {
  const systemId = newSystemId();
  assert.equal((await partner.client.call('systemAccess', { params: { systemId } })).access, 'unregistered');
  const view = await partner.client.call('registerSystem', { params: { systemId }, body: registrationForm() });
  assert.equal(view.systemId, systemId);
  assert.equal(view.yourRole, 'integrator');
  assert.equal(view.status, 'pending-consent', 'confirmed only once the end user consents');
  assert.equal(view.integrator?.organization, 'Acme Integration');
  assert.equal(view.siteAdministrator.phone, '+33123456789');

  const wrongCase = await refusal(partner.client.call('getSystem', { params: { systemId: systemId.toUpperCase() } }));
  assert.equal(wrongCase.status, 404);
  assert.match(wrongCase.message, /case-sensitive/);
  assert.equal((await partner.client.call('systemAccess', { params: { systemId } })).access, 'yours');
  assert.deepEqual((await partner.client.call('listSystems', { query: { q: systemId } })).items.map((s) => s.systemId), [systemId]);
});

test('a second integrator is refused with who holds the system; the end user joins by invitation only, and gives consent', async () => {
  const systemId = newSystemId();
  await partner.client.call('registerSystem', { params: { systemId }, body: registrationForm() });
  const access = await otherPartner.client.call('systemAccess', { params: { systemId } });
  assert.equal(access.access, 'taken');
  const refused = await refusal(otherPartner.client.call('registerSystem', { params: { systemId }, body: registrationForm() }));
  assert.equal(refused.status, 403);
  assert.match(refused.message, /Acme Integration/);
  assert.equal((await refusal(otherPartner.client.call('getSystem', { params: { systemId } }))).status, 403);

  // Knowing the System ID is not enough to take the free end-user place.
  assert.equal((await endUser.client.call('systemAccess', { params: { systemId } })).access, 'taken');
  const uninvited = await refusal(endUser.client.call('registerSystem', { params: { systemId }, body: {} }));
  assert.equal(uninvited.status, 403);
  assert.match(uninvited.message, /ask them to invite/);
  const consentByIntegrator = await refusal(partner.client.call('registerSystem', { params: { systemId }, body: { consent: { shareSystemInformation: true, sharePersonalInformation: true } } }));
  assert.equal(consentByIntegrator.issues[0]?.path, 'consent');

  const invited = await invite(partner, systemId, endUser);
  assert.deepEqual(invited.invitations.map((i) => [i.email, i.role, i.acceptedAt]), [[endUser.email, 'end-user', null]]);
  assert.equal((await refusal(invite(partner, systemId, endUser))).status, 409, 'invited already');
  assert.equal((await endUser.client.call('systemAccess', { params: { systemId } })).access, 'claimable');
  // Invited, but the place is taken only through the invitation's link.
  assert.equal((await refusal(endUser.client.call('registerSystem', { params: { systemId }, body: {} }))).status, 403);
  assert.match(await accept(endUser), /You are now this system's end user/);
  const joined = await endUser.client.call('registerSystem', { params: { systemId }, body: { consent: { shareSystemInformation: true, sharePersonalInformation: true } } });
  assert.equal(joined.yourRole, 'end-user');
  assert.equal(joined.status, 'confirmed');
  assert.equal(joined.consent.sharePersonalInformation.by, endUser.email);
  assert.ok(joined.invitations[0]?.acceptedAt, 'the invitation is used up');

  const secondEndUser = await newAccount(url, { kind: 'end-user' });
  assert.equal((await refusal(invite(partner, systemId, secondEndUser))).status, 409, 'the place is taken');
  const refusedEndUser = await refusal(secondEndUser.client.call('registerSystem', { params: { systemId }, body: {} }));
  assert.match(refusedEndUser.message, /another end-user account/);
});

test('50 parallel claims of one new System ID: exactly one integrator wins', async () => {
  // The accounts are made ten at a time (sign-ups queue for password hashing); the claims are all at once.
  const claimants: TestAccount[] = [];
  for (let i = 0; i < 50; i += 10) {
    claimants.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => newAccount(url, { kind: (i + j) % 5 === 0 ? 'branch' : 'partner' })))));
  }
  const systemId = newSystemId();
  const results = await Promise.allSettled(claimants.map((c) => c.client.call('registerSystem', { params: { systemId }, body: registrationForm() })));
  const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
  assert.equal(winners.length, 1, `exactly one winner, got ${winners.length}`);
  for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as PortalRequestError).status, 403);
  const view = await claimants[winners[0]!]!.client.call('getSystem', { params: { systemId } });
  assert.equal(view.integrator?.email, claimants[winners[0]!]!.email);
  assert.equal(view.revision, 1, 'no loser wrote anything');
});

test('once the end user edits or is associated, the integrator can no longer edit installation or site administrator data', async () => {
  const systemId = newSystemId();
  const form = registrationForm();
  const first = await partner.client.call('registerSystem', { params: { systemId }, body: form });
  assert.equal(first.integratorLocked, false);
  const renamed = await partner.client.call('registerSystem', { params: { systemId }, body: { installation: { ...form.installation, siteName: 'Harbour Tower East' } } });
  assert.equal(renamed.installation.siteName, 'Harbour Tower East');
  assert.equal(renamed.revision, 2);
  assert.deepEqual(await partner.client.call('getSystem', { params: { systemId } }), renamed, 'an edit answers the registration as a read gives it');

  await invite(partner, systemId, endUser);
  await accept(endUser);
  const joined = await endUser.client.call('registerSystem', { params: { systemId }, body: { installation: { ...form.installation, siteName: 'Harbour Tower (owner)' } } });
  assert.equal(joined.integratorLocked, true);
  assert.deepEqual(await endUser.client.call('getSystem', { params: { systemId } }), joined, 'as a read gives it');
  const locked = await refusal(partner.client.call('registerSystem', { params: { systemId }, body: { siteAdministrator: { ...form.siteAdministrator, name: 'Other' } } }));
  assert.equal(locked.status, 403);
  assert.deepEqual(locked.issues.map((i) => i.path), ['siteAdministrator']);
  assert.equal((await partner.client.call('getSystem', { params: { systemId } })).siteAdministrator.name, 'Sam Admin', 'nothing was written');

  const stale = await refusal(endUser.client.call('registerSystem', { params: { systemId }, body: { installation: form.installation, expectedRevision: 1 } }));
  assert.equal(stale.status, 409);
});

test('warranty data only by Branch or Partner', async () => {
  const systemId = newSystemId();
  const own = await endUser.client.call('registerSystem', { params: { systemId }, body: registrationForm({ consent: true }) });
  assert.equal(own.status, 'confirmed');
  const warranty = { startDate: '2026-01-01', endDate: '2028-12-31', reference: 'W-1' };
  const refused = await refusal(endUser.client.call('registerSystem', { params: { systemId }, body: { warranty } }));
  assert.equal(refused.status, 403);
  assert.equal(refused.issues[0]?.path, 'warranty');
  await invite(endUser, systemId, partner);
  await accept(partner);

  const withWarranty = await partner.client.call('registerSystem', { params: { systemId }, body: { warranty } });
  assert.equal(withWarranty.yourRole, 'integrator');
  assert.equal(withWarranty.warranty?.reference, 'W-1');
  assert.deepEqual(await partner.client.call('getSystem', { params: { systemId } }), withWarranty, 'as a read gives it');
  const backwards = await refusal(partner.client.call('registerSystem', { params: { systemId }, body: { warranty: { startDate: '2026-01-01', endDate: '2025-01-01' } } }));
  assert.equal(backwards.issues[0]?.path, 'warranty.endDate');
});

test('associating a new System ID after a wipe keeps the full history; the old ID points to the new one', async () => {
  const oldId = newSystemId();
  await partner.client.call('registerSystem', { params: { systemId: oldId }, body: registrationForm() });
  const newId = newSystemId();
  const associated = await partner.client.call('associateSystemId', { params: { systemId: oldId }, body: { newSystemId: newId } });
  assert.equal(associated.systemId, newId);
  assert.deepEqual(associated.systemIds.map((s) => [s.systemId, s.replacedAt === null]), [
    [oldId, false],
    [newId, true],
  ]);
  const newest = newSystemId();
  const again = await partner.client.call('associateSystemId', { params: { systemId: newId }, body: { newSystemId: newest } });
  assert.deepEqual(again.systemIds.map((s) => s.systemId), [oldId, newId, newest]);
  // An association names the ID it replaces, and that must be the current one.
  const fromReplaced = await refusal(partner.client.call('associateSystemId', { params: { systemId: oldId }, body: { newSystemId: newSystemId() } }));
  assert.equal(fromReplaced.status, 409);
  assert.match(fromReplaced.message, new RegExp(`no longer this registration's System ID: it is ${newest} now`));
  assert.deepEqual((await partner.client.call('getSystem', { params: { systemId: newest } })).systemIds.map((s) => s.systemId), [oldId, newId, newest], 'nothing changed');

  assert.equal((await partner.client.call('getSystem', { params: { systemId: oldId } })).systemId, newest, 'an old ID still finds its registration');
  assert.equal((await partner.client.call('systemAccess', { params: { systemId: oldId } })).access, 'replaced');
  const reRegister = await refusal(partner.client.call('registerSystem', { params: { systemId: oldId }, body: registrationForm() }));
  assert.equal(reRegister.status, 409);
  assert.match(reRegister.message, /replaced/);

  // A database restored from a backup brings an earlier System ID back: it becomes current again.
  const restored = await partner.client.call('associateSystemId', { params: { systemId: newest }, body: { newSystemId: newId } });
  assert.equal(restored.systemId, newId);
  assert.deepEqual(restored.systemIds.map((s) => [s.systemId, s.replacedAt === null]), [
    [oldId, false],
    [newest, false],
    [newId, true],
  ]);
  await partner.client.call('associateSystemId', { params: { systemId: newId }, body: { newSystemId: newest } });

  const otherSystem = newSystemId();
  await partner.client.call('registerSystem', { params: { systemId: otherSystem }, body: registrationForm() });
  const taken = await refusal(partner.client.call('associateSystemId', { params: { systemId: newest }, body: { newSystemId: otherSystem } }));
  assert.equal(taken.status, 409);
  const stranger = await refusal(otherPartner.client.call('associateSystemId', { params: { systemId: newest }, body: { newSystemId: newSystemId() } }));
  assert.equal(stranger.status, 403);
});

test('the audit log records who did what, and only owners can read it', async () => {
  const systemId = newSystemId();
  const form = registrationForm();
  await partner.client.call('registerSystem', { params: { systemId }, body: form });
  await partner.client.call('registerSystem', { params: { systemId }, body: { installation: { ...form.installation, city: 'Versailles', state: 'IDF' } } });
  await invite(partner, systemId, endUser);
  await accept(endUser);
  const newId = newSystemId();
  await endUser.client.call('associateSystemId', { params: { systemId }, body: { newSystemId: newId } });
  const audit = await endUser.client.call('systemAudit', { params: { systemId: newId } });
  assert.deepEqual(
    audit.map((a) => [a.action, a.actor]),
    [
      ['system.registered', partner.email],
      ['system.modified', partner.email],
      ['system.invited', partner.email],
      ['system.claimed', endUser.email],
      ['system.associated', endUser.email],
    ],
  );
  assert.deepEqual(audit[1]!.detail.changed, ['installation.city']);
  assert.equal((await refusal(otherPartner.client.call('systemAudit', { params: { systemId: newId } }))).status, 403);
});

test('bad input gets 4xx with field-level messages and writes nothing', async () => {
  const systemId = newSystemId();
  const form = registrationForm();
  const cases: { body: unknown; paths: string[] }[] = [
    { body: {}, paths: ['installation', 'siteAdministrator'] },
    { body: { ...form, installation: { ...form.installation, country: 'XX' } }, paths: ['installation.country'] },
    { body: { ...form, installation: { ...form.installation, state: 'ZZ' } }, paths: ['installation.state'] },
    { body: { ...form, installation: { ...form.installation, city: 'Atlantis' } }, paths: ['installation.city'] },
    { body: { ...form, installation: { ...form.installation, contactEmailConfirm: 'other@harbour.example' } }, paths: ['installation.contactEmailConfirm'] },
    { body: { ...form, siteAdministrator: { ...form.siteAdministrator, phone: '01 23 45 67 89' } }, paths: ['siteAdministrator.phone'] },
    { body: { ...form, installation: { ...form.installation, segment: 'Casino' } }, paths: ['installation.segment'] },
    { body: { ...form, surprise: true }, paths: ['surprise'] },
    { body: { ...form, installation: { ...form.installation, siteName: 'x'.repeat(201) } }, paths: ['installation.siteName'] },
    { body: [], paths: [''] },
    // A NUL character, which PostgreSQL cannot store (a 500 there once), wherever it is.
    { body: { ...form, installation: { ...form.installation, siteName: 'Harbour\u0000Tower' } }, paths: ['installation.siteName'] },
    { body: { ...form, siteAdministrator: { ...form.siteAdministrator, notes: 'line 1\n\u0000' } }, paths: ['siteAdministrator.notes'] },
    { body: { ...form, ['install\u0000ation']: {} }, paths: ['install?ation'] }, // said back with the NUL as ?
  ];
  for (const { body, paths } of cases) {
    const error = await refusal(partner.client.call('registerSystem', { params: { systemId }, body: body as never }));
    assert.equal(error.status, 400, JSON.stringify(body).slice(0, 80));
    assert.deepEqual(error.issues.map((i) => i.path).sort(), [...paths].sort());
    for (const issue of error.issues) assert.ok(issue.message.length > 10, issue.message);
  }
  assert.equal((await partner.client.call('systemAccess', { params: { systemId } })).access, 'unregistered', 'nothing was written');
  const nulQuery = await refusal(partner.client.call('listSystems', { query: { q: 'Harbour\u0000' } }));
  assert.deepEqual([nulQuery.status, nulQuery.issues.map((i) => i.path)], [400, ['q']]);
  assert.match(nulQuery.message, /NUL character \(U\+0000\)/);

  const raw = (init: RequestInit & { path?: string }) =>
    fetch(`${url}${init.path ?? `/api/v1/systems/${systemId}`}`, { method: 'PUT', ...init, headers: { authorization: `Bearer ${partner.client.token}`, ...init.headers } });
  const notJson = await raw({ body: '{"installation":', headers: { 'content-type': 'application/json' } });
  assert.equal(notJson.status, 400);
  assert.match(((await notJson.json()) as { error: { message: string } }).error.message, /not valid JSON/);
  const huge = await raw({ body: JSON.stringify({ ...form, installation: { ...form.installation, siteName: 'x'.repeat(200_000) } }), headers: { 'content-type': 'application/json' } });
  assert.equal(huge.status, 413);
  const xml = await raw({ body: '<x/>', headers: { 'content-type': 'application/xml' } });
  assert.equal(xml.status, 415);
  const longId = await raw({ path: `/api/v1/systems/${'S'.repeat(300)}`, method: 'GET' });
  assert.equal(longId.status, 400);
  const noSession = await fetch(`${url}/api/v1/systems/${systemId}`);
  assert.equal(noSession.status, 401);
  const forged = await fetch(`${url}/api/v1/systems/${systemId}`, { headers: { authorization: 'Bearer bmsp_forged' } });
  assert.equal(forged.status, 401);
  const nowhere = await fetch(`${url}/api/v1/nowhere`);
  assert.equal(nowhere.status, 404);
});

test('the OpenAPI document lists every route with its schemas', async () => {
  const doc = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/v1/systems/{systemId}']?.put?.requestBody, 'register has its body schema');
  assert.ok(doc.paths['/api/v1/sessions']?.post);
});
