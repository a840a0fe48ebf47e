// Several portal instances on one PostgreSQL database (issue 14): what one instance decides, the
// other sees at once, because it lives in the database. Two instances share a database and keys;
// requests are spread over both:
// - 50 parallel claims of one System ID by 50 end users: one owner, the rest refused, one row;
// - 30 parallel edits of one registration: each applied once, in its own revision;
// - an ID reported as one site's shadow while another registration takes it as its System ID:
//   one of the two wins, never both (decide and saveInventory run READ COMMITTED with locks);
// - failed log-ons counted across instances up to the per-account limit, then 429 on either one,
//   even with the right password; the per-address sign-up limit counted across instances;
// - a session made on one is valid on the other, and a log-off on one ends it on the other;
// - an authenticator code accepted on one is refused as used on the other;
// - Registration code serials issued through both at once are all different;
// - mail: both drain one queue and no message is sent twice; an instance killed with SIGKILL
//   while the SMTP server holds its reply to a message loses nothing: the message was not
//   accepted, and the other instance sends it once the lease ends (mail.leaseSeconds).
// PostgreSQL only: portal-postgres.test.ts runs this file with PORTAL_TEST_ENGINE=postgres and
// PORTAL_TEST_PG_URL set (it runs every file that starts a portal); on SQLite it skips.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { PortalClient, type PortalRequestError } from '../../main/services/portal/portal-client.js';
import { loadOrCreateKeys } from '../../portal/keys.js';
import { generateInstallationKeys } from '../../shared/node/codes/keys.js';
import { createRequestCode } from '../../shared/node/codes/request-code.js';
import { nextTotp, PASSWORD, refusal, registrationForm, uniqueEmail, type TestAccount } from '../support/portal-accounts.js';
import { smtpMailbox, verifyAddress, type Mailbox } from '../support/portal-mail.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { startSmtp, type ReceivedMail } from '../support/smtp.js';

const SKIP =
  process.env.PORTAL_TEST_ENGINE !== 'postgres' || !process.env.PORTAL_TEST_PG_URL
    ? 'several instances need a shared PostgreSQL database: run through portal-postgres.test.ts (PORTAL_TEST_ENGINE=postgres with PORTAL_TEST_PG_URL)'
    : false;

type Portal = Started<{ url: string; outboxDir: string }>;

/** A database of its own and one set of keys, made before either starts (portal/README.md, Several instances). */
async function startInstances(name: string, env: Record<string, string>, perInstance: (i: number) => Record<string, string> = () => ({})) {
  const { sharedPgCluster } = await import('../support/pg-cluster.js');
  const url = await (await sharedPgCluster()).createDatabase(name);
  const keysDir = path.join(tempDir(`${name}-keys`), 'keys');
  loadOrCreateKeys(keysDir);
  const portals = await Promise.all(
    [0, 1].map((i) => startPortal(tempDir(`${name}-${i}`), ['--database', url], { ...env, ...perInstance(i), PORTAL_KEYS_DIR: keysDir }) as Promise<Portal>),
  );
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  return { portals, db };
}

/** Polls `check` until it returns something, or fails with `what` after `ms`: final states, never timing. */
async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs `work` on each item, `width` at a time (sign-ups queue for password hashing). */
async function inGroups<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j)))));
  return results;
}

let addresses = 0;
/** A client address of its own (the instances trust X-Forwarded-For), so per-address limits count only what a test means. */
const nextAddress = () => `10.77.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

const post = (url: string, route: string, body: unknown, from?: string) =>
  fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) }, body: JSON.stringify(body) }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });

const signUpBody = (email: string, kind: 'end-user' | 'partner') => ({ email, password: PASSWORD, name: `Multi ${kind}`, organization: kind === 'partner' ? `Org ${email}` : '', kind });

/**
 * An account signed up on the instance at `url` from an address of its own, verified from the mail
 * (sent by whichever instance took it), logged on there; a partner also enrolled in TOTP.
 */
async function account(url: string, mailbox: Mailbox, kind: 'end-user' | 'partner'): Promise<TestAccount> {
  const email = uniqueEmail(`multi-${kind}`);
  assert.equal(await post(url, '/api/v1/accounts', signUpBody(email, kind), nextAddress()), 201);
  const verified = await verifyAddress(mailbox, email);
  assert.equal(verified.status, 200);
  const client = new PortalClient({ baseUrl: url });
  client.token = (await client.call('logOn', { body: { email, password: PASSWORD } })).token;
  if (kind === 'end-user') return { client, email, totpSecret: null, recoveryCodes: [] };
  const enrolment = await client.call('mfaEnrol', { body: {} });
  const { recoveryCodes } = await client.call('mfaConfirm', { body: { code: (await nextTotp(enrolment.secret)).code } });
  return { client, email, totpSecret: enrolment.secret, recoveryCodes };
}

/** The account's session used on another instance. */
const on = (portal: Portal, account: TestAccount) => new PortalClient({ baseUrl: portal.info.url, token: account.client.token! });

/** kill -9 of the portal (startPortal runs it as the child itself, no launcher between), then its exit. */
async function killHard(portal: Portal) {
  const exited = new Promise<void>((resolve) => (portal.child.exitCode !== null || portal.child.signalCode !== null ? resolve() : portal.child.once('exit', () => resolve())));
  portal.child.kill('SIGKILL');
  await exited;
}

describe('two portal instances on one PostgreSQL database', { skip: SKIP }, () => {
  let a: Portal;
  let b: Portal;
  let db: pg.Client;
  let sink: Awaited<ReturnType<typeof startSmtp>>;
  let mailbox: Mailbox;
  let partner: TestAccount;

  before(async () => {
    sink = await startSmtp();
    const box = smtpMailbox(sink.received);
    // Mail may be sent by either instance, a little later on a loaded machine.
    mailbox = (to, match, ms) => box(to, match, Math.max(ms ?? 0, 60_000));
    const started = await startInstances('multi', {
      PORTAL_SMTP_URL: sink.url,
      // Each test's client addresses are its own (X-Forwarded-For), so the limits below count only what it means.
      PORTAL_TRUST_PROXY: 'true',
      PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '4',
      PORTAL_SIGNUPS_PER_MINUTE: '1000',
      PORTAL_SIGNUP_QUEUE: '100',
      PORTAL_FAILED_LOGONS_PER_ACCOUNT: '5',
    });
    [a, b] = started.portals as [Portal, Portal];
    db = started.db;
    partner = await account(a.info.url, mailbox, 'partner');
  });
  after(async () => {
    await db?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await sink?.close();
  });

  test('50 parallel claims of one System ID by 50 end users over both instances: one owner, 49 refused, one row', { timeout: 10 * 60_000 }, async () => {
    const claimants = await inGroups(
      Array.from({ length: 50 }, (_, i) => i),
      10,
      (i) => account((i % 2 ? b : a).info.url, mailbox, 'end-user'),
    );
    const systemId = `Multi-${process.pid}-${Date.now()}`;
    const results = await Promise.allSettled(claimants.map((c, i) => on(i % 2 ? a : b, c).call('registerSystem', { params: { systemId }, body: registrationForm({ consent: true }) })));
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [claimants[i]!] : []));
    assert.equal(winners.length, 1, `exactly one winner, got ${winners.length}`);
    for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as PortalRequestError).status, 403, String(r.reason));
    const rows = (
      await db.query<{ email: string }>(
        'SELECT a.email FROM system_ids s JOIN registrations r ON r.id = s.registration_id JOIN accounts a ON a.id = r.end_user_id WHERE s.system_id = $1',
        [systemId],
      )
    ).rows;
    assert.deepEqual(
      rows.map((r) => r.email),
      [winners[0]!.email],
      'one row holds the System ID, its end user the winner',
    );
    assert.equal((await on(a, winners[0]!).call('getSystem', { params: { systemId } })).revision, 1, 'no loser wrote anything');
  });

  test('30 edits of one registration at once over both instances: each applied once, none lost (revision and audit count them all)', async () => {
    const systemId = `Edits-${process.pid}-${Date.now()}`;
    const start = await partner.client.call('registerSystem', { params: { systemId }, body: registrationForm({ siteName: 'Edit 0' }) });
    const form = registrationForm();
    const names = Array.from({ length: 30 }, (_, i) => `Edit ${i + 1}`);
    await Promise.all(names.map((siteName, i) => on(i % 2 ? b : a, partner).call('registerSystem', { params: { systemId }, body: { installation: { ...form.installation, siteName } } })));
    const now = await partner.client.call('getSystem', { params: { systemId } });
    assert.equal(now.revision, start.revision + 30, 'every edit made its own revision');
    assert.ok(names.includes(now.installation.siteName), 'the last edit applied is one of them');
    const modified = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log l JOIN system_ids s ON s.registration_id = l.registration_id WHERE s.system_id = $1 AND l.action = 'system.modified'`,
      [systemId],
    )).rows[0]!.n;
    assert.equal(modified, 30, 'one audit entry per edit');
  });

  test('an ID reported as a shadow by one site while another registration takes it as its new System ID: one or the other, never both', async () => {
    const rounds = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const [lead, other, contested] = ['Lead', 'Other', 'Contested'].map((what) => `${what}-${process.pid}-${Date.now()}-${i}`) as [string, string, string];
        await partner.client.call('registerSystem', { params: { systemId: lead }, body: registrationForm() });
        await partner.client.call('registerSystem', { params: { systemId: other }, body: registrationForm() });
        const server = (systemId: string, role: 'lead' | 'shadow') => ({
          name: role === 'lead' ? 'ES-1' : 'AS-1',
          kind: role === 'lead' ? ('enterprise-server' as const) : ('automation-server' as const),
          model: null,
          serialNumber: null,
          firmwareVersion: '6.0.4',
          ipAddress: null,
          systemId,
          role,
        });
        // From different instances, at once.
        const [report, associate] = await Promise.allSettled([
          on(i % 2 ? a : b, partner).call('reportInventory', { params: { systemId: lead }, body: { servers: [server(lead, 'lead'), server(contested, 'shadow')] } }),
          on(i % 2 ? b : a, partner).call('associateSystemId', { params: { systemId: other }, body: { newSystemId: contested } }),
        ]);
        return { contested, report, associate };
      }),
    );
    for (const { contested, report, associate } of rounds) {
      assert.equal([report, associate].filter((r) => r.status === 'fulfilled').length, 1, `${contested}: exactly one of the two succeeded`);
      const loser = (report.status === 'rejected' ? report : associate) as PromiseRejectedResult;
      assert.equal((loser.reason as PortalRequestError).status, 409, String(loser.reason));
      const shadows = (await db.query('SELECT 1 FROM inventory_shadows WHERE system_id = $1', [contested])).rowCount;
      const ids = (await db.query('SELECT 1 FROM system_ids WHERE system_id = $1', [contested])).rowCount;
      assert.deepEqual([shadows, ids], report.status === 'fulfilled' ? [1, 0] : [0, 1], `${contested}: a shadow or a System ID, as the winner left it`);
    }
  });

  test('failed log-ons are counted in the database: the limit is reached over both instances, then either refuses even the right password', async () => {
    const victim = await account(b.info.url, mailbox, 'end-user');
    const from = nextAddress();
    // 12 wrong passwords at once, spread over both: each is counted before it is checked, so exactly the limit's 5 get to the check.
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => post((i % 2 ? b : a).info.url, '/api/v1/sessions', { email: victim.email, password: 'wrong password' }, from)));
    assert.deepEqual(
      [statuses.filter((s) => s === 401).length, statuses.filter((s) => s === 429).length],
      [5, 7],
      `5 checked (401) and 7 refused (429): ${statuses.join(',')}`,
    );
    for (const portal of [a, b]) {
      const refused = await refusal(new PortalClient({ baseUrl: portal.info.url }).call('logOn', { body: { email: victim.email, password: PASSWORD } }));
      assert.equal(refused.status, 429, `the right password is refused on ${portal.info.url}`);
      assert.match(refused.message, /Too many failed attempts from this account/);
    }
  });

  test('the per-address sign-up limit is counted over both instances', async () => {
    const from = nextAddress();
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => post((i % 2 ? b : a).info.url, '/api/v1/accounts', signUpBody(uniqueEmail('multi-limit'), 'end-user'), from)));
    assert.deepEqual(
      [statuses.filter((s) => s === 201).length, statuses.filter((s) => s === 429).length],
      [4, 4],
      `4 a minute from one address, whichever instance: ${statuses.join(',')}`,
    );
  });

  test('a session made on one instance is valid on the other, and a log-off on one ends it on the other at once', async () => {
    const person = await account(a.info.url, mailbox, 'end-user');
    const session = await new PortalClient({ baseUrl: a.info.url }).call('logOn', { body: { email: person.email, password: PASSWORD } });
    const onA = new PortalClient({ baseUrl: a.info.url, token: session.token });
    const onB = new PortalClient({ baseUrl: b.info.url, token: session.token });
    assert.equal((await onB.call('me')).email, person.email);
    await onA.call('logOff');
    const ended = await refusal(onB.call('me'));
    assert.equal(ended.status, 401);
    assert.match(ended.message, /expired or was logged off/);
    assert.equal((await on(b, person).call('me')).email, person.email, "the account's other session lives on");
  });

  test('an authenticator code accepted on one instance is refused as used on the other', async () => {
    const { code } = await nextTotp(partner.totpSecret!);
    const logOn = (portal: Portal) => new PortalClient({ baseUrl: portal.info.url }).call('logOn', { body: { email: partner.email, password: PASSWORD, mfaCode: code } });
    assert.match((await logOn(a)).token, /^bmsp_/);
    const replay = await refusal(logOn(b));
    assert.equal(replay.status, 401);
    assert.match(replay.message, /used already/);
  });

  test('Registration codes issued through both instances at once have different serials; one request answered on both gets one code', async () => {
    const systemId = `Multi-Codes-${process.pid}-${Date.now()}`;
    await partner.client.call('registerSystem', { params: { systemId }, body: registrationForm() });
    const installation = generateInstallationKeys();
    const request = () => createRequestCode({ systemId, machineId: 'site-machine-1', serverSystemIds: [], installationPublicKey: installation.publicKey }).code;
    const issued = await Promise.all(Array.from({ length: 24 }, (_, i) => on(i % 2 ? b : a, partner).call('issueCode', { params: { systemId }, body: { request: request(), kind: 'register' } })));
    const serials = issued.map((c) => c.serial);
    assert.equal(new Set(serials).size, serials.length, `24 different serials: ${serials.join(',')}`);
    const { rows } = await db.query<{ n: number; serials: number }>('SELECT count(*)::int AS n, count(DISTINCT id)::int AS serials FROM issued_codes');
    assert.deepEqual(rows[0], { n: 24, serials: 24 });

    const same = request();
    const twice = await Promise.all([a, b].map((portal) => on(portal, partner).call('issueCode', { params: { systemId }, body: { request: same, kind: 'register' } })));
    assert.equal(twice[0]!.serial, twice[1]!.serial, 'one request, one code, whichever instance answers');
    assert.equal(twice[0]!.registrationCode, twice[1]!.registrationCode);
  });
});

describe('two portal instances draining one mail queue', { skip: SKIP }, () => {
  test('each mail is sent once; an instance killed while the SMTP server holds a message loses nothing, and the other sends it after the lease', { timeout: 10 * 60_000 }, async () => {
    const LEASE_SECONDS = 5;
    // Held replies may last a while on a loaded machine: the server must not time the connections out itself.
    const sink = await startSmtp({ socketTimeoutMs: 5 * 60_000 });
    // Each instance names itself in EHLO, so the server knows which one sends what.
    const names = ['instance-a', 'instance-b'];
    const { portals, db } = await startInstances(
      'multi_mail',
      { PORTAL_MAIL_LEASE_SECONDS: String(LEASE_SECONDS), PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: '1000', PORTAL_SIGNUPS_PER_MINUTE: '1000', PORTAL_SIGNUP_QUEUE: '100' },
      (i) => ({ PORTAL_SMTP_URL: `${sink.url}?name=${names[i]}` }),
    );
    const [a, b] = portals as [Portal, Portal];
    let pausedB: number | null = null;
    try {
      const queue = async () => (await db.query<{ id: number; recipients: string; sent_at: string | null; attempts: number; last_error: string | null }>('SELECT id, recipients, sent_at, attempts, last_error FROM mail_queue ORDER BY id')).rows;
      const recipientOf = (row: { recipients: string }) => (JSON.parse(row.recipients) as string[])[0]!.toLowerCase();
      const recipient = (m: ReceivedMail) => m.to[0]!.toLowerCase();
      const arrivals = (email: string) => sink.arrived.filter((m) => recipient(m) === email);
      const accepted = (email: string) => sink.received.filter((m) => recipient(m) === email);
      // A sign-up queues one verification mail, in the sign-up's transaction.
      const signUps = (portal: Portal, count: number) =>
        inGroups(
          Array.from({ length: count }, () => uniqueEmail('multi-mail')),
          10,
          async (email) => assert.equal(await post(portal.info.url, '/api/v1/accounts', signUpBody(email, 'end-user')), 201),
        );

      // Normal draining: mail queued on both, sent by both, each message once.
      await Promise.all([signUps(a, 15), signUps(b, 15)]);
      await eventually(async () => (await queue()).every((r) => r.sent_at !== null) && sink.received.length >= 30, 'the first 30 mails sent');
      const first = await queue();
      assert.equal(first.length, 30);
      for (const row of first) assert.equal(arrivals(recipientOf(row)).length, 1, `${recipientOf(row)} was sent once`);
      console.log(`normal draining: ${sink.received.filter((m) => m.client === names[0]).length} sent by ${names[0]}, ${sink.received.filter((m) => m.client === names[1]).length} by ${names[1]}`);

      // A batch of several messages on A, one of them held. B is paused (SIGSTOP) meanwhile, so A
      // takes them all. A's dispatcher is kept busy with one held message while 12 more are
      // queued; once that one is accepted, A's next batch takes the 12 at once and sends them a
      // few side by side: the first two are accepted, and from the third on the server holds its
      // reply to every DATA from A.
      pausedB = b.child.pid!;
      process.kill(pausedB, 'SIGSTOP');
      sink.hold((m) => m.client === names[0]);
      await signUps(a, 1);
      await sink.until(() => sink.held().length === 1, 'A sending the one message');
      await signUps(a, 12);
      let fromA = 0;
      sink.hold((m) => m.client === names[0] && ++fromA > 2);
      sink.release();
      await sink.until(() => sink.held().length > 0, 'A sending the third message of its batch');
      // What A had accepted is recorded sent, while its batch still waits for the held ones: each
      // message is recorded as its send settles, not at the end of its batch. Nothing A sends from
      // now on is accepted, so A has no message accepted but not yet recorded when it is killed:
      // the window of a few milliseconds the dispatcher leaves open (mail-dispatcher.ts).
      await eventually(async () => {
        const sent = new Set((await queue()).filter((r) => r.sent_at !== null).map(recipientOf));
        return sink.received.filter((m) => m.client === names[0]).every((m) => sent.has(recipient(m)));
      }, 'what A had accepted recorded as sent before its batch ended');

      const heldBeforeKill = sink.held();
      const droppedBefore = sink.dropped.length;
      await killHard(a);
      // The server sees A's connections close, and with them every message it held: not accepted.
      // Those are the ones held when A died: the snapshot above, and any of A's side-by-side sends
      // that reached the server between it and the kill.
      await sink.until(() => heldBeforeKill.every((m) => sink.dropped.includes(m)) && sink.held().length === 0, 'the held messages dropped with their connections');
      const heldAtKill = sink.dropped.slice(droppedBefore);
      sink.hold(null);
      process.kill(pausedB, 'SIGCONT');
      pausedB = null;

      // B sends what A had taken once A's leases end, and what is queued on it meanwhile.
      await signUps(b, 10);
      const total = (await queue()).length;
      assert.equal(total, 30 + 1 + 12 + 10);
      await eventually(async () => (await queue()).every((r) => r.sent_at !== null) && sink.received.length >= total, `all ${total} mails sent`, 120_000);
      const rows = await queue();
      for (const row of rows) {
        const email = recipientOf(row);
        assert.equal(accepted(email).length, 1, `${email} was accepted once`);
        assert.deepEqual([row.attempts, row.last_error], [1, null], `${email} is recorded sent once`);
      }
      assert.equal(sink.received.length, rows.length, 'nothing else was accepted');
      const killed = new Set(heldAtKill.map(recipient));
      assert.ok(killed.size > 0);
      for (const email of killed) {
        assert.deepEqual(
          accepted(email).map((m) => m.client),
          [names[1]],
          `${email}, held when A was killed, was not delivered by A; B sent it`,
        );
      }
      // Outside the kill, no message reached the server twice: the instances never both sent one.
      for (const row of rows) {
        const email = recipientOf(row);
        assert.equal(arrivals(email).length, killed.has(email) ? 2 : 1, `${email} reached the server ${killed.has(email) ? 'from A (dropped) and B' : 'once'}`);
      }
      console.log(`A killed while the server held ${heldAtKill.length} of its messages; ${total} mails, each accepted once`);
    } finally {
      if (pausedB !== null) process.kill(pausedB, 'SIGCONT');
      sink.hold(null);
      sink.release();
      await db.end();
      await Promise.all([a.stop(), b.stop()]);
      await sink.close();
    }
  });
});
