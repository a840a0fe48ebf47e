// Issue 13, organizations and co-workers, against the real portal process and a real SMTP server
// on loopback: Partner IDs at sign-up (proposed, taken, raced), co-worker invitations through the
// link in the mail (once, expired, revoked, sent again), joining by sign-up and by log-on,
// members and the last administrator, Partner ID change requests decided by a portal
// administrator made on the command line, and the organization's audit log.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { PortalClient } from '../../main/services/portal/portal-client.js';
import { ROOT, portalDataArgs, startPortal, tempDir, type Started } from '../support/processes.js';
import { portalSql, type PortalSql } from '../support/portal-db.js';
import { newAccount, nextTotp, PASSWORD, refusal, registrationForm, uniqueEmail, type TestAccount } from '../support/portal-accounts.js';
import { linkIn, smtpMailbox, type Mail, type Mailbox } from '../support/portal-mail.js';
import { startSmtp } from '../support/smtp.js';

type Portal = Started<{ url: string; dataDir: string; outboxDir: string }>;

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailbox: Mailbox;
let portal: Portal;
let url: string;

before(async () => {
  smtp = await startSmtp();
  mailbox = smtpMailbox(smtp.received);
  portal = await startPortal(tempDir('portal-organizations'), [], { PORTAL_SMTP_URL: smtp.url, PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '500', PORTAL_SIGNUPS_PER_MINUTE: '500' });
  url = portal.info.url;
});
after(async () => {
  await portal.stop();
  await smtp.close();
});

const anonymous = () => new PortalClient({ baseUrl: url });
const account = (kind: 'partner' | 'end-user', more: Omit<Parameters<typeof newAccount>[1], 'kind'> = {}) => newAccount(url, { kind, ...more }, { mailbox });
const tag = `${process.pid}${Date.now() % 100_000}`;
const sql = (run: (db: PortalSql) => Promise<void>) => portalSql(portal.info.dataDir, run);
const INVITATION_SUBJECT = 'Invitation to join your co-workers on the BMS Registration Portal';
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Mails already read, so the next call for one address takes the newer mail. */
const read = new Set<string>();
async function nextMail(to: string, subject: string): Promise<Mail> {
  const mail = await mailbox(to, (m) => m.subject === subject && !read.has(m.raw));
  read.add(mail.raw);
  return mail;
}

/** The token of the next invitation mailed to `email`, from the link as a person clicks it. */
async function invitationToken(email: string): Promise<string> {
  const link = linkIn(await nextMail(email, INVITATION_SUBJECT), '/invitations/accept');
  assert.ok(link.startsWith(`${url}/invitations/accept?token=`), link);
  return new URL(link).searchParams.get('token')!;
}

async function signUpRaw(body: Record<string, unknown>) {
  const response = await fetch(`${url}/api/v1/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as { error?: { code: string; message: string; issues?: { path: string; message: string }[] }; message?: string } };
}

const portalAdmin = async (action: 'grant' | 'revoke', email: string) =>
  promisify(execFile)(TSX, ['portal/cli.ts', 'admin', action, email, ...(await portalDataArgs(portal.info.dataDir))], { cwd: ROOT });

const orgOf = async (a: TestAccount) => (await a.client.call('me')).org!;

test('a Partner ID is proposed from the name, a taken one is refused with a free one named, and a name that proposes nothing asks for one', async () => {
  const client = anonymous();
  const acmeName = `Acme ${tag}, Inc.`;
  const acmeId = `ACME_${tag}_INC`;
  assert.deepEqual(await client.call('partnerIdProposal', { query: { name: acmeName } }), { partnerId: acmeId, free: true, alternative: null, message: `The Partner ID ${acmeId} is free.` });
  assert.equal((await client.call('partnerIdProposal', { query: { name: 'Acme, Inc.' } })).partnerId, 'ACME_INC');
  assert.equal((await client.call('partnerIdProposal', { query: { name: 'Électricité Müller' } })).partnerId, 'ELECTRICITE_MULLER');
  const nothing = await client.call('partnerIdProposal', { query: { name: '!!!' } });
  assert.deepEqual(nothing, { partnerId: null, free: false, alternative: null, message: 'The organization name gives no Partner ID: enter one.' });
  assert.equal((await refusal(client.call('partnerIdProposal', { query: { partnerId: 'acme inc' } }))).status, 400, 'a typed ID is checked as sign-up checks it');

  // Sign-up without a Partner ID takes the proposal; the organization is the name given.
  const acme = await account('partner', { organization: acmeName, name: 'Ann Acme' });
  const me = await acme.client.call('me');
  assert.deepEqual(me.org, { id: me.org!.id, kind: 'partner', name: acmeName, partnerId: acmeId, role: 'administrator' });
  assert.equal(me.portalAdmin, false);

  // Now taken: the proposal says so and names the next free one; sign-up with it is refused (409) on partnerId.
  const taken = await client.call('partnerIdProposal', { query: { name: acmeName } });
  assert.deepEqual(taken, { partnerId: acmeId, free: false, alternative: `${acmeId}_2`, message: `The Partner ID ${acmeId} belongs to another organization. ${acmeId}_2 is free: use it, or choose another.` });
  const clash = await signUpRaw({ email: uniqueEmail('clash'), password: PASSWORD, kind: 'partner', name: 'Bo', organization: 'Other', partnerId: acmeId });
  assert.equal(clash.status, 409);
  assert.deepEqual(clash.json.error?.issues, [{ path: 'partnerId', message: `Taken: ${acmeId}_2 is free.` }]);
  // The same answer when the address has an account: sign-up tells nobody who has one.
  const clashExisting = await signUpRaw({ email: acme.email, password: PASSWORD, kind: 'partner', name: 'Bo', organization: 'Other', partnerId: acmeId });
  assert.deepEqual(clashExisting, clash);
  // Without a Partner ID given, the proposal is made free rather than refused.
  const second = await account('partner', { organization: acmeName });
  assert.equal((await orgOf(second)).partnerId, `${acmeId}_2`);

  // A name that proposes nothing: 400 asking for a Partner ID; given one, the sign-up goes through.
  const blank = await signUpRaw({ email: uniqueEmail('blank'), password: PASSWORD, kind: 'partner', name: 'Cy', organization: '—' });
  assert.equal(blank.status, 400);
  assert.equal(blank.json.error?.message, 'The organization name gives no Partner ID: enter one.');
  assert.deepEqual(blank.json.error?.issues?.map((i) => i.path), ['partnerId']);
  const chosen = await account('partner', { organization: '—', partnerId: `DASH_${tag}` });
  assert.equal((await orgOf(chosen)).partnerId, `DASH_${tag}`);

  // Only partners have one; A-Z, 0-9 and _ only; Partner and Branch need the organization name.
  const endUserWithId = await signUpRaw({ email: uniqueEmail('eu'), password: PASSWORD, kind: 'end-user', name: 'Di', partnerId: 'DI_1' });
  assert.equal(endUserWithId.status, 400);
  assert.deepEqual(endUserWithId.json.error?.issues?.map((i) => i.path), ['partnerId']);
  const lower = await signUpRaw({ email: uniqueEmail('lower'), password: PASSWORD, kind: 'partner', name: 'Ed', organization: 'Ed Co', partnerId: 'ed_co' });
  assert.equal(lower.status, 400);
  assert.match(lower.json.error?.issues?.[0]?.message ?? '', /upper-case letters/);
  const noOrg = await signUpRaw({ email: uniqueEmail('noorg'), password: PASSWORD, kind: 'partner', name: 'Flo' });
  assert.equal(noOrg.status, 400);
  assert.deepEqual(noOrg.json.error?.issues?.map((i) => i.path), ['organization']);

  // An end user's organization is a customer one, named after the person unless a name is given.
  const endUser = await account('end-user', { name: 'Gus Person' });
  assert.deepEqual(await orgOf(endUser), { ...(await orgOf(endUser)), kind: 'customer', name: 'Gus Person', partnerId: null, role: 'administrator' });
});

test('20 sign-ups racing for one Partner ID: exactly one organization has it', async () => {
  const wanted = `RACE_${tag}`;
  const emails = Array.from({ length: 20 }, () => uniqueEmail('race'));
  const answers = await Promise.all(emails.map((email, i) => signUpRaw({ email, password: PASSWORD, kind: 'partner', name: `Racer ${i}`, organization: `Race ${i}`, partnerId: wanted })));
  assert.equal(answers.filter((a) => a.status === 201).length, 1, JSON.stringify(answers.map((a) => a.status)));
  const refused = answers.filter((a) => a.status !== 201);
  assert.ok(refused.every((a) => a.status === 409 && a.json.error?.issues?.[0]?.message === `Taken: ${wanted}_2 is free.`), JSON.stringify(refused[0]));
  await sql(async (d) => {
    assert.equal(await d.value('SELECT count(*) FROM organizations WHERE partner_id = ?', wanted), 1);
    const made = await d.value(`SELECT count(*) FROM accounts WHERE email IN (${emails.map(() => '?').join(',')})`, ...emails);
    assert.equal(made, 1, 'a refused sign-up leaves no account behind');
  });
});

test('the database itself refuses a Partner ID with any character outside A-Z, 0-9 and _, not only a first one', async () => {
  await sql(async (d) => {
    const insert = (partnerId: string) =>
      d.run("INSERT INTO organizations (kind, name, partner_id, created_at) VALUES ('partner', ?, ?, '2026-12-01T00:00:00.000Z')", `Check ${partnerId}`, partnerId);
    for (const bad of [`OK_${tag}-X`, `OK_${tag} `, `OK_${tag}a`, `ÄK_${tag}`, '', 'A'.repeat(33)]) await assert.rejects(insert(bad), /check constraint/i, `refused: ${JSON.stringify(bad)}`);
    assert.equal(await insert(`OK_${tag}_9`), 1);
    await assert.rejects(d.run('UPDATE organizations SET partner_id = ? WHERE partner_id = ?', `OK_${tag}_9.`, `OK_${tag}_9`), /check constraint/i);
    assert.equal(await d.value('SELECT count(*) FROM organizations WHERE partner_id LIKE ?', `OK_${tag}%`), 1, 'only the good one is there');
  });
});

/** The people of the co-worker tests: Ann administers a partner organization. */
let ann: TestAccount;
let annOrg: { id: number; name: string };
let xena: TestAccount;

test("co-worker invitations: the seed's refusals, the mail's link, sign-up by it, and the link works once", async () => {
  ann = await account('partner', { name: 'Ann Admin', organization: `Ann Integration ${tag}` });
  annOrg = await orgOf(ann);

  // The seed's words, each on the email field.
  const issueOf = async (email: string) => (await refusal(ann.client.call('inviteCoworker', { body: { email } }))).issues;
  assert.deepEqual(await issueOf(''), [{ path: 'email', message: 'Please enter email address' }]);
  assert.deepEqual(await issueOf('   '), [{ path: 'email', message: 'Please enter email address' }]);
  assert.deepEqual(await issueOf('not-an-address'), [{ path: 'email', message: 'You have entered an invalid email address. Please re-enter the email address.' }]);
  assert.deepEqual(await issueOf(ann.email), [{ path: 'email', message: 'This person is already a member of your organization. Please invite another co-worker.' }]);

  const xenaEmail = uniqueEmail('xena');
  const sent = await ann.client.call('inviteCoworker', { body: { email: xenaEmail } });
  assert.equal(sent.title, 'Invitation Sent');
  assert.equal(sent.message, 'Your invitation was sent. Thanks for sharing the Registration Portal with your co-worker.');
  assert.equal(sent.invitation.email, xenaEmail);
  assert.equal(Math.round((Date.parse(sent.invitation.expiresAt) - Date.now()) / 86_400_000), 7, 'valid 7 days');
  const again = await refusal(ann.client.call('inviteCoworker', { body: { email: xenaEmail.toUpperCase() } }));
  assert.equal(again.status, 409);
  assert.deepEqual(again.issues, [{ path: 'email', message: 'This co-worker has already been invited to the Registration Portal. Please invite another co-worker.' }]);

  // The mail's link: what it stands for, without a session.
  const token = await invitationToken(xenaEmail);
  assert.deepEqual(await anonymous().call('coworkerInvitationLink', { params: { token } }), {
    organizationName: annOrg.name,
    organizationKind: 'partner',
    email: xenaEmail,
    expiresAt: sent.invitation.expiresAt,
    invitedBy: 'Ann Admin',
  });
  await sql(async (d) => {
    const stored = (await d.value<string>('SELECT token_hash FROM coworker_invitations WHERE email = ?', xenaEmail))!;
    assert.notEqual(stored, token, 'only the hash of the token is stored');
    assert.equal(stored.length, 43);
  });

  // Sign-up by the link: only the invited address, no Partner ID of its own.
  const other = await signUpRaw({ email: uniqueEmail('other'), password: PASSWORD, kind: 'partner', name: 'Oz', invitation: token });
  assert.equal(other.status, 400);
  assert.deepEqual(other.json.error?.issues, [{ path: 'email', message: `Use the invited address, ${xenaEmail}.` }]);
  const withId = await signUpRaw({ email: xenaEmail, password: PASSWORD, kind: 'partner', name: 'Xena', invitation: token, partnerId: 'XENA' });
  assert.equal(withId.status, 400);
  assert.deepEqual(withId.json.error?.issues?.map((i) => i.path), ['partnerId']);

  // The kind follows the organization's (an End user kind sent is not what the account gets), and the link verified the address.
  const joined = await signUpRaw({ email: xenaEmail, password: PASSWORD, kind: 'end-user', name: 'Xena Coworker', invitation: token });
  assert.equal(joined.status, 201);
  assert.equal(joined.json.message, `Your account is ready and belongs to ${annOrg.name}. The invitation verified your e-mail address: log on.`);
  xena = await (async () => {
    const client = anonymous();
    client.token = (await client.call('logOn', { body: { email: xenaEmail, password: PASSWORD } })).token;
    const enrolment = await client.call('mfaEnrol', { body: {} });
    await client.call('mfaConfirm', { body: { code: (await nextTotp(enrolment.secret)).code } });
    return { client, email: xenaEmail, totpSecret: enrolment.secret, recoveryCodes: [] };
  })();
  const me = await xena.client.call('me');
  assert.equal(me.kind, 'partner');
  assert.equal(me.emailVerified, true);
  assert.deepEqual(me.org, { ...annOrg, kind: 'partner', partnerId: (await orgOf(ann)).partnerId, role: 'member' });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(smtp.received.filter((m) => m.to.includes(xenaEmail) && m.raw.includes('Verify your e-mail address')).length, 0, 'no verification mail: the link verified the address');

  // Once: the link, sign-up with it and accepting it are refused after.
  const used = await refusal(anonymous().call('coworkerInvitationLink', { params: { token } }));
  assert.equal(used.status, 409);
  assert.match(used.message, /accepted already: a link works once/);
  const reused = await signUpRaw({ email: xenaEmail, password: PASSWORD, kind: 'partner', name: 'Xena', invitation: token });
  assert.equal(reused.status, 409);
  assert.equal((await refusal(xena.client.call('acceptCoworkerInvitation', { params: { token }, body: {} }))).status, 409);

  // The organization lists both, with their roles; a member cannot administer.
  const view = await ann.client.call('organization');
  assert.deepEqual(
    view.members.map((m) => [m.email, m.role]),
    [
      [ann.email, 'administrator'],
      [xenaEmail, 'member'],
    ],
  );
  assert.ok(view.members.every((m) => !Number.isNaN(Date.parse(m.joinedAt))));
  for (const attempt of [
    () => xena.client.call('inviteCoworker', { body: { email: uniqueEmail('by-member') } }),
    () => xena.client.call('coworkerInvitations'),
    () => xena.client.call('organizationAudit'),
    () => xena.client.call('setMemberRole', { params: { accountId: String(me.id) }, body: { role: 'administrator' } }),
    () => xena.client.call('removeMember', { params: { accountId: String(view.members[0]!.accountId) } }),
  ]) {
    const refused = await refusal(attempt());
    assert.equal(refused.status, 403);
    assert.equal(refused.message, 'Only an administrator of your organization can do this.');
  }
  assert.equal((await xena.client.call('organization')).members.length, 2, 'a member reads the organization');
});

test('an existing account joins by log-on when it is alone and holds nothing; otherwise it is told to leave first', async () => {
  // Yves: an End user alone in his organization, holding nothing.
  const yves = await account('end-user', { name: 'Yves Solo' });
  const yvesOldOrg = (await orgOf(yves)).id;
  await ann.client.call('inviteCoworker', { body: { email: yves.email } });
  const token = await invitationToken(yves.email);

  // Someone else's session cannot take it.
  const stranger = await account('end-user');
  const forOther = await refusal(stranger.client.call('acceptCoworkerInvitation', { params: { token }, body: {} }));
  assert.equal(forOther.status, 403);
  assert.equal(forOther.message, `This invitation is for ${yves.email}, and you are logged on as ${stranger.email}: log on with the invited address.`);

  const joined = await yves.client.call('acceptCoworkerInvitation', { params: { token }, body: {} });
  assert.equal(joined.message, `You joined ${annOrg.name}.`);
  assert.deepEqual(joined.organization, { ...joined.organization, id: annOrg.id, kind: 'partner', role: 'member' });
  await sql(async (d) => {
    assert.equal(await d.value('SELECT count(*) FROM organizations WHERE id = ?', yvesOldOrg), 0, 'his empty organization is removed');
    assert.equal(await d.value('SELECT kind FROM accounts WHERE email = ?', yves.email), 'partner', 'his kind follows the organization');
  });
  // A partner now: full-session routes ask for the authenticator first.
  assert.equal((await refusal(yves.client.call('organization'))).code, 'mfa_enrolment_required');
  assert.equal((await refusal(yves.client.call('acceptCoworkerInvitation', { params: { token }, body: {} }))).status, 403, 'and the link is used in any case');

  // Zoe holds a system; Walt shares his organization with a co-worker: both are told to leave first.
  const zoe = await account('partner', { name: 'Zoe Holder' });
  await zoe.client.call('registerSystem', { params: { systemId: `ORG-HOLD-${tag}` }, body: registrationForm() });
  const walt = await account('end-user', { name: 'Walt Shared' });
  await walt.client.call('inviteCoworker', { body: { email: stranger.email } });
  await stranger.client.call('acceptCoworkerInvitation', { params: { token: await invitationToken(stranger.email) }, body: {} });
  const tokens = new Map<TestAccount, string>();
  for (const who of [zoe, walt]) {
    await ann.client.call('inviteCoworker', { body: { email: who.email } });
    tokens.set(who, await invitationToken(who.email));
    const refused = await refusal(who.client.call('acceptCoworkerInvitation', { params: { token: tokens.get(who)! }, body: {} }));
    assert.equal(refused.status, 409);
    assert.match(refused.message, /Leave your organization first, then accept the invitation\.$/);
    assert.notEqual((await orgOf(who)).id, annOrg.id);
  }

  // Sign-up by the link with an address that has an account: told to log on and accept there
  // (only the owner of the address has the link, so this tells nobody else who has an account).
  const exists = await signUpRaw({ email: walt.email, password: PASSWORD, kind: 'partner', name: 'Walt', invitation: tokens.get(walt) });
  assert.equal(exists.status, 409);
  assert.equal(exists.json.error?.message, `An account with ${walt.email} exists already: log on with it and accept the invitation there.`);
});

test('revoked and expired links are refused; sending again makes a new link and kills the old one', async () => {
  const revokedEmail = uniqueEmail('revoked');
  const { invitation } = await ann.client.call('inviteCoworker', { body: { email: revokedEmail } });
  const revokedToken = await invitationToken(revokedEmail);
  assert.deepEqual(await ann.client.call('revokeCoworkerInvitation', { params: { invitationId: String(invitation.id) } }), {
    message: `The invitation to ${revokedEmail} was revoked: its link no longer works.`,
  });
  const revoked = await refusal(anonymous().call('coworkerInvitationLink', { params: { token: revokedToken } }));
  assert.equal(revoked.status, 409);
  assert.equal(revoked.message, 'This invitation was withdrawn. Ask your co-worker for a new one.');
  assert.equal((await signUpRaw({ email: revokedEmail, password: PASSWORD, kind: 'partner', name: 'Rev', invitation: revokedToken })).status, 409);
  assert.equal((await refusal(ann.client.call('revokeCoworkerInvitation', { params: { invitationId: String(invitation.id) } }))).status, 404, 'revoked once');
  assert.ok(!(await ann.client.call('coworkerInvitations')).some((i) => i.id === invitation.id), 'no longer listed');

  const lateEmail = uniqueEmail('late');
  const late = (await ann.client.call('inviteCoworker', { body: { email: lateEmail } })).invitation;
  const lateToken = await invitationToken(lateEmail);
  await sql(async (d) => void (await d.run("UPDATE coworker_invitations SET expires_at = '2001-02-03T04:05:06.000Z' WHERE id = ?", late.id)));
  const expired = await refusal(anonymous().call('coworkerInvitationLink', { params: { token: lateToken } }));
  assert.equal(expired.status, 409);
  assert.equal(expired.message, 'This invitation expired on 2001-02-03. Ask your co-worker to send it again.');
  assert.equal((await ann.client.call('coworkerInvitations')).find((i) => i.id === late.id)?.expired, true, 'listed as expired');

  // Sent again: a new mail and link, valid 7 days from now; the old link is dead.
  const resent = await ann.client.call('resendCoworkerInvitation', { params: { invitationId: String(late.id) }, body: {} });
  assert.equal(resent.title, 'Invitation Sent');
  assert.equal(resent.invitation.sentCount, 2);
  assert.equal(resent.invitation.expired, false);
  const newToken = await invitationToken(lateEmail);
  assert.notEqual(newToken, lateToken);
  const dead = await refusal(anonymous().call('coworkerInvitationLink', { params: { token: lateToken } }));
  assert.equal(dead.status, 404);
  assert.equal((await anonymous().call('coworkerInvitationLink', { params: { token: newToken } })).email, lateEmail);
  assert.equal((await refusal(ann.client.call('resendCoworkerInvitation', { params: { invitationId: '999999' }, body: {} }))).status, 404);

  // A link that never was one, and one that is not even shaped like one.
  assert.equal((await refusal(anonymous().call('coworkerInvitationLink', { params: { token: 'A'.repeat(43) } }))).status, 404);
  assert.equal((await refusal(anonymous().call('coworkerInvitationLink', { params: { token: 'short' } }))).status, 400);
});

test('members: the last administrator can neither leave, nor be made a member; a removed or leaving person gets an organization of their own', async () => {
  const view = await ann.client.call('organization');
  const annId = view.members.find((m) => m.email === ann.email)!.accountId;
  const xenaId = view.members.find((m) => m.email === xena.email)!.accountId;

  const leave = await refusal(ann.client.call('leaveOrganization', { body: {} }));
  assert.equal(leave.status, 409);
  assert.equal(leave.message, `You are the last administrator of ${annOrg.name}: make another member an administrator before you leave.`);
  const demote = await refusal(ann.client.call('setMemberRole', { params: { accountId: String(annId) }, body: { role: 'member' } }));
  assert.equal(demote.status, 409);
  assert.match(demote.message, /^This is the last administrator of /);
  assert.equal((await refusal(ann.client.call('removeMember', { params: { accountId: String(annId) } }))).status, 400, 'removing oneself is leaving');
  assert.equal((await refusal(ann.client.call('removeMember', { params: { accountId: '999999' } }))).status, 404);
  assert.equal((await refusal(ann.client.call('setMemberRole', { params: { accountId: String(xenaId) }, body: { role: 'owner' as never } }))).status, 400);

  // Two administrators: now Ann may step down or leave; Xena, the last one then, may not.
  const promoted = await ann.client.call('setMemberRole', { params: { accountId: String(xenaId) }, body: { role: 'administrator' } });
  assert.deepEqual(promoted.members.map((m) => m.role).sort(), ['administrator', 'administrator', 'member']);
  const left = await ann.client.call('leaveOrganization', { body: {} });
  assert.equal(left.message, `You left ${annOrg.name}. You now have an organization of your own, Ann Admin, as its administrator.`);
  assert.deepEqual(left.organization, { ...left.organization, kind: 'partner', name: 'Ann Admin', role: 'administrator' });
  assert.ok(left.organization.partnerId?.startsWith('ANN_ADMIN'), String(left.organization.partnerId));
  assert.deepEqual(await orgOf(ann), left.organization);
  assert.equal((await refusal(xena.client.call('leaveOrganization', { body: {} }))).status, 409);

  // Xena removes the last member (Yves): he gets an organization of his own, as its administrator.
  const before = await xena.client.call('organization');
  const yves = before.members.find((m) => m.role === 'member')!;
  const after = await xena.client.call('removeMember', { params: { accountId: String(yves.accountId) } });
  assert.deepEqual(after.members.map((m) => m.email), [xena.email]);
  await sql(async (d) => {
    const row = await d.get('SELECT a.org_role AS role, o.name, o.kind FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.id = ?', yves.accountId);
    assert.deepEqual(row, { role: 'administrator', name: yves.name, kind: 'partner' });
  });
});

let admin: TestAccount;

test('Partner ID change requests: filed by partner administrators, decided by a portal administrator made on the command line', async () => {
  const bea = await account('partner', { name: 'Bea Boss', organization: `Bea Partners ${tag}` });
  const beaOrg = await orgOf(bea);
  const wanted = `BEA_NEW_${tag}`;

  // Refusals: the same ID, an ID another organization has, a customer organization, a member.
  assert.equal((await refusal(bea.client.call('requestPartnerId', { body: { partnerId: beaOrg.partnerId!, reason: 'same' } }))).status, 400);
  const taken = await refusal(bea.client.call('requestPartnerId', { body: { partnerId: `RACE_${tag}`, reason: 'taken' } }));
  assert.equal(taken.status, 409);
  assert.deepEqual(taken.issues, [{ path: 'partnerId', message: `Taken: RACE_${tag}_2 is free.` }]);
  assert.equal((await refusal(bea.client.call('requestPartnerId', { body: { partnerId: wanted, reason: '  ' } }))).status, 400, 'a reason is needed');
  const customer = await account('end-user');
  assert.equal((await refusal(customer.client.call('requestPartnerId', { body: { partnerId: `CUST_${tag}`, reason: 'x' } }))).message, 'Only a partner organization has a Partner ID.');

  const filed = await bea.client.call('requestPartnerId', { body: { partnerId: wanted, reason: 'We renamed the company.' } });
  assert.deepEqual(filed, { ...filed, organizationId: beaOrg.id, currentId: beaOrg.partnerId, requestedId: wanted, state: 'pending', reason: 'We renamed the company.' });
  const twice = await refusal(bea.client.call('requestPartnerId', { body: { partnerId: `${wanted}_B`, reason: 'again' } }));
  assert.equal(twice.status, 409);
  assert.equal(twice.message, `A request to change your Partner ID to ${wanted} is waiting already: wait for its decision.`);
  assert.equal((await bea.client.call('organization')).pendingPartnerIdRequest?.id, filed.id, 'the General page shows the request waiting');

  // Not a portal administrator yet: 403 on the admin routes; granted on the command line, MFA first.
  admin = await account('end-user', { name: 'Pat Portaladmin' });
  const notYet = await refusal(admin.client.call('partnerIdRequests'));
  assert.equal(notYet.status, 403);
  assert.equal(notYet.message, 'Only portal administrators can do this.');
  const granted = await portalAdmin('grant', admin.email);
  assert.match(granted.stdout, /is now a portal administrator/);
  assert.equal((await admin.client.call('me')).portalAdmin, true);
  assert.equal((await refusal(admin.client.call('partnerIdRequests'))).code, 'mfa_enrolment_required', 'portal administrators must use MFA');
  const enrolment = await admin.client.call('mfaEnrol', { body: {} });
  await admin.client.call('mfaConfirm', { body: { code: (await nextTotp(enrolment.secret)).code } });
  admin.totpSecret = enrolment.secret;
  await assert.rejects(portalAdmin('grant', 'nobody-here@example.com'), /No account of the portal/);

  for (const attempt of [
    () => bea.client.call('partnerIdRequests'),
    () => bea.client.call('approvePartnerIdRequest', { params: { requestId: String(filed.id) }, body: {} }),
    () => bea.client.call('rejectPartnerIdRequest', { params: { requestId: String(filed.id) }, body: { note: 'no' } }),
  ]) {
    assert.equal((await refusal(attempt())).status, 403, 'a partner administrator is no portal administrator');
  }

  const pending = await admin.client.call('partnerIdRequests', { query: { state: 'pending' } });
  assert.ok(pending.some((r) => r.id === filed.id && r.requestedBy?.email === bea.email));
  const approved = await admin.client.call('approvePartnerIdRequest', { params: { requestId: String(filed.id) }, body: {} });
  assert.equal(approved.state, 'approved');
  const shown = await bea.client.call('organization');
  assert.equal(shown.partnerId, wanted, 'the new ID is shown');
  assert.equal(shown.pendingPartnerIdRequest, null);
  assert.match((await nextMail(bea.email, 'Partner ID change approved')).text, new RegExp(`Partner ID now: "${wanted}"`));
  // The organization's log says the portal decided, not which of the portal's staff.
  const logged = (await bea.client.call('organizationAudit', { query: {} })).items.find((e) => e.action === 'partner-id.approved');
  assert.equal(logged?.actor, null);
  assert.equal((await refusal(admin.client.call('approvePartnerIdRequest', { params: { requestId: String(filed.id) }, body: {} }))).status, 409, 'decided once');
  assert.equal((await refusal(admin.client.call('approvePartnerIdRequest', { params: { requestId: '999999' }, body: {} }))).status, 404);

  // Rejected with a note; a note is required.
  const second = await bea.client.call('requestPartnerId', { body: { partnerId: `${wanted}_X`, reason: 'typo' } });
  assert.equal((await refusal(admin.client.call('rejectPartnerIdRequest', { params: { requestId: String(second.id) }, body: { note: '' } }))).status, 400);
  const rejected = await admin.client.call('rejectPartnerIdRequest', { params: { requestId: String(second.id) }, body: { note: 'Keep the current one.' } });
  assert.deepEqual([rejected.state, rejected.note], ['rejected', 'Keep the current one.']);
  assert.equal((await orgOf(bea)).partnerId, wanted);
  assert.match((await nextMail(bea.email, 'Partner ID change rejected')).text, /Keep the current one/);

  // Two organizations ask for one ID: approval checks again that it is free.
  const [c1, c2] = await Promise.all([account('partner'), account('partner')]);
  const contested = `CONTESTED_${tag}`;
  const r1 = await c1.client.call('requestPartnerId', { body: { partnerId: contested, reason: 'mine' } });
  const r2 = await c2.client.call('requestPartnerId', { body: { partnerId: contested, reason: 'mine too' } });
  await admin.client.call('approvePartnerIdRequest', { params: { requestId: String(r1.id) }, body: {} });
  const lost = await refusal(admin.client.call('approvePartnerIdRequest', { params: { requestId: String(r2.id) }, body: {} }));
  assert.equal(lost.status, 409);
  assert.match(lost.message, new RegExp(`^The Partner ID ${contested} was taken by another organization since the request`));
  assert.notEqual((await orgOf(c2)).partnerId, contested);

  // Revoked on the command line: the next request is refused.
  await portalAdmin('revoke', admin.email);
  assert.equal((await refusal(admin.client.call('partnerIdRequests'))).status, 403);
});

test("the organization's audit log: every action with its organization, newest first, paged, for its administrators only", async () => {
  const owner = await account('partner', { name: 'Olga Owner', organization: `Audited ${tag}` });
  const guest = uniqueEmail('audit-guest');
  const { invitation } = await owner.client.call('inviteCoworker', { body: { email: guest } });
  const member = await newAccount(url, { kind: 'partner', email: guest, name: 'Guy Guest', invitation: await invitationToken(guest) }, { mailbox });
  await owner.client.call('resendCoworkerInvitation', { params: { invitationId: String(invitation.id) }, body: {} }).catch(() => undefined);
  const memberId = (await owner.client.call('organization')).members.find((m) => m.email === guest)!.accountId;
  await owner.client.call('setMemberRole', { params: { accountId: String(memberId) }, body: { role: 'administrator' } });
  await owner.client.call('setMemberRole', { params: { accountId: String(memberId) }, body: { role: 'member' } });
  await owner.client.call('requestPartnerId', { body: { partnerId: `AUDIT_NEW_${tag}`, reason: 'audit' } });

  const page = await owner.client.call('organizationAudit', { query: { limit: 50 } });
  const actions = page.items.map((e) => e.action);
  assert.deepEqual(actions, ['partner-id.requested', 'member.role-changed', 'member.role-changed', 'account.created', 'member.joined', 'invitation.sent', 'account.created', 'organization.created']);
  assert.deepEqual(
    page.items.map((e) => e.id),
    [...page.items.map((e) => e.id)].sort((a, b) => b - a),
    'newest first',
  );
  assert.equal(page.total, actions.length);
  assert.deepEqual(page.items[0]!.actor, { name: 'Olga Owner', email: owner.email });
  assert.deepEqual(page.items.find((e) => e.action === 'member.joined')!.actor, { name: 'Guy Guest', email: guest });

  const first = await owner.client.call('organizationAudit', { query: { offset: 0, limit: 3 } });
  const second = await owner.client.call('organizationAudit', { query: { offset: 3, limit: 3 } });
  assert.deepEqual([...first.items, ...second.items].map((e) => e.id), page.items.slice(0, 6).map((e) => e.id), 'pages follow on without overlap');
  assert.equal((await refusal(owner.client.call('organizationAudit', { query: { limit: 0 } }))).status, 400);

  // A member reads nothing of it; another organization's administrator sees only its own.
  assert.equal((await refusal(member.client.call('organizationAudit'))).status, 403);
  const outsider = await account('end-user');
  const theirs = await outsider.client.call('organizationAudit');
  assert.ok(theirs.items.every((e) => !JSON.stringify(e).includes(owner.email)));

  // Every action of this part is written with its organization (but for those of an empty
  // organization removed when its person joined another: it is gone, and they stay under the person).
  await sql(async (d) => {
    const orphans = await d.values(
      `SELECT action FROM audit_log WHERE organization_id IS NULL
         AND (action LIKE 'invitation.%' OR action LIKE 'member.%' OR action LIKE 'partner-id.%' OR action IN ('organization.created', 'account.created', 'portal-admin.granted', 'portal-admin.revoked'))
         AND account_id NOT IN (SELECT account_id FROM audit_log WHERE action = 'organization.removed')`,
    );
    assert.deepEqual(orphans, []);
    assert.ok((await d.value<number>("SELECT count(*) FROM audit_log WHERE action = 'organization.removed'"))! >= 1);
    const granted = await d.value("SELECT count(*) FROM audit_log WHERE action IN ('portal-admin.granted', 'portal-admin.revoked')");
    assert.equal(granted, 2, 'granting and revoking on the command line are audited');
  });
});

test('public look-ups are rate limited per address', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 80 && !statuses.includes(429); i++) statuses.push((await fetch(`${url}/api/v1/partner-ids/proposal?name=Name+${i}`)).status);
  assert.ok(statuses.includes(429), 'refused within 80 look-ups');
  assert.ok(statuses.slice(0, -1).every((s) => s === 200));
  const raw = await fetch(`${url}/api/v1/partner-ids/proposal?name=X`);
  assert.equal(raw.status, 429);
  assert.equal(raw.headers.get('retry-after'), '60');
  assert.equal((await fetch(`${url}/api/v1/invitations/${'A'.repeat(43)}`)).status, 429, 'invitation links count with them');
});

test('invitation mail is bounded: an address gets at most 3 an hour, sent again or not, then a clear 429 and no mail', async () => {
  const owner = await account('partner', { organization: `Mail Bound ${tag}` });
  const target = uniqueEmail('flooded');
  const { invitation } = await owner.client.call('inviteCoworker', { body: { email: target } });
  for (let i = 0; i < 2; i++) await owner.client.call('resendCoworkerInvitation', { params: { invitationId: String(invitation.id) }, body: {} });
  const refused = await refusal(owner.client.call('resendCoworkerInvitation', { params: { invitationId: String(invitation.id) }, body: {} }));
  assert.equal(refused.status, 429);
  assert.equal(refused.message, `${target} has been sent 3 invitations in the last hour. Wait an hour before sending another.`);
  const [listed] = await owner.client.call('coworkerInvitations');
  assert.equal(listed?.sentCount, 3, 'the refused one was not sent');
});

test('a link a customer made and revoked does not keep a partner from joining a co-worker’s organization', async () => {
  const host = await account('partner', { organization: `Host Integration ${tag}` });
  const solo = await account('partner', { organization: `Solo Integration ${tag}` });
  const customer = await account('end-user', { organization: `Any Customer ${tag}` });
  const soloId = (await solo.client.call('me')).org!.partnerId!;
  await customer.client.call('addPartner', { body: { partnerId: soloId } });
  // Open, the link is something the partner's organization holds: it must leave first.
  await host.client.call('inviteCoworker', { body: { email: solo.email } });
  const token = await invitationToken(solo.email);
  assert.equal((await refusal(solo.client.call('acceptCoworkerInvitation', { params: { token }, body: {} }))).status, 409);
  // Revoked by the customer, it holds nothing: the partner joins.
  await customer.client.call('revokePartner', { params: { partnerId: soloId } });
  const joined = await solo.client.call('acceptCoworkerInvitation', { params: { token }, body: {} });
  assert.equal(joined.organization.role, 'member');
});
