// Accounts against the running portal process: sign-up, log-on, MFA enrolment and log-on,
// recovery codes, session expiry, log-off, password change, and failed log-ons rate limited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PortalClient } from '../../main/services/portal/portal-client.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { newAccount, nextTotp, PASSWORD, uniqueEmail, refusal } from '../support/portal-accounts.js';
import { outboxMailbox, verifyAddress } from '../support/portal-mail.js';

let portal: Started<{ url: string; outboxDir: string }>;
let url: string;

before(async () => {
  // Sessions last 10 s here so expiry can be watched (long enough for the other tests' sessions on
  // a loaded machine); Branch sign-up is open for the test.
  portal = await startPortal(tempDir('portal-accounts'), [], { PORTAL_SESSION_TTL_SECONDS: '10', PORTAL_BRANCH_SIGNUP: 'true', PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '100' });
  url = portal.info.url;
});
after(() => portal.stop());


test('sign-up validates every field; a second sign-up for one e-mail gets the same answer and changes nothing', async () => {
  const client = new PortalClient({ baseUrl: url });
  const bad = await refusal(client.call('signUp', { body: { email: 'not-mail', password: 'short', kind: 'end-user', name: ' ' } }));
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.issues.map((i) => i.path).sort(), ['email', 'name', 'password']);
  assert.match(bad.issues.find((i) => i.path === 'password')!.message, /at least 12/);

  const email = uniqueEmail('dup');
  const account = await client.call('signUp', { body: { email, password: PASSWORD, kind: 'end-user', name: 'Eve' } });
  assert.equal(account.email, email);
  // Sign-up does not tell whether the address has an account (portal-trust-accounts.test.ts, item 7).
  const dup = await client.call('signUp', { body: { email: email.toUpperCase(), password: `${PASSWORD} 2`, kind: 'partner', name: 'Eve 2', organization: 'Other' } });
  assert.equal(dup.message.replace(email.toUpperCase(), email), account.message);
  client.token = (await client.call('logOn', { body: { email, password: PASSWORD } })).token;
  const me = await client.call('me');
  assert.deepEqual([me.name, me.kind, me.mfaRequired], ['Eve', 'end-user', false], 'the first account is untouched');
});

test('log-on gives a session; a wrong password or unknown e-mail gets the same answer', async () => {
  const client = new PortalClient({ baseUrl: url });
  const email = uniqueEmail('logon');
  await client.call('signUp', { body: { email, password: PASSWORD, kind: 'end-user', name: 'Lou' } });
  const wrong = await refusal(client.call('logOn', { body: { email, password: 'not the password' } }));
  const unknown = await refusal(client.call('logOn', { body: { email: uniqueEmail('nobody'), password: PASSWORD } }));
  assert.equal(wrong.status, 401);
  assert.equal(wrong.message, unknown.message);
  const session = await client.call('logOn', { body: { email, password: PASSWORD } });
  assert.match(session.token, /^bmsp_/);
  client.token = session.token;
  assert.equal((await client.call('me')).email, email);
});

test('a partner must enrol TOTP before anything else, then logs on with a code; codes are not reusable', async () => {
  const client = new PortalClient({ baseUrl: url });
  const email = uniqueEmail('partner');
  await client.call('signUp', { body: { email, password: PASSWORD, kind: 'partner', name: 'Pat', organization: 'Acme, Inc.' } });
  client.token = (await client.call('logOn', { body: { email, password: PASSWORD } })).token;
  const gated = await refusal(client.call('listSystems'));
  assert.equal(gated.code, 'mfa_enrolment_required');
  await verifyAddress(outboxMailbox(portal.info.outboxDir), email);
  // A second password-only session, opened before enrolment, must not gain full access by it.
  const early = new PortalClient({ baseUrl: url, token: (await client.call('logOn', { body: { email, password: PASSWORD } })).token });

  const enrolment = await client.call('mfaEnrol', { body: {} });
  assert.match(enrolment.otpauthUri, /^otpauth:\/\/totp\//);
  assert.match(enrolment.qrSvg, /^<svg/);
  const badConfirm = await refusal(client.call('mfaConfirm', { body: { code: '000000' } }));
  assert.equal(badConfirm.status, 400);
  const first = await nextTotp(enrolment.secret);
  const { recoveryCodes } = await client.call('mfaConfirm', { body: { code: first.code } });
  assert.equal(recoveryCodes.length, 10);
  assert.deepEqual(await client.call('listSystems'), { total: 0, offset: 0, limit: 50, items: [] }, 'the enrolling session is now complete');
  assert.equal((await refusal(early.call('listSystems'))).code, 'unauthorized', 'the other session was logged off by the enrolment');

  const fresh = new PortalClient({ baseUrl: url });
  const missing = await refusal(fresh.call('logOn', { body: { email, password: PASSWORD } }));
  assert.equal(missing.code, 'mfa_required');
  const replay = await refusal(fresh.call('logOn', { body: { email, password: PASSWORD, mfaCode: first.code } }));
  assert.match(replay.message, /used already/);
  const second = await nextTotp(enrolment.secret, first.step);
  // A code for the next step is within the one-step drift the portal allows.
  const session = await fresh.call('logOn', { body: { email, password: PASSWORD, mfaCode: second.code } });
  assert.equal(session.account.mfaEnabled, true);

  const recovery = recoveryCodes[0]!;
  await fresh.call('logOn', { body: { email, password: PASSWORD, recoveryCode: recovery.toLowerCase() } });
  const reused = await refusal(fresh.call('logOn', { body: { email, password: PASSWORD, recoveryCode: recovery } }));
  assert.match(reused.message, /used already/);
});

test('a session expires, and log-off and password change revoke sessions at once', async () => {
  const account = await newAccount(url, { kind: 'end-user' });
  const { client, email } = account;
  const other = new PortalClient({ baseUrl: url, token: (await client.call('logOn', { body: { email, password: PASSWORD } })).token });
  await other.call('me');

  await client.call('changePassword', { body: { currentPassword: PASSWORD, newPassword: `${PASSWORD} 2` } });
  await client.call('me');
  assert.equal((await refusal(other.call('me'))).code, 'unauthorized', 'the other session was logged off by the password change');
  await refusal(client.call('logOn', { body: { email, password: PASSWORD } }));

  await client.call('logOff');
  assert.equal((await refusal(client.call('me'))).status, 401);

  const short = new PortalClient({ baseUrl: url, token: (await client.call('logOn', { body: { email, password: `${PASSWORD} 2` } })).token });
  await short.call('me');
  // Sessions last 10 s on this portal: asked until it says no, which must happen within seconds of that.
  const started = Date.now();
  let expired: Error | null = null;
  while (!expired) {
    expired = await short.call('me').then(
      () => null,
      (e: Error) => e,
    );
    assert.ok(Date.now() - started < 25_000, 'the session expired');
    if (!expired) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.ok(Date.now() - started >= 5000, 'not before its time');
  assert.match(expired.message, /expired/);
});

test('Branch accounts sign up only where the portal allows it, and need MFA like partners', async () => {
  const branch = await newAccount(url, { kind: 'branch' });
  assert.equal((await branch.client.call('me')).mfaRequired, true);
  const closed = await startPortal(tempDir('portal-branch-closed'));
  try {
    const refused = await refusal(new PortalClient({ baseUrl: closed.info.url }).call('signUp', { body: { email: uniqueEmail('b'), password: PASSWORD, kind: 'branch', name: 'B' } }));
    assert.equal(refused.status, 403);
  } finally {
    await closed.stop();
  }
});

test('failed log-ons are limited per account: the sixth try is refused for 15 minutes, even with the right password', async () => {
  const { email } = await newAccount(url, { kind: 'end-user' });
  const client = new PortalClient({ baseUrl: url });
  for (let i = 0; i < 5; i++) assert.equal((await refusal(client.call('logOn', { body: { email, password: 'wrong password' } }))).status, 401);
  const limited = await refusal(client.call('logOn', { body: { email, password: PASSWORD } }));
  assert.equal(limited.status, 429);
  assert.match(limited.message, /15 minutes/);
  const response = await fetch(client.url('logOn'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  assert.equal(response.headers.get('retry-after'), '900');
});

test('failed log-ons from one address across accounts slow further log-ons from it, without locking it out', async () => {
  const limited = await startPortal(tempDir('portal-address-limit'), [], { PORTAL_FAILED_LOGONS_PER_ADDRESS: '3' });
  try {
    const client = new PortalClient({ baseUrl: limited.info.url });
    for (let i = 0; i < 3; i++) await refusal(client.call('logOn', { body: { email: uniqueEmail('spray'), password: 'guess guess guess' } }));
    const t0 = performance.now();
    const slowed = await refusal(client.call('logOn', { body: { email: uniqueEmail('spray'), password: 'guess guess guess' } }));
    assert.equal(slowed.code, 'unauthorized', 'checked, not refused unchecked');
    assert.ok(performance.now() - t0 >= 250, 'but only after a wait');
  } finally {
    await limited.stop();
  }
});

test('parallel failed log-ons cannot slip under the limit; wrong current passwords count too', async () => {
  const { email, client } = await newAccount(url, { kind: 'end-user' });
  const anon = new PortalClient({ baseUrl: url });
  const results = await Promise.all(Array.from({ length: 20 }, () => anon.call('logOn', { body: { email, password: 'wrong password' } }).catch((e: unknown) => e)));
  const statuses = results.map((r) => (r as { status: number }).status);
  assert.equal(statuses.filter((s) => s === 401).length, 5, `exactly the limit was checked: ${statuses.join(',')}`);
  assert.equal(statuses.filter((s) => s === 429).length, 15);

  const other = await newAccount(url, { kind: 'end-user' });
  for (let i = 0; i < 5; i++) await refusal(other.client.call('changePassword', { body: { currentPassword: 'not my password', newPassword: `${PASSWORD} 3` } }));
  assert.equal((await refusal(other.client.call('changePassword', { body: { currentPassword: PASSWORD, newPassword: `${PASSWORD} 3` } }))).status, 429);
  await client.call('me');
});
