// The portal's side of offline registration, against the running process: a request made as the
// site makes it is answered with a Registration code and a token that the site's own verifier
// accepts with only the portal's public keys; a wrong-case System ID, a broken request, someone
// else's system are refused; the same request gets the same code; associate moves the System ID.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generateInstallationKeys, importPortalPublicKeys, importRawPublicKey, type KeyPair } from '../../shared/node/codes/keys.js';
import { createRequestCode } from '../../shared/node/codes/request-code.js';
import { formatRequestFile } from '../../shared/node/codes/request-file.js';
import { verifyRegistrationCode } from '../../shared/node/codes/registration-code.js';
import { verifyToken } from '../../shared/node/codes/token.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { newAccount, registrationForm, type TestAccount, refusal } from '../support/portal-accounts.js';

let portal: Started<{ url: string }>;
let partner: TestAccount;
let stranger: TestAccount;
let installation: KeyPair;

before(async () => {
  portal = await startPortal(tempDir('portal-codes'));
  [partner, stranger] = await Promise.all([newAccount(portal.info.url, { kind: 'partner' }), newAccount(portal.info.url, { kind: 'partner' })]);
  installation = generateInstallationKeys();
});
after(() => portal.stop());


let n = 0;
const siteRequest = (systemId: string, shadows: string[] = []) =>
  createRequestCode({ systemId, machineId: 'site-machine-1', serverSystemIds: shadows, installationPublicKey: installation.publicKey });

test('a Registration code and a token answer the request, and the site verifies both with public keys only', async () => {
  const systemId = `Lead-${process.pid}-${++n}-Xy`;
  await partner.client.call('registerSystem', { params: { systemId }, body: registrationForm() });
  const request = siteRequest(systemId, ['AS-1', 'AS-2', 'AS-3']);
  const issued = await partner.client.call('issueCode', { params: { systemId }, body: { request: request.code.toLowerCase(), kind: 'register' } });
  assert.equal(issued.kind, 'register');
  assert.equal(issued.serverCount, 4);
  assert.match(issued.tokenQrSvg, /^<svg/);
  assert.equal(issued.registrationCode.replace(/-/g, '').length, 36);

  const portalPublicKeys = importPortalPublicKeys(await partner.client.call('keys'));
  const now = new Date();
  const viaCode = verifyRegistrationCode({ code: issued.registrationCode, request, installationPrivateKey: installation.privateKey, portalPublicKeys, now, highWaterMark: null });
  assert.ok(viaCode.ok, JSON.stringify(viaCode));
  assert.equal(viaCode.value.serial, issued.serial);
  const viaToken = verifyToken({ token: issued.token, request, portalPublicKeys, now, highWaterMark: null });
  assert.ok(viaToken.ok, JSON.stringify(viaToken));

  const again = await partner.client.call('issueCode', { params: { systemId }, body: { request: request.code, kind: 'register' } });
  assert.equal(again.serial, issued.serial, 'the same request gets the same code');
  assert.equal(again.registrationCode, issued.registrationCode);

  const next = await partner.client.call('issueCode', { params: { systemId }, body: { request: siteRequest(systemId).code, kind: 'register' } });
  assert.ok(next.serial > issued.serial, 'serials only grow');
  const listed = await partner.client.call('listCodes', { params: { systemId } });
  assert.deepEqual(listed.map((c) => c.serial), [next.serial, issued.serial]);
  const audit = await partner.client.call('systemAudit', { params: { systemId } });
  assert.equal(audit.filter((a) => a.action === 'code.issued').length, 2);
});

test('the request file works as well as the typed code', async () => {
  const systemId = `File-${process.pid}-${++n}`;
  await partner.client.call('registerSystem', { params: { systemId }, body: registrationForm() });
  const request = siteRequest(systemId);
  const file = formatRequestFile({ request, systemId, createdAt: new Date() });
  const issued = await partner.client.call('issueCode', { params: { systemId }, body: { request: file, kind: 'register' } });
  assert.equal(issued.systemId, systemId);
});

test('a System ID typed with the wrong case is caught, with a message about upper and lower case', async () => {
  const systemId = `Case-${process.pid}-${++n}-aBc`;
  const wrong = systemId.toLowerCase();
  await partner.client.call('registerSystem', { params: { systemId: wrong }, body: registrationForm() });
  const refused = await refusal(partner.client.call('issueCode', { params: { systemId: wrong }, body: { request: siteRequest(systemId).code, kind: 'register' } }));
  assert.equal(refused.status, 400);
  assert.match(refused.message, /upper and lower case/);
  assert.equal(refused.issues[0]?.path, 'systemId');
});

test('a mistyped request names the wrong group; another owner cannot get a code for the system', async () => {
  const systemId = `Typo-${process.pid}-${++n}`;
  await partner.client.call('registerSystem', { params: { systemId }, body: registrationForm() });
  const code = siteRequest(systemId).code;
  const groups = code.split('-');
  const third = groups[2]!;
  groups[2] = (third[0] === 'A' ? 'B' : 'A') + third.slice(1);
  const typo = await refusal(partner.client.call('issueCode', { params: { systemId }, body: { request: groups.join('-'), kind: 'register' } }));
  assert.equal(typo.status, 400);
  assert.match(typo.message, /Group 3 is mistyped/);
  const garbage = await refusal(partner.client.call('issueCode', { params: { systemId }, body: { request: 'BMS-REQUEST-1\nnothing here', kind: 'register' } }));
  assert.equal(garbage.issues[0]?.path, 'request');
  const foreign = await refusal(stranger.client.call('issueCode', { params: { systemId }, body: { request: code, kind: 'register' } }));
  assert.equal(foreign.status, 403);
});

test('associate: the new System ID joins the registration and the code is bound to the request for it', async () => {
  const oldId = `Wiped-${process.pid}-${++n}`;
  const newId = `${oldId}-new`;
  await partner.client.call('registerSystem', { params: { systemId: oldId }, body: registrationForm() });
  const request = siteRequest(newId);
  const missing = await refusal(partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: request.code, kind: 'associate' } }));
  assert.equal(missing.issues[0]?.path, 'newSystemId');
  const issued = await partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: request.code, kind: 'associate', newSystemId: newId } });
  assert.equal(issued.kind, 'associate');
  assert.equal(issued.systemId, newId);
  const view = await partner.client.call('getSystem', { params: { systemId: newId } });
  assert.deepEqual(view.systemIds.map((s) => s.systemId), [oldId, newId]);
  const grant = verifyRegistrationCode({
    code: issued.registrationCode,
    request,
    installationPrivateKey: installation.privateKey,
    portalPublicKeys: importPortalPublicKeys(await partner.client.call('keys')),
    now: new Date(),
    highWaterMark: null,
  });
  assert.ok(grant.ok && grant.value.kind === 'associate');
  // The same request answered again gets the same code; a new association from the replaced ID is refused, naming the current one.
  const again = await partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: request.code, kind: 'associate', newSystemId: newId } });
  assert.equal(again.registrationCode, issued.registrationCode);
  const later = `${oldId}-later`;
  const fromReplaced = await refusal(partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: siteRequest(later).code, kind: 'associate', newSystemId: later } }));
  assert.equal(fromReplaced.status, 409);
  assert.match(fromReplaced.message, new RegExp(`it is ${newId} now`));
});

test('a request that cannot be answered changes nothing: an associate with an unusable installation key does not move the System ID', async () => {
  const oldId = `Keep-${process.pid}-${++n}`;
  const newId = `${oldId}-new`;
  await partner.client.call('registerSystem', { params: { systemId: oldId }, body: registrationForm() });
  // A key no agreement can be made with (all zeros): the request's own integrity check is unkeyed, so anyone can send one.
  const unusable = createRequestCode({ systemId: newId, machineId: 'm', serverSystemIds: [], installationPublicKey: importRawPublicKey(new Uint8Array(32), 'x25519') });
  const refused = await refusal(partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: unusable.code, kind: 'associate', newSystemId: newId } }));
  assert.equal(refused.status, 400);
  assert.equal(refused.issues[0]?.path, 'request');
  const view = await partner.client.call('getSystem', { params: { systemId: oldId } });
  assert.deepEqual(view.systemIds.map((s) => s.systemId), [oldId], 'the System ID was not moved');
  const audit = await partner.client.call('systemAudit', { params: { systemId: oldId } });
  assert.ok(!audit.some((a) => a.action === 'system.associated'));
});
