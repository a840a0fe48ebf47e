// Every edit notifies the registered end user, the integrator and the site administrator: checked
// with a real SMTP server on loopback, and in the default outbox mode as .eml files. Mail that
// cannot be delivered waits in the queue and goes out when the server is back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { closedPort, startPortal, tempDir } from '../support/processes.js';
import { newAccount, registrationForm } from '../support/portal-accounts.js';
import { startSmtp } from '../support/smtp.js';

test('register, invite, claim and modify each mail the people concerned over SMTP', async () => {
  const smtp = await startSmtp();
  const portal = await startPortal(tempDir('portal-smtp'), [], { PORTAL_SMTP_URL: smtp.url, PORTAL_MAIL_FROM: 'Portal <portal@example.com>' });
  try {
    const partner = await newAccount(portal.info.url, { kind: 'partner' });
    const endUser = await newAccount(portal.info.url, { kind: 'end-user' });
    const systemId = `Mail-${process.pid}-Sys`;
    const form = registrationForm({ adminEmail: 'site.admin@harbour.example' });
    await partner.client.call('registerSystem', { params: { systemId }, body: form });
    const [registered] = await smtp.waitFor(1);
    assert.deepEqual(registered!.to.sort(), [partner.email, 'site.admin@harbour.example'].sort());
    assert.equal(registered!.from, 'portal@example.com');
    assert.match(registered!.raw, new RegExp(`Subject: Registration of Harbour Tower \\(${systemId}\\) registered`));

    await partner.client.call('inviteToSystem', { params: { systemId }, body: { email: endUser.email } });
    const invitation = (await smtp.waitFor(2))[1]!;
    assert.deepEqual(invitation.to, [endUser.email], 'the invitation goes to the invited address only');
    assert.match(invitation.raw, new RegExp(`Subject: Invitation: registration of Harbour Tower \\(${systemId}\\)`));
    await endUser.client.call('registerSystem', { params: { systemId }, body: { installation: { ...form.installation, siteName: 'Harbour Tower North' } } });
    const mails = await smtp.waitFor(3);
    const claimed = mails[2]!;
    assert.deepEqual(claimed.to.sort(), [endUser.email, partner.email, 'site.admin@harbour.example'].sort());
    assert.match(claimed.raw, /installation\.siteName/);
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
    while (!fs.existsSync(outbox) || fs.readdirSync(outbox).length === 0) {
      assert.ok(Date.now() < deadline, 'an .eml file appears in the outbox');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [file] = fs.readdirSync(outbox);
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
  const endUser = await newAccount(down.info.url, { kind: 'end-user' });
  await endUser.client.call('registerSystem', { params: { systemId: `Queued-${process.pid}` }, body: registrationForm() });
  // The queue in the portal's own database shows the failed delivery and why.
  const db = new Database(path.join(dataDir, 'portal.sqlite'), { readonly: true });
  try {
    const deadline = Date.now() + 10_000;
    let row: { attempts: number; last_error: string | null; sent_at: string | null } | undefined;
    while (!(row = db.prepare('SELECT attempts, last_error, sent_at FROM mail_queue').get() as typeof row)?.attempts) {
      assert.ok(Date.now() < deadline, 'a delivery was tried');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(row!.sent_at, null);
    assert.match(row!.last_error ?? '', /ECONNREFUSED|connect/i);
  } finally {
    db.close();
  }
  await down.stop();

  const smtp = await startSmtp();
  const up = await startPortal(dataDir, [], { PORTAL_SMTP_URL: smtp.url });
  try {
    const [mail] = await smtp.waitFor(1);
    assert.ok(mail!.to.includes(endUser.email));
  } finally {
    await up.stop();
    await smtp.close();
  }
});
