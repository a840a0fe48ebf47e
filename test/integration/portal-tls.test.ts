// A portal whose certificate no authority signed goes through the same fingerprint trust as the
// site's servers: refused with words that say what to do, accepted once that exact certificate is
// trusted (log-on and calls work over it), and refused again when another certificate appears.
// The real portal process sits behind a real TLS listener with certificates from openssl.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createCompanion, type Companion } from '../../main/services/index.js';
import { newAccount, PASSWORD } from '../support/portal-accounts.js';
import { failsWith } from '../support/refusals.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { hasOpenssl, makeCertificate, tlsFront, type TlsFront } from '../support/tls.js';

const skip = hasOpenssl ? false : 'the openssl command is not installed, so no test certificate can be made';

let portal: Started<{ url: string }>;
let front: TlsFront;
let companion: Companion;
const dir = tempDir('portal-tls');

before(async () => {
  if (skip) return;
  portal = await startPortal(tempDir('portal-tls-data'));
  companion = createCompanion({ dataDir: tempDir('portal-tls-app'), version: 'test', emit: () => {} });
});
after(async () => {
  companion?.close();
  await front?.close();
  await portal?.stop();
});

test('a self-signed portal certificate is refused until its fingerprint is trusted, then pinned', { skip }, async () => {
  const first = makeCertificate(dir, 'portal-first');
  front = await tlsFront(portal.info.url, first);
  const url = `https://${front.hostPort}`;
  const h = companion.handlers;

  const refused = await failsWith(() => h['portal.connect']({ url }), 'conflict', /not signed by an authority this computer trusts .*compare its SHA-256 fingerprint/);
  assert.deepEqual(refused.issues, [{ path: 'certificate', message: front.hostPort }], 'the page learns which host:port to fetch the certificate of');

  const probed = await h['site.certificate.probe']({ hostPort: front.hostPort });
  assert.equal(probed.fingerprint256, first.fingerprint256);
  await h['site.certificate.trust']({ hostPort: front.hostPort, fingerprint256: probed.fingerprint256 });
  assert.equal((await h['portal.connect']({ url })).url, url);
  const account = await newAccount(portal.info.url, { kind: 'end-user' });
  const session = await h['portal.logon']({ email: account.email, password: PASSWORD });
  assert.equal(session.account?.email, account.email, 'log-on went over the pinned connection');
  assert.equal((await h['online.check']({})).reachable, true);

  // Another certificate at the same address: refused, and said so.
  const port = Number(front.hostPort.split(':')[1]);
  await front.close();
  front = await tlsFront(portal.info.url, makeCertificate(dir, 'portal-impostor'), port);
  await failsWith(() => h['portal.systems.list']({ sort: 'updatedAt', order: 'desc', offset: 0, limit: 10 }), 'conflict', /presented another certificate than the one you trusted/);
  const check = await h['online.check']({});
  assert.equal(check.reachable, false);
  assert.match(check.message, /another certificate/);
});
