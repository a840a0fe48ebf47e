// The portal's side of offline registration, against the running process: a request made as the
// site makes it is answered with a Registration code and a token that the site's own verifier
// accepts with only the portal's public keys; a wrong-case System ID, a broken request, someone
// else's system are refused; the same request gets the same code; associate moves the System ID.
// A version 2 request's kind and replaced System ID are checked; a version 1 request is answered
// as before; a request file's inventory is kept when its MAC verifies, and refused when changed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generateInstallationKeys, importPortalPublicKeys, importRawPublicKey, type KeyPair } from '../../shared/node/codes/keys.js';
import { inventoryBytes, inventoryMac } from '../../shared/node/codes/inventory-mac.js';
import { createRequestCode, type RequestInput } from '../../shared/node/codes/request-code.js';
import type { InventoryServer } from '../../shared/portal/inventory.js';
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
const siteRequest = (systemId: string, shadows: string[] = [], more: Partial<RequestInput> = {}) =>
  createRequestCode({ systemId, machineId: 'site-machine-1', serverSystemIds: shadows, installationPublicKey: installation.publicKey, ...more });
/** An association request, as the site makes it after a wipe: for the new ID, naming the one it replaces. */
const associationRequest = (newId: string, replaces: string) => siteRequest(newId, [], { kind: 'associate', replacesSystemId: replaces });

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
  const request = associationRequest(newId, oldId);
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
  const fromReplaced = await refusal(partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: associationRequest(later, oldId).code, kind: 'associate', newSystemId: later } }));
  assert.equal(fromReplaced.status, 409);
  assert.match(fromReplaced.message, new RegExp(`replaces System ID ${oldId}, which was itself replaced earlier: this registration's System ID is ${newId}`));
  // A version 1 request does not say which ID it replaces: the ID typed is checked instead.
  const v1 = siteRequest(later, [], { version: 1 });
  const typedOld = await refusal(partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: v1.code, kind: 'associate', newSystemId: later } }));
  assert.equal(typedOld.status, 409);
  assert.match(typedOld.message, new RegExp(`it is ${newId} now`));
});

test('a request that cannot be answered changes nothing: an associate with an unusable installation key does not move the System ID', async () => {
  const oldId = `Keep-${process.pid}-${++n}`;
  const newId = `${oldId}-new`;
  await partner.client.call('registerSystem', { params: { systemId: oldId }, body: registrationForm() });
  // A key no agreement can be made with (all zeros): the request's own integrity check is unkeyed, so anyone can send one.
  const unusable = createRequestCode({ systemId: newId, machineId: 'm', serverSystemIds: [], installationPublicKey: importRawPublicKey(new Uint8Array(32), 'x25519'), kind: 'associate', replacesSystemId: oldId });
  const refused = await refusal(partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: unusable.code, kind: 'associate', newSystemId: newId } }));
  assert.equal(refused.status, 400);
  assert.equal(refused.issues[0]?.path, 'request');
  const view = await partner.client.call('getSystem', { params: { systemId: oldId } });
  assert.deepEqual(view.systemIds.map((s) => s.systemId), [oldId], 'the System ID was not moved');
  const audit = await partner.client.call('systemAudit', { params: { systemId: oldId } });
  assert.ok(!audit.some((a) => a.action === 'system.associated'));
});

test('a version 2 request is answered only as the kind it asks for, with the reason in words', async () => {
  const oldId = `Kind-${process.pid}-${++n}`;
  const newId = `${oldId}-new`;
  await partner.client.call('registerSystem', { params: { systemId: oldId }, body: registrationForm() });
  const association = associationRequest(newId, oldId);
  const asRegister = await refusal(partner.client.call('issueCode', { params: { systemId: newId }, body: { request: association.code, kind: 'register' } }));
  assert.equal(asRegister.status, 400);
  assert.match(asRegister.message, /This request was made to associate a new System ID after a database wipe; choose Associate/);
  assert.equal(asRegister.issues[0]?.path, 'kind');
  const registration = siteRequest(oldId);
  const asAssociate = await refusal(partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: registration.code, kind: 'associate', newSystemId: oldId } }));
  assert.equal(asAssociate.status, 400);
  assert.match(asAssociate.message, /made to register the system .*choose Register, not Associate/);
  assert.deepEqual(await partner.client.call('listCodes', { params: { systemId: oldId } }), [], 'nothing was issued');
  // A version 1 request still takes the kind the person chose.
  const v1 = siteRequest(oldId, [], { version: 1 });
  const issued = await partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: v1.code, kind: 'register' } });
  assert.equal(issued.kind, 'register');
  const grant = verifyRegistrationCode({ code: issued.registrationCode, request: v1, installationPrivateKey: installation.privateKey, portalPublicKeys: importPortalPublicKeys(await partner.client.call('keys')), now: new Date(), highWaterMark: null });
  assert.ok(grant.ok, 'a version 1 request is answered against its 63 bytes');
});

test('an association whose replaced ID is not the current one is refused naming the expected ID, after the ownership check, with nothing changed', async () => {
  const oldId = `Repl-${process.pid}-${++n}`;
  const newId = `${oldId}-new`;
  await partner.client.call('registerSystem', { params: { systemId: oldId }, body: registrationForm() });
  // Made on a site that remembers another ID (a mistyped or other system's ID): the registration's current ID is oldId.
  const wrong = associationRequest(newId, `${oldId}-elsewhere`);
  const foreign = await refusal(stranger.client.call('issueCode', { params: { systemId: oldId }, body: { request: wrong.code, kind: 'associate', newSystemId: newId } }));
  assert.equal(foreign.status, 403, 'a stranger is refused for ownership first');
  assert.doesNotMatch(foreign.message, new RegExp(oldId), 'and learns nothing of the registration');
  const refused = await refusal(partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: wrong.code, kind: 'associate', newSystemId: newId } }));
  assert.equal(refused.status, 409);
  assert.match(refused.message, new RegExp(`replaces a System ID that is not this registration's: this registration's System ID is ${oldId}`));
  assert.equal(refused.issues[0]?.path, 'systemId');
  const view = await partner.client.call('getSystem', { params: { systemId: oldId } });
  assert.deepEqual(view.systemIds.map((s) => s.systemId), [oldId], 'the System ID was not moved');
  assert.deepEqual(await partner.client.call('listCodes', { params: { systemId: oldId } }), []);
  // The request naming the current ID goes through.
  const right = await partner.client.call('issueCode', { params: { systemId: oldId }, body: { request: associationRequest(newId, oldId).code, kind: 'associate', newSystemId: newId } });
  assert.equal(right.systemId, newId);
});

const inventoryOf = (leadId: string, shadows: string[]): InventoryServer[] => [
  { name: 'ES-1', kind: 'enterprise-server', model: null, serialNumber: null, firmwareVersion: '3.2.1', ipAddress: '10.0.0.1', systemId: leadId, role: 'lead' },
  ...shadows.map((id, i): InventoryServer => ({ name: `AS-${i + 1}`, kind: 'automation-server', model: null, serialNumber: null, firmwareVersion: '3.2.1', ipAddress: `10.0.0.${i + 2}`, systemId: id, role: 'shadow' })),
];

test("a request file's inventory is kept when its MAC verifies, refused when the file was changed, and noted when unsigned", async () => {
  const systemId = `Inv-${process.pid}-${++n}`;
  const shadows = [`${systemId}-as1`, `${systemId}-as2`];
  await partner.client.call('registerSystem', { params: { systemId }, body: registrationForm() });
  const [portalKey] = importPortalPublicKeys(await partner.client.call('keys'));
  const request = siteRequest(systemId, shadows);
  const servers = inventoryOf(systemId, shadows);
  const bytes = inventoryBytes(servers);
  const mac = inventoryMac({ request, inventory: bytes, installationPrivateKey: installation.privateKey, portalKey: portalKey! });
  const file = formatRequestFile({ request, systemId, createdAt: new Date(), inventory: { bytes, mac } });

  // Changed after it was made: one IP address edited, the MAC kept. Refused, nothing issued.
  const changed = formatRequestFile({ request, systemId, createdAt: new Date(), inventory: { bytes: inventoryBytes(servers.map((s, i) => (i === 1 ? { ...s, ipAddress: '192.0.2.66' } : s))), mac } });
  const refused = await refusal(partner.client.call('issueCode', { params: { systemId }, body: { request: changed, kind: 'register' } }));
  assert.equal(refused.status, 400);
  assert.match(refused.message, /does not match its MAC: the file was changed after the site computer made it/);
  assert.deepEqual(await partner.client.call('listCodes', { params: { systemId } }), [], 'nothing was issued');
  assert.equal((await partner.client.call('systemInformation', { params: { systemId } })).inventory, null);

  const issued = await partner.client.call('issueCode', { params: { systemId }, body: { request: file, kind: 'register' } });
  assert.equal(issued.serverCount, 3);
  const information = await partner.client.call('systemInformation', { params: { systemId } });
  assert.equal(information.inventory?.source, 'offline');
  assert.deepEqual(information.inventory?.servers, servers);

  // Unsigned (the site had no portal key): the code is issued, the list is not kept, the audit log says so.
  const unsignedRequest = siteRequest(systemId, shadows);
  const moved = inventoryOf(systemId, shadows).map((s) => ({ ...s, ipAddress: '10.9.9.9' }));
  const unsigned = formatRequestFile({ request: unsignedRequest, systemId, createdAt: new Date(), inventory: { bytes: inventoryBytes(moved), mac: null } });
  const second = await partner.client.call('issueCode', { params: { systemId }, body: { request: unsigned, kind: 'register' } });
  assert.ok(second.serial > issued.serial);
  const after = await partner.client.call('systemInformation', { params: { systemId } });
  assert.deepEqual(after.inventory?.servers, servers, 'the unsigned list did not replace the verified one');
  const audit = await partner.client.call('systemAudit', { params: { systemId } });
  const note = audit.find((a) => a.action === 'system.inventory-unsigned');
  assert.ok(note, JSON.stringify(audit.map((a) => a.action)));
  assert.equal(note.detail.reason, 'no-mac');
});

test('a request file whose Kind line was edited to disagree with its code is refused', async () => {
  const oldId = `Edit-${process.pid}-${++n}`;
  const newId = `${oldId}-new`;
  await partner.client.call('registerSystem', { params: { systemId: oldId }, body: registrationForm() });
  const file = formatRequestFile({ request: associationRequest(newId, oldId), systemId: newId, createdAt: new Date(), replaces: oldId });
  const edited = file.replace('Kind: associate', 'Kind: register').replace(/Replaces System ID: .*\n/, '');
  const refused = await refusal(partner.client.call('issueCode', { params: { systemId: newId }, body: { request: edited, kind: 'register' } }));
  assert.equal(refused.status, 400);
  assert.match(refused.message, /Kind line does not match its code; it has been edited/);
});

test('a request file for a full-size site (2,000 servers) goes through, and all 2,000 are kept', async () => {
  const systemId = `Big-${process.pid}-${++n}`;
  const shadows = Array.from({ length: 1999 }, (_, i) => `${systemId}-as${i}`);
  await partner.client.call('registerSystem', { params: { systemId }, body: registrationForm() });
  const [portalKey] = importPortalPublicKeys(await partner.client.call('keys'));
  const request = siteRequest(systemId, shadows);
  const servers = inventoryOf(systemId, shadows).map((s) => ({ ...s, name: `${s.name} Building North wing floor 3` }));
  const bytes = inventoryBytes(servers);
  const file = formatRequestFile({ request, systemId, createdAt: new Date(), inventory: { bytes, mac: inventoryMac({ request, inventory: bytes, installationPrivateKey: installation.privateKey, portalKey: portalKey! }) } });
  assert.ok(file.length > 300 * 1024, `${file.length} bytes: over the portal's default body limit`);
  const issued = await partner.client.call('issueCode', { params: { systemId }, body: { request: file, kind: 'register' } });
  assert.equal(issued.serverCount, 2000);
  const information = await partner.client.call('systemInformation', { params: { systemId } });
  assert.equal(information.inventory?.servers.length, 2000);
});
