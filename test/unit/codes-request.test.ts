// The request code (site -> portal), its file and its QR code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import crypto from 'node:crypto';
import { REQUEST_FORMAT, REQUEST_FORMAT_V1 } from '../../shared/codes/formats.js';
import { formatCode, readCode } from '../../shared/codes/typed.js';
import { requestKindOf, requestSystemIdDigest } from '../../shared/codes/request-layout.js';
import { replacedIdDigest, replacedIdMatches, serverSetMatches, sha256, systemIdDigest, systemIdMatches } from '../../shared/node/codes/digests.js';
import { generateInstallationKeys, importPrivateKey, rawPublicKey } from '../../shared/node/codes/keys.js';
import { createRequestCode, decodeRequestCode, type RequestCode } from '../../shared/node/codes/request-code.js';
import { formatRequestFile, parseRequestFile } from '../../shared/node/codes/request-file.js';
import { requestFileKind } from '../../shared/codes/files.js';
import { requestQrSvg } from '../../shared/node/codes/request-qr.js';

const installation = generateInstallationKeys();
const MACHINE_ID = '4c4c4544-0042-3510-8052-b4c04f4e4d32';
const request = createRequestCode({ systemId: 'EBO-es1-7Fq2', machineId: MACHINE_ID, serverSystemIds: ['EBO-as1-aa', 'EBO-as2-bb'], installationPublicKey: installation.publicKey });

const decoded = (text: string): RequestCode => {
  const result = decodeRequestCode(text);
  assert.ok(result.ok, !result.ok ? result.failure.message : '');
  return result.value;
};

test('a request code (version 2) is 22 groups, 132 characters, and decodes to what was put in', () => {
  assert.equal(request.code.replaceAll('-', '').length, 132);
  assert.equal(request.code.length, 153);
  assert.equal(request.bytes.length, 69);
  const back = decoded(request.code.toLowerCase().replaceAll('-', ' '));
  assert.deepEqual(back, request);
  assert.equal(back.version, 2);
  assert.equal(back.kind, 'register');
  assert.deepEqual(back.replacedIdDigest, new Uint8Array(5), 'a registration replaces nothing: zeros');
  assert.equal(back.serverCount, 3);
  assert.deepEqual(back.installationPublicKey, rawPublicKey(installation.publicKey));
  assert.equal(replacedIdMatches('EBO-es1-7Fq2', back), false);
});

test('an association carries its kind and the digest of the System ID it replaces, exact case', () => {
  const association = createRequestCode({ systemId: 'EBO-es1-new', machineId: MACHINE_ID, serverSystemIds: [], installationPublicKey: installation.publicKey, kind: 'associate', replacesSystemId: ' EBO-es1-7Fq2 ' });
  const back = decoded(association.code);
  assert.equal(back.kind, 'associate');
  assert.equal(replacedIdMatches('EBO-es1-7Fq2', back), true);
  assert.equal(replacedIdMatches('EBO-ES1-7FQ2', back), false);
  assert.equal(replacedIdMatches('EBO-es1-new', back), false);
  // Its own domain: the replaced ID's digest is not the System ID digest of the same ID.
  assert.notDeepEqual(Uint8Array.from(replacedIdDigest('EBO-es1-7Fq2')), Uint8Array.from(systemIdDigest('EBO-es1-7Fq2')));
  // The page reads the kind (unchecked) to open the right path; only the portal checks the rest.
  const read = readCode(association.code, REQUEST_FORMAT);
  assert.ok(read.ok);
  assert.equal(requestKindOf(read.value)?.kind, 'associate');
  assert.deepEqual(requestSystemIdDigest(read.value), back.systemIdDigest);
  assert.throws(() => createRequestCode({ systemId: 'x', machineId: 'm', serverSystemIds: [], installationPublicKey: installation.publicKey, kind: 'associate' }), /names the registered System ID it replaces/);
  assert.throws(() => createRequestCode({ systemId: 'x', machineId: 'm', serverSystemIds: [], installationPublicKey: installation.publicKey, replacesSystemId: 'y' }), /replaces no System ID/);
});

// A fixed installation key and nonce: the version 1 code as the companion made it before version 2.
const KA_KEY = importPrivateKey(Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), Buffer.alloc(32, 7)]), 'x25519');
const KA_V1_CODE = '2C7RMT-H8P9B7-B13X6M-AM082M-0C20A7-1G7103-004K1Z-JTHW4N-T4XY95-ZNENW4-G4RZYF-K6P7WA-KG074F-641T5Q-T2F099-849ZCD-CX7KF1-XZYJYM-VDR1YP-TW4RM8';
const KA_V1_BYTES = '130f8a45164ad611f4caa010203040506070800024c32d4784d13be4feaeaf204c7fd3358fc9c00721881d174278128227ec674f37f7fe97b6dc07dae13140';

test('a version 1 request (a site may still hold one pending) is read, and made bit for bit as before', () => {
  const input = { systemId: 'EBO-es1-7Fq2', machineId: 'ka-machine', serverSystemIds: ['EBO-as1-aa'], installationPublicKey: crypto.createPublicKey(KA_KEY), nonce: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
  const v1 = createRequestCode({ ...input, version: 1 });
  assert.equal(v1.code, KA_V1_CODE);
  assert.equal(Buffer.from(v1.bytes).toString('hex'), KA_V1_BYTES);
  const back = decoded(KA_V1_CODE.toLowerCase());
  assert.deepEqual(back, v1);
  assert.equal(back.version, 1);
  assert.equal(back.kind, null, 'version 1 does not say what it asks for');
  assert.equal(back.replacedIdDigest, null);
  assert.equal(back.bytes.length, 63);
  assert.equal(systemIdMatches('EBO-es1-7Fq2', back), true);
  const read = readCode(KA_V1_CODE, REQUEST_FORMAT_V1);
  assert.ok(read.ok);
  assert.equal(requestKindOf(read.value), null);
  assert.deepEqual(requestSystemIdDigest(read.value), back.systemIdDigest);
  // The same inputs as version 2: other bytes, so a Registration code for one never answers the other.
  const v2 = createRequestCode(input);
  assert.equal(Buffer.from(v2.bytes).subarray(0, 63).equals(Buffer.from(v1.bytes)), false);
  assert.throws(() => createRequestCode({ ...input, version: 1, kind: 'associate', replacesSystemId: 'old' }), /version 1 request cannot carry an association/);
});

/** The code with bit `index` set to `bit`, every group check and (unless told not to) the integrity check recomputed. */
function withBit(code: string, changes: [index: number, bit: number][], fixIntegrity = true): string {
  const read = readCode(code, REQUEST_FORMAT);
  assert.ok(read.ok);
  const bits = [...read.value].flatMap((symbol) => [4, 3, 2, 1, 0].map((i) => (symbol >> i) & 1));
  for (const [index, bit] of changes) bits[index] = bit;
  const toBytes = (count: number) => Uint8Array.from({ length: Math.ceil(count / 8) }, (_, b) => bits.slice(b * 8, Math.min(b * 8 + 8, count)).reduce((acc, bit, i) => acc | (bit << (7 - i)), 0));
  if (fixIntegrity) {
    const check = sha256('BMS-REQUEST-2\0', toBytes(510)).subarray(0, 5);
    for (let i = 0; i < 40; i++) bits[510 + i] = (check[i >> 3]! >> (7 - (i & 7))) & 1;
  }
  const symbols = Uint8Array.from({ length: 110 }, (_, s) => bits.slice(s * 5, s * 5 + 5).reduce((acc, bit) => (acc << 1) | bit, 0));
  return formatCode(REQUEST_FORMAT, symbols);
}

test('a flipped bit in the kind or the replaced ID is refused as damaged; spare bits must be zero', () => {
  const refused = (code: string) => {
    const result = decodeRequestCode(code);
    assert.ok(!result.ok, 'should be refused');
    return result.failure;
  };
  assert.equal(decoded(withBit(request.code, [], false)).kind, 'register', 'the helper changes nothing by itself');
  // Bit 4 is the kind; bits 205-244 the replaced ID's digest: every group still checks.
  assert.equal(refused(withBit(request.code, [[4, 1]], false)).reason, 'damaged');
  assert.equal(refused(withBit(request.code, [[230, 1]], false)).reason, 'damaged');
  // A register request naming a replaced ID can only be made on purpose: refused all the same.
  assert.equal(refused(withBit(request.code, [[230, 1]])).reason, 'damaged');
  // The 9 spare bits (501-509), set with a valid integrity check: a later version's field.
  const spare = refused(withBit(request.code, [[505, 1]]));
  assert.equal(spare.reason, 'unsupported_version');
  assert.match(spare.message, /does not know/);
});

test('the first 20 groups of a version 2 code are named as incomplete, not read as version 1', () => {
  const twenty = request.code.split('-').slice(0, 20).join('-');
  const failure = decodeRequestCode(twenty);
  assert.ok(!failure.ok);
  assert.equal(failure.failure.reason, 'wrong_length');
  assert.match(failure.failure.message, /groups 21 and 22 are missing/);
});

test('a fresh nonce each time: two requests from one site differ', () => {
  const again = createRequestCode({ systemId: 'EBO-es1-7Fq2', machineId: MACHINE_ID, serverSystemIds: [], installationPublicKey: installation.publicKey });
  assert.notDeepEqual(again.nonce, request.nonce);
  assert.notEqual(again.code, request.code);
});

test('the machine ID leaves the machine only as a digest', () => {
  const hex = Buffer.from(request.bytes).toString('hex');
  assert.ok(!hex.includes(Buffer.from(MACHINE_ID.replaceAll('-', ''), 'hex').subarray(0, 4).toString('hex')));
  const other = createRequestCode({ systemId: 'EBO-es1-7Fq2', machineId: `${MACHINE_ID}x`, serverSystemIds: [], installationPublicKey: installation.publicKey, nonce: request.nonce });
  assert.notDeepEqual(other.machineIdDigest, request.machineIdDigest);
});

test('a System ID typed at the portal with the wrong case is caught; surrounding spaces are not an error', () => {
  assert.equal(systemIdMatches('EBO-es1-7Fq2', request), true);
  assert.equal(systemIdMatches('  EBO-es1-7Fq2 ', request), true);
  assert.equal(systemIdMatches('EBO-ES1-7FQ2', request), false);
  assert.equal(systemIdMatches('ebo-es1-7fq2', request), false);
  assert.equal(systemIdMatches('EBO-es1-7Fq', request), false);
});

test('the server set is the lead and its shadows, in any order', () => {
  assert.equal(serverSetMatches(['EBO-as2-bb', 'EBO-es1-7Fq2', 'EBO-as1-aa'], request), true);
  assert.equal(serverSetMatches(['EBO-es1-7Fq2', 'EBO-as1-aa'], request), false);
  assert.equal(serverSetMatches(['EBO-es1-7Fq2', 'EBO-as1-aa', 'EBO-as2-BB'], request), false);
});

test('a code whose groups all check but whose integrity check does not is refused as damaged', () => {
  const read = readCode(request.code, REQUEST_FORMAT);
  assert.ok(read.ok);
  const payload = read.value.slice();
  payload[40]! ^= 1; // a bit inside the installation key, with every group's check recomputed
  const result = decodeRequestCode(formatCode(REQUEST_FORMAT, payload));
  assert.ok(!result.ok);
  assert.equal(result.failure.reason, 'damaged');
});

test('a version from the future is refused by name', () => {
  const read = readCode(request.code, REQUEST_FORMAT);
  assert.ok(read.ok);
  const payload = read.value.slice();
  payload[0] = 0b00110; // version 3
  const result = decodeRequestCode(formatCode(REQUEST_FORMAT, payload));
  assert.ok(!result.ok);
  assert.equal(result.failure.reason, 'unsupported_version');
  assert.match(result.failure.message, /version 3; this portal reads versions 1 and 2/);
});

test('the request file round-trips, and carries the System ID so the portal need not have it typed', () => {
  const createdAt = new Date('2025-03-04T05:06:07.000Z');
  const file = formatRequestFile({ request, systemId: 'EBO-es1-7Fq2', createdAt });
  // Version 2 code, version 2 file: a portal that reads only version 1 refuses it by name.
  assert.match(file, /^BMS-REQUEST-2\nCode: [0-9A-Z-]{153}\nSystem ID: EBO-es1-7Fq2\nKind: register\nServers: 3\nCreated: 2025-03-04T05:06:07.000Z\n$/);
  const parsed = parseRequestFile(Buffer.from(`\uFEFF${file.replaceAll('\n', '\r\n')}`));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value, { request, systemId: 'EBO-es1-7Fq2', createdAt, replaces: null, inventory: null });
  // An association names the registered System ID it replaces; the page opens the Associate path with both.
  const associating = createRequestCode({ systemId: 'EBO-es1-7Fq2', machineId: MACHINE_ID, serverSystemIds: [], installationPublicKey: installation.publicKey, kind: 'associate', replacesSystemId: 'EBO-old-1' });
  const association = formatRequestFile({ request: associating, systemId: 'EBO-es1-7Fq2', createdAt, replaces: 'EBO-old-1' });
  assert.match(association, /^BMS-REQUEST-2\n.*\nSystem ID: EBO-es1-7Fq2\nKind: associate\nReplaces System ID: EBO-old-1\n/s);
  const read = parseRequestFile(association);
  assert.ok(read.ok);
  assert.equal(read.value.replaces, 'EBO-old-1');
  assert.deepEqual(requestFileKind(association), { kind: 'associate', replaces: 'EBO-old-1' });
  assert.deepEqual(requestFileKind(file), { kind: 'register' });
  assert.equal(requestFileKind('ABCDE-12345'), null);
  const odd = parseRequestFile(file.replace('Kind: register', 'Kind: delete'));
  assert.ok(!odd.ok && /Kind line says "delete"/.test(odd.failure.message));
  assert.throws(() => formatRequestFile({ request, systemId: 'ebo-es1-7fq2', createdAt }), /not the one the request code was made for/);
  // The replaced ID must be the one in the code, and a registration names none.
  assert.throws(() => formatRequestFile({ request: associating, systemId: 'EBO-es1-7Fq2', createdAt, replaces: 'EBO-old-2' }), /replaced System ID is not the one/);
  assert.throws(() => formatRequestFile({ request, systemId: 'EBO-es1-7Fq2', createdAt, replaces: 'EBO-old-1' }), /replaced System ID is not the one/);
});

test('a version 2 file whose Kind or Replaces System ID line disagrees with its code was edited, and is refused', () => {
  const createdAt = new Date('2025-03-04T05:06:07.000Z');
  const associating = createRequestCode({ systemId: 'EBO-new', machineId: MACHINE_ID, serverSystemIds: [], installationPublicKey: installation.publicKey, kind: 'associate', replacesSystemId: 'EBO-old' });
  const association = formatRequestFile({ request: associating, systemId: 'EBO-new', createdAt, replaces: 'EBO-old' });
  const registration = formatRequestFile({ request, systemId: 'EBO-es1-7Fq2', createdAt });
  const edited = (content: string, line: RegExp) => {
    const result = parseRequestFile(content);
    assert.ok(!result.ok, 'should be refused');
    assert.equal(result.failure.reason, 'bad_file');
    assert.match(result.failure.message, line);
    assert.match(result.failure.message, /edited/);
  };
  edited(association.replace('Kind: associate', 'Kind: register'), /Kind line/);
  edited(association.replace('Replaces System ID: EBO-old', 'Replaces System ID: EBO-OLD'), /Replaces System ID line/);
  edited(association.replace('Replaces System ID: EBO-old\n', ''), /Replaces System ID line/);
  edited(registration.replace('Kind: register', 'Kind: associate\nReplaces System ID: EBO-x'), /Kind line/);
  edited(registration.replace('Kind: register\n', 'Kind: register\nReplaces System ID: EBO-x\n'), /Replaces System ID line/);
  edited(registration.replace('Kind: register\n', ''), /Kind line/);
  edited(registration.replace('BMS-REQUEST-2', 'BMS-REQUEST-1'), /format version/);
});

test('a version 1 file (from a request made before version 2) still reads as it did', () => {
  const v1 = createRequestCode({ systemId: 'EBO-es1-7Fq2', machineId: MACHINE_ID, serverSystemIds: [], installationPublicKey: installation.publicKey, version: 1 });
  const createdAt = new Date('2025-03-04T05:06:07.000Z');
  const association = formatRequestFile({ request: v1, systemId: 'EBO-es1-7Fq2', createdAt, replaces: 'EBO-old-1' });
  assert.match(association, /^BMS-REQUEST-1\nCode: [0-9A-Z-]{139}\nSystem ID: EBO-es1-7Fq2\nKind: associate\nReplaces System ID: EBO-old-1\nServers: 1\n/);
  const read = parseRequestFile(association);
  assert.ok(read.ok);
  assert.equal(read.value.request.version, 1);
  assert.equal(read.value.replaces, 'EBO-old-1', 'version 1 cannot check it: the portal checks the ID typed');
  const noKind = parseRequestFile(formatRequestFile({ request: v1, systemId: 'EBO-es1-7Fq2', createdAt }).replace('Kind: register\n', ''));
  assert.ok(noKind.ok, 'an older file without a Kind line is a registration');
  assert.deepEqual(requestFileKind(association.replace(/Kind: .*\nReplaces.*\n/, '')), { kind: 'register' });
  const header2 = parseRequestFile(association.replace('BMS-REQUEST-1', 'BMS-REQUEST-2'));
  assert.ok(!header2.ok && /format version/.test(header2.failure.message));
});

test('a file that is not a request file is refused with a clear reason', () => {
  const file = formatRequestFile({ request, systemId: 'EBO-es1-7Fq2', createdAt: new Date() });
  const refused = (content: string | Uint8Array, reason: string, message: RegExp) => {
    const result = parseRequestFile(content);
    assert.ok(!result.ok);
    assert.equal(result.failure.reason, reason);
    assert.match(result.failure.message, message);
  };
  refused('', 'bad_file', /first line should be BMS-REQUEST-2/);
  refused(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]), 'bad_file', /not a text file/);
  refused('{"code": "abc"}', 'bad_file', /first line should be BMS-REQUEST-2/);
  refused('x'.repeat(800 * 1024), 'bad_file', /800 KB, and a request file is at most 768 KB/);
  refused(file.replace('BMS-REQUEST-2', 'BMS-REQUEST-3'), 'unsupported_version', /version 3/);
  refused(file.replace(/Code: .*\n/, ''), 'bad_file', /no Code/);
  refused(file.replace('System ID: EBO-es1-7Fq2', 'System ID: EBO-ES1-7FQ2'), 'bad_file', /edited/);
  refused(file.replace('Servers: 3', 'Servers: 4'), 'bad_file', /edited/);
  refused(file.replace(/Created: .*/, 'Created: yesterday'), 'bad_file', /not a date/);
  refused(`${file}garbage line\n`, 'bad_file', /"garbage line" is not "Name: value"/);
  const damaged = file.replace(/Code: (.{21})(.)/, (_, head: string, c: string) => `Code: ${head}${c === 'A' ? 'B' : 'A'}`);
  refused(damaged, 'bad_group', /The code in this request file is damaged\. Group 4/);
});

test('the QR code is an SVG of the code itself, in QR alphanumeric mode', async () => {
  const svg = await requestQrSvg(request);
  assert.match(svg, /^<svg [^>]*viewBox="0 0 (\d+) \1"/);
  // 139 alphanumeric characters at level M fit version 6 (41 modules + 2x2 margin); byte mode would need version 8.
  assert.match(svg, /viewBox="0 0 45 45"/);
});
