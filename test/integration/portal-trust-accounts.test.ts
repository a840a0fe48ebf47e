// Issue 11, the accounts part, against the real portal process and a real SMTP server on loopback:
// e-mail verification, invitations through their link only, bounded sign-up, mail a stranger cannot
// aim, sign-up that does not tell who has an account, and per-address slowing instead of lockout.
// Links are followed from the received mail: the page fetched, its form posted.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PortalClient } from '../../main/services/portal/portal-client.js';
import { openDatabase } from '../../shared/node/sqlite.js';
import { portalMigrations } from '../../portal/db/migrations/index.js';
import { portalPgMigrations } from '../../portal/db/pg-migrations/index.js';
import { migratePg } from '../../portal/store/pg-db.js';
import { hashPassword } from '../../portal/auth/passwords.js';
import { portalSql } from '../support/portal-db.js';
import { PORTAL_TEST_ENGINE, portalDatabaseUrl, startPortal, tempDir, type Started } from '../support/processes.js';
import { newAccount, nextTotp, PASSWORD, refusal, registrationForm, uniqueEmail, type TestAccount } from '../support/portal-accounts.js';
import { formsOf, getPage, linkIn, pageText, smtpMailbox, submitForm, verifyAddress, type Mail, type Mailbox } from '../support/portal-mail.js';
import { startSmtp } from '../support/smtp.js';

type Portal = Started<{ url: string; dataDir: string; outboxDir: string }>;

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailbox: Mailbox;
let portal: Portal;
let url: string;
const SUPPORT = 'registration-support@example.com';

before(async () => {
  smtp = await startSmtp();
  mailbox = smtpMailbox(smtp.received);
  portal = await startPortal(tempDir('portal-trust'), [], {
    PORTAL_SMTP_URL: smtp.url,
    PORTAL_MAIL_SUPPORT: SUPPORT,
    PORTAL_VERIFICATION_MAILS_PER_MINUTE_PER_ADDRESS: '2',
    PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '100',
  });
  url = portal.info.url;
});
after(async () => {
  await portal.stop();
  await smtp.close();
});

let serial = 0;
const newSystemId = () => `Trust-${process.pid}-${++serial}`;
const account = (kind: 'partner' | 'end-user', verify = true, organization?: string) => newAccount(url, { kind, ...(organization ? { organization } : {}) }, { mailbox, verify });
const mailsTo = (email: string) => smtp.received.filter((m) => m.to.some((t) => t.toLowerCase() === email.toLowerCase()));
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

test('item 1: an unverified account can log on and verify, and nothing else', async () => {
  const fresh = await account('end-user', false);
  const me = await fresh.client.call('me');
  assert.equal(me.emailVerified, false);

  // Every full-session route refuses, in words, and nothing is written or mailed on its behalf.
  const stranger = uniqueEmail('stranger');
  const systemId = newSystemId();
  for (const attempt of [
    fresh.client.call('listSystems'),
    fresh.client.call('systemAccess', { params: { systemId } }),
    fresh.client.call('registerSystem', { params: { systemId }, body: registrationForm({ adminEmail: stranger }) }),
    // Each refusal taken up at once: they may come back in any order (on PostgreSQL they do).
  ].map(refusal)) {
    const refused = await attempt;
    assert.equal(refused.status, 403);
    assert.match(refused.message, new RegExp(`Verify your e-mail address first: open the link we sent to ${fresh.email.replace(/[.+]/g, '\\$&')}`));
  }
  await settle();
  assert.equal(mailsTo(stranger).length, 0, 'no mail to the stranger it named');

  // The link can be asked for again, within the limit (2 a minute here), then 429 with Retry-After.
  assert.equal((await fresh.client.call('resendVerification', { body: {} })).email, fresh.email);
  await fresh.client.call('resendVerification', { body: {} });
  const limited = await fetch(fresh.client.url('resendVerification'), { method: 'POST', headers: { authorization: `Bearer ${fresh.client.token}`, 'content-type': 'application/json' }, body: '{}' });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '60');
  const deadline = Date.now() + 10_000;
  while (mailsTo(fresh.email).length < 3) {
    assert.ok(Date.now() < deadline, 'the sign-up mail and the two sent again arrive');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await settle();
  assert.equal(mailsTo(fresh.email).length, 3, 'and no more');

  // Only the newest link works: the one from sign-up was replaced when the link was sent again.
  const verifyMails: string[] = [];
  await mailbox(fresh.email, (m) => m.subject === 'Verify your e-mail address' && verifyMails.push(linkIn(m, '/verify-email')) === 3);
  const replaced = await submitForm(await getPage(verifyMails[0]!), verifyMails[0]!);
  assert.equal(replaced.status, 410);
  assert.match(pageText(replaced.html), /A newer link was sent to this address since this one/);
  assert.equal((await fresh.client.call('me')).emailVerified, false, 'a replaced link verifies nothing');

  // The link opens a page that changes nothing (a mail scanner may fetch it); its button verifies.
  const link = verifyMails[2]!;
  assert.ok(link.startsWith(`${url}/verify-email?token=`), `the link is on the portal's public address: ${link}`);
  const page = await getPage(link);
  await getPage(link);
  assert.equal(page.status, 200);
  const csp = page.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /form-action 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|script-src/);
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.doesNotMatch(page.html, /<script|<img|<link|https?:\/\//i, 'no scripts, no external assets');
  assert.equal((await fresh.client.call('me')).emailVerified, false, 'opening the page verified nothing');

  const done = await submitForm(page, link);
  assert.equal(done.status, 200);
  assert.match(pageText(done.html), /Your e-mail address is verified/);
  assert.equal((await fresh.client.call('me')).emailVerified, true);
  assert.equal((await fresh.client.call('listSystems')).total, 0, 'a verified account has full access');
  const again = await submitForm(page, link);
  assert.equal(again.status, 409, 'a link works once');
  assert.match(pageText(again.html), /used already/);
  assert.equal((await refusal(fresh.client.call('resendVerification', { body: {} }))).status, 409, 'nothing to send once verified');

  // A link that is not one, and one past its time.
  assert.equal((await getPage(`${url}/verify-email?token=${'A'.repeat(43)}`)).status, 200, 'the page itself reveals nothing');
  const forged = await submitForm(await getPage(`${url}/verify-email?token=${'A'.repeat(43)}`), `${url}/verify-email`);
  assert.equal(forged.status, 404);
  const late = await account('end-user', false);
  await portalSql(portal.info.dataDir, (db) => db.run("UPDATE email_verifications SET expires_at = '2000-01-01T00:00:00.000Z' WHERE email = ?", late.email));
  const expired = await verifyAddress(mailbox, late.email);
  assert.equal(expired.status, 410);
  assert.match(pageText(expired.html), /expired/);
  assert.equal((await late.client.call('me')).emailVerified, false);
});

test('item 1: the links point at the configured public address, and accounts from before verification count as verified', async () => {
  const dataDir = tempDir('portal-trust-old');
  // A database at schema 4, with an account made then: it must count as verified after the upgrade.
  if (PORTAL_TEST_ENGINE === 'postgres') await migratePg((await portalDatabaseUrl(dataDir))!, portalPgMigrations.slice(0, 4));
  else openDatabase(path.join(dataDir, 'portal.sqlite'), portalMigrations.slice(0, 4)).close();
  const email = uniqueEmail('before-verification');
  const passwordHash = await hashPassword(PASSWORD);
  await portalSql(dataDir, (db) =>
    db.run("INSERT INTO accounts (email, kind, name, organization, password_hash, created_at, password_changed_at) VALUES (?, 'end-user', 'Old Timer', '', ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')", email, passwordHash),
  );
  const upgraded = await startPortal(dataDir, [], { PORTAL_SMTP_URL: smtp.url, PORTAL_PUBLIC_URL: 'https://portal.example.test/registration/' });
  try {
    const client = new PortalClient({ baseUrl: upgraded.info.url });
    client.token = (await client.call('logOn', { body: { email, password: PASSWORD } })).token;
    assert.equal((await client.call('me')).emailVerified, true);
    assert.equal((await client.call('listSystems')).total, 0);

    const fresh = await newAccount(upgraded.info.url, { kind: 'end-user' }, { mailbox, verify: false });
    const link = linkIn(await mailbox(fresh.email), '/verify-email');
    assert.match(link, /^https:\/\/portal\.example\.test\/registration\/verify-email\?token=[\w-]{43}$/);
    // The same page on the portal itself: the public address is the proxy's in front of it.
    const local = `${upgraded.info.url}/verify-email${new URL(link).search}`;
    const page = await getPage(local);
    assert.equal(formsOf(page.html, local)[0]?.action, `${upgraded.info.url}/verify-email`, 'the form posts back relative to the page');
    assert.equal((await submitForm(page, local)).status, 200);
    assert.equal((await fresh.client.call('me')).emailVerified, true);
  } finally {
    await upgraded.stop();
  }
});

/** Follows the invitation link in the mail to `invited`: the page, then its form with these credentials. */
async function acceptFromMail(invited: string, as: { email: string; password?: string; code?: string }) {
  const mail = await mailbox(invited, (m) => m.subject === 'Invitation to a system registration');
  const link = linkIn(mail, '/accept-invitation');
  const page = await getPage(link);
  const result = await submitForm(page, link, { email: as.email, password: as.password ?? PASSWORD, code: as.code ?? '' });
  return { mail, link, page, result, text: pageText(result.html) };
}

test('item 2: an invitation is taken up only through its link, by the verified account of the invited address', async () => {
  const owner = await account('partner', true, 'Acme Integration');
  const invitee = await account('end-user');
  const other = await account('end-user');
  const systemId = newSystemId();
  await owner.client.call('registerSystem', { params: { systemId }, body: registrationForm() });
  await owner.client.call('inviteToSystem', { params: { systemId }, body: { email: invitee.email } });

  // Knowing the System ID and having the invited address is not enough: the old claim is gone.
  const access = await invitee.client.call('systemAccess', { params: { systemId } });
  assert.equal(access.access, 'claimable');
  assert.match(access.message, /open the link in the invitation mail/);
  const byAddress = await refusal(invitee.client.call('registerSystem', { params: { systemId }, body: {} }));
  assert.equal(byAddress.status, 403);
  assert.match(byAddress.message, /open the link in the invitation mail/);

  // The mail: a fixed subject, the link, who invites.
  const first = await acceptFromMail(invitee.email, { email: other.email });
  assert.equal(first.mail.subject, 'Invitation to a system registration');
  assert.match(first.mail.text, /Organization: "Acme Integration"/);
  assert.equal(first.page.status, 200);
  assert.match(pageText(first.page.html), new RegExp(`System ID ${systemId}`));
  assert.equal(first.result.status, 403, 'another account cannot accept it');
  assert.match(first.text, new RegExp(`This invitation is for ${invitee.email.replace(/[.+]/g, '\\$&')}`));
  const wrongPassword = await acceptFromMail(invitee.email, { email: invitee.email, password: 'not the password at all' });
  assert.equal(wrongPassword.result.status, 401);
  assert.match(wrongPassword.text, /e-mail address or the password is wrong/);
  assert.equal((await refusal(invitee.client.call('getSystem', { params: { systemId } }))).status, 403, 'not taken yet');

  const accepted = await acceptFromMail(invitee.email, { email: invitee.email });
  assert.equal(accepted.result.status, 200, accepted.text);
  assert.match(accepted.text, /You are now this system's end user/);
  const view = await invitee.client.call('getSystem', { params: { systemId } });
  assert.equal(view.yourRole, 'end-user');
  assert.ok(view.invitations[0]?.acceptedAt);
  assert.deepEqual((await owner.client.call('systemAudit', { params: { systemId } })).map((a) => [a.action, a.actor]).slice(-1), [['system.claimed', invitee.email]]);
  const usedAgain = await getPage(accepted.link);
  assert.equal(usedAgain.status, 410, 'the link works once');

  // An account of the invited address that is not verified cannot accept.
  const unverifiedEmail = uniqueEmail('unverified-invitee');
  const second = newSystemId();
  await owner.client.call('registerSystem', { params: { systemId: second }, body: registrationForm() });
  await owner.client.call('inviteToSystem', { params: { systemId: second }, body: { email: unverifiedEmail } });
  const squatter = await newAccount(url, { kind: 'end-user', email: unverifiedEmail }, { mailbox, verify: false });
  const refused = await acceptFromMail(unverifiedEmail, { email: squatter.email });
  assert.equal(refused.result.status, 403);
  assert.match(refused.text, /Verify your e-mail address first/);
  assert.equal((await owner.client.call('getSystem', { params: { systemId: second } })).endUser, null);
});

test('item 2: a partner accepts an invitation to be the integrator with its authenticator code', async () => {
  const endUser = await account('end-user');
  const partner = await account('partner', true, 'Harbour Controls');
  const systemId = newSystemId();
  await endUser.client.call('registerSystem', { params: { systemId }, body: registrationForm({ consent: true }) });
  await endUser.client.call('inviteToSystem', { params: { systemId }, body: { email: partner.email } });
  const withoutCode = await acceptFromMail(partner.email, { email: partner.email });
  assert.equal(withoutCode.result.status, 401);
  assert.match(withoutCode.text, /6-digit code/);
  const { code } = await nextTotp(partner.totpSecret!, Math.floor(Date.now() / 30_000));
  const accepted = await acceptFromMail(partner.email, { email: partner.email, code });
  assert.equal(accepted.result.status, 200, accepted.text);
  assert.equal((await partner.client.call('getSystem', { params: { systemId } })).yourRole, 'integrator');
});

test('item 3: sign-ups are limited per address and overall, and a flood is bounded by the hashing queue', async () => {
  // Behind a proxy (trustProxy) each X-Forwarded-For is a client: per address 2, overall 5 a minute.
  const limited = await startPortal(tempDir('portal-trust-signup'), [], {
    PORTAL_TRUST_PROXY: 'true',
    PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '2',
    PORTAL_SIGNUPS_PER_MINUTE: '5',
  });
  try {
    const signUp = (from: string) =>
      fetch(`${limited.info.url}/api/v1/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ email: uniqueEmail('limited'), password: PASSWORD, kind: 'end-user', name: 'Lim' }),
      });
    assert.deepEqual([(await signUp('10.0.0.1')).status, (await signUp('10.0.0.1')).status], [201, 201]);
    const perAddress = await signUp('10.0.0.1');
    assert.equal(perAddress.status, 429);
    assert.equal(perAddress.headers.get('retry-after'), '60');
    assert.match(((await perAddress.json()) as { error: { message: string } }).error.message, /from this network address this minute/);
    assert.deepEqual([(await signUp('10.0.0.2')).status, (await signUp('10.0.0.2')).status, (await signUp('10.0.0.3')).status], [201, 201, 201]);
    const overall = await signUp('10.0.0.4');
    assert.equal(overall.status, 429);
    assert.match(((await overall.json()) as { error: { message: string } }).error.message, /from everyone this minute/);
  } finally {
    await limited.stop();
  }

  // One hash at a time and no sign-up queue: a burst is refused beyond what runs, and log-on still works.
  const bounded = await startPortal(tempDir('portal-trust-queue'), [], { PORTAL_PASSWORD_HASH_SLOTS: '1', PORTAL_SIGNUP_QUEUE: '0', PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '100' });
  try {
    const someone = await newAccount(bounded.info.url, { kind: 'end-user' });
    const burst = Array.from({ length: 12 }, () =>
      fetch(`${bounded.info.url}/api/v1/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: uniqueEmail('burst'), password: PASSWORD, kind: 'end-user', name: 'Burst' }),
      }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: (await r.json()) as { error?: { message: string } } })),
    );
    const logOn = someone.client.call('logOn', { body: { email: someone.email, password: PASSWORD } });
    const answers = await Promise.all(burst);
    assert.ok(answers.some((a) => a.status === 201), 'some sign-ups went through');
    const busy = answers.filter((a) => a.status === 429);
    assert.ok(busy.length > 0, `a burst beyond the queue is refused: ${answers.map((a) => a.status).join(',')}`);
    assert.match(busy[0]!.body.error!.message, /busy with many sign-ups/);
    assert.equal(busy[0]!.retryAfter, '5');
    assert.match((await logOn).token, /^bmsp_/);
  } finally {
    await bounded.stop();
  }
});

test('item 3 of the issue: mail a stranger cannot aim: fixed subjects, typed text quoted and bounded, who asked and how to object', async () => {
  const unverified = await account('end-user', false);
  const target = uniqueEmail('site-admin');
  await refusal(unverified.client.call('registerSystem', { params: { systemId: newSystemId() }, body: registrationForm({ adminEmail: target }) }));

  const partner = await account('partner', true, 'Acme Integration');
  const systemId = `${newSystemId()}-Subject`;
  const form = registrationForm({ adminEmail: target, siteName: `Click https://evil.example now ${'x'.repeat(150)}` });
  await partner.client.call('registerSystem', { params: { systemId }, body: form });
  const mail: Mail = await mailbox(target);
  assert.equal(mailsTo(target).length, 1, 'mailed only for the verified account');
  assert.equal(mail.subject, 'Registration changed', 'no System ID or site name in the subject');
  assert.doesNotMatch(mail.raw.split(/\r?\n\r?\n/)[0]!, new RegExp(systemId), 'nothing typed in any header');
  assert.equal(mail.replyTo, SUPPORT, 'replies reach registration support');
  assert.match(mail.text, new RegExp(`^System ID: "${systemId}"$`, 'm'));
  assert.match(mail.text, /^Site name: "Click https:\/\/evil\.example now x+"$/m, 'the site name quoted on its own line');
  for (const line of mail.text.split('\n')) assert.ok([...line].length <= 240, `a bounded line: ${line.slice(0, 60)}…`);
  // Who asked, for the site administrator who is not an account, and how to object.
  assert.match(mail.text, /Asked by this account of the portal:\n {2}Name: "Test partner"\n {2}Organization: "Acme Integration"\n {2}E-mail: ".+"/);
  assert.match(mail.text, /reply to this message and say so/);
});

test('item 7: sign-up does not reveal whether an e-mail has an account: the same answer, and the owner is mailed', async () => {
  const owner = await account('end-user');
  const client = new PortalClient({ baseUrl: url });
  const body = (email: string) => ({ email, password: 'another password entirely', kind: 'end-user' as const, name: 'Mallory' });
  const timed = async (email: string) => {
    const t0 = performance.now();
    const response = await fetch(client.url('signUp'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body(email)) });
    return { status: response.status, json: (await response.json()) as Record<string, string>, ms: performance.now() - t0 };
  };
  const fresh = uniqueEmail('fresh');
  const [existing, created] = [await timed(owner.email.toUpperCase()), await timed(fresh)];
  assert.equal(existing.status, 201);
  assert.equal(created.status, 201);
  assert.deepEqual(Object.keys(existing.json).sort(), Object.keys(created.json).sort());
  assert.equal(existing.json.message!.replace(owner.email.toUpperCase(), 'X'), created.json.message!.replace(fresh, 'X'));
  // Both hash a password: neither answer is an order of magnitude quicker.
  assert.ok(existing.ms > created.ms / 5 && created.ms > existing.ms / 5, `similar timing: ${existing.ms.toFixed(0)} ms vs ${created.ms.toFixed(0)} ms`);

  const notice = await mailbox(owner.email, (m) => m.subject === 'Sign-up attempt with your e-mail address');
  assert.match(notice.text, /No account was made and nothing was changed/);
  await client.call('logOn', { body: { email: owner.email, password: PASSWORD } });
  assert.equal((await refusal(client.call('logOn', { body: { email: owner.email, password: 'another password entirely' } }))).status, 401, 'the password is unchanged');
});

test('item 8: with trustProxy off, failed log-ons from one address slow log-ons from it but do not lock out the right password and code', async () => {
  const slowed = await startPortal(tempDir('portal-trust-slow'), [], { PORTAL_FAILED_LOGONS_PER_ADDRESS: '3' });
  try {
    const partner: TestAccount = await newAccount(slowed.info.url, { kind: 'partner' });
    const anon = new PortalClient({ baseUrl: slowed.info.url });
    // Someone behind the same address sprays wrong passwords at other accounts: past the limit, slowed.
    for (let i = 0; i < 6; i++) assert.equal((await refusal(anon.call('logOn', { body: { email: uniqueEmail('spray'), password: 'guess guess guess' } }))).status, 401);
    const t0 = performance.now();
    const { code } = await nextTotp(partner.totpSecret!, Math.floor(Date.now() / 30_000));
    const session = await anon.call('logOn', { body: { email: partner.email, password: PASSWORD, mfaCode: code } });
    assert.ok(session.account.mfaEnabled);
    assert.ok(performance.now() - t0 >= 250, 'the log-on was slowed, not refused');

    // Too many at once from a slowed address are refused for a few seconds, not for 15 minutes.
    const burst = await Promise.all(Array.from({ length: 8 }, () => anon.call('logOn', { body: { email: uniqueEmail('spray'), password: 'guess guess guess' } }).catch((e: { status: number; message: string }) => e)));
    const refusedNow = burst.filter((e) => (e as { status: number }).status === 429) as { message: string }[];
    assert.ok(refusedNow.length > 0, 'a burst from a slowed address is bounded');
    assert.match(refusedNow[0]!.message, /slowed/);
  } finally {
    await slowed.stop();
  }
});
