// Every edit notifies the registered end user, the integrator and the site administrator: checked
// with a real SMTP server on loopback, and in the default outbox mode as .eml files. Mail that
// cannot be delivered waits in the queue and goes out when the server is back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { portalSql } from '../support/portal-db.js';
import { closedPort, startPortal, tempDir } from '../support/processes.js';
import { acceptInvitation, newAccount, registrationForm } from '../support/portal-accounts.js';
import { smtpMailbox } from '../support/portal-mail.js';
import { startSmtp } from '../support/smtp.js';

test('register, invite, claim and modify each mail the people concerned over SMTP', async () => {
  const smtp = await startSmtp();
  const mailbox = smtpMailbox(smtp.received);
  const portal = await startPortal(tempDir('portal-smtp'), [], { PORTAL_SMTP_URL: smtp.url, PORTAL_MAIL_FROM: 'Portal <portal@example.com>' });
  try {
    const partner = await newAccount(portal.info.url, { kind: 'partner' }, { mailbox });
    const endUser = await newAccount(portal.info.url, { kind: 'end-user' }, { mailbox });
    // The two verification mails came first.
    const before = (await smtp.waitFor(2)).length;
    const systemId = `Mail-${process.pid}-Sys`;
    const form = registrationForm({ adminEmail: 'site.admin@harbour.example' });
    await partner.client.call('registerSystem', { params: { systemId }, body: form });
    const registered = (await smtp.waitFor(before + 1))[before]!;
    assert.deepEqual(registered.to.sort(), [partner.email, 'site.admin@harbour.example'].sort());
    assert.equal(registered.from, 'portal@example.com');
    // A fixed subject: the System ID and the site name are typed by the caller, so they stay in the body.
    assert.match(registered.raw, /^Subject: Registration changed\r?$/m);
    assert.match(registered.raw, new RegExp(`System ID: "${systemId}"`));

    await partner.client.call('inviteToSystem', { params: { systemId }, body: { email: endUser.email } });
    const invitation = (await smtp.waitFor(before + 2))[before + 1]!;
    assert.deepEqual(invitation.to, [endUser.email], 'the invitation goes to the invited address only');
    assert.match(invitation.raw, /^Subject: Invitation to a system registration\r?$/m);
    await acceptInvitation(endUser, mailbox);
    const claimed = (await smtp.waitFor(before + 3))[before + 2]!;
    assert.deepEqual(claimed.to.sort(), [endUser.email, partner.email, 'site.admin@harbour.example'].sort());
    assert.match(claimed.raw, /joined by invitation/);
    await endUser.client.call('registerSystem', { params: { systemId }, body: { installation: { ...form.installation, siteName: 'Harbour Tower North' } } });
    const modified = (await smtp.waitFor(before + 4))[before + 3]!;
    assert.deepEqual(modified.to.sort(), [endUser.email, partner.email, 'site.admin@harbour.example'].sort());
    assert.match(modified.raw, /installation\.siteName/);
  } finally {
    await portal.stop();
    await smtp.close();
  }
});

test('without SMTP, mail is written to the outbox as .eml files', async () => {
  const portal = await startPortal(tempDir('portal-outbox'));
  try {
    const endUser = await newAccount(portal.info.url, { kind: 'end-user' });
    await endUser.client.call('registerSystem', { params: { systemId: `Outbox-${process.pid}` }, body: registrationForm() });
    const outbox = portal.info.outboxDir;
    const deadline = Date.now() + 5000;
    // The verification mail, then the registration's.
    while (!fs.existsSync(outbox) || fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')).length < 2) {
      assert.ok(Date.now() < deadline, 'an .eml file appears in the outbox');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const file = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')).sort().at(-1);
    assert.match(file!, /\.eml$/);
    const eml = fs.readFileSync(path.join(outbox, file!), 'utf8');
    assert.match(eml, new RegExp(`To: .*${endUser.email.replace(/[.+]/g, '\\$&')}`));
    assert.match(eml, /sam\.admin@harbour\.example/);
  } finally {
    await portal.stop();
  }
});

test('mail that cannot be delivered stays queued and is sent after a restart once SMTP answers', async () => {
  const dataDir = tempDir('portal-smtp-down');
  const port = await closedPort();
  const down = await startPortal(dataDir, [], { PORTAL_SMTP_URL: `smtp://127.0.0.1:${port}` });
  // Its verification mail cannot be delivered now: it waits in the queue.
  const endUser = await newAccount(down.info.url, { kind: 'end-user' }, { verify: false });
  // The queue in the portal's own database shows the failed delivery and why.
  await portalSql(dataDir, async (db) => {
    const deadline = Date.now() + 10_000;
    let row: { attempts: number; last_error: string | null; sent_at: string | null } | undefined;
    while (!(row = await db.get<NonNullable<typeof row>>('SELECT attempts, last_error, sent_at FROM mail_queue'))?.attempts) {
      assert.ok(Date.now() < deadline, 'a delivery was tried');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(row!.sent_at, null);
    assert.match(row!.last_error ?? '', /ECONNREFUSED|connect/i);
  });
  await down.stop();

  const smtp = await startSmtp();
  const up = await startPortal(dataDir, [], { PORTAL_SMTP_URL: smtp.url });
  try {
    const [mail] = await smtp.waitFor(1);
    assert.ok(mail!.to.includes(endUser.email));
    assert.match(mail!.raw, /^Subject: Verify your e-mail address\r?$/m);
  } finally {
    await up.stop();
    await smtp.close();
  }
});
