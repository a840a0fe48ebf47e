// The request code (site -> portal), its file and its QR code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REQUEST_FORMAT } from '../../shared/codes/formats.js';
import { formatCode, readCode } from '../../shared/codes/typed.js';
import { serverSetMatches, systemIdMatches } from '../../shared/node/codes/digests.js';
import { generateInstallationKeys, rawPublicKey } from '../../shared/node/codes/keys.js';
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

test('a request code is 20 groups, 120 characters, and decodes to what was put in', () => {
  assert.equal(request.code.replaceAll('-', '').length, 120);
  assert.equal(request.code.length, 139);
  assert.equal(request.bytes.length, 63);
  const back = decoded(request.code.toLowerCase().replaceAll('-', ' '));
  assert.deepEqual(back, request);
  assert.equal(back.serverCount, 3);
  assert.deepEqual(back.installationPublicKey, rawPublicKey(installation.publicKey));
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
  payload[0] = 0b00100; // version 2
  const result = decodeRequestCode(formatCode(REQUEST_FORMAT, payload));
  assert.ok(!result.ok);
  assert.equal(result.failure.reason, 'unsupported_version');
  assert.match(result.failure.message, /version 2/);
});

test('the request file round-trips, and carries the System ID so the portal need not have it typed', () => {
  const createdAt = new Date('2025-03-04T05:06:07.000Z');
  const file = formatRequestFile({ request, systemId: 'EBO-es1-7Fq2', createdAt });
  assert.match(file, /^BMS-REQUEST-1\nCode: [0-9A-Z-]{139}\nSystem ID: EBO-es1-7Fq2\nKind: register\nServers: 3\nCreated: 2025-03-04T05:06:07.000Z\n$/);
  const parsed = parseRequestFile(Buffer.from(`\uFEFF${file.replaceAll('\n', '\r\n')}`));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value, { request, systemId: 'EBO-es1-7Fq2', createdAt, replaces: null });
  // An association names the registered System ID it replaces; the page opens the Associate path with both.
  const association = formatRequestFile({ request, systemId: 'EBO-es1-7Fq2', createdAt, replaces: 'EBO-old-1' });
  assert.match(association, /\nSystem ID: EBO-es1-7Fq2\nKind: associate\nReplaces System ID: EBO-old-1\n/);
  const read = parseRequestFile(association);
  assert.ok(read.ok);
  assert.equal(read.value.replaces, 'EBO-old-1');
  assert.deepEqual(requestFileKind(association), { kind: 'associate', replaces: 'EBO-old-1' });
  assert.deepEqual(requestFileKind(file), { kind: 'register' });
  assert.deepEqual(requestFileKind(file.replace('Kind: register\n', '')), { kind: 'register' }, 'an older file without a Kind line is a registration');
  assert.equal(requestFileKind('ABCDE-12345'), null);
  const odd = parseRequestFile(file.replace('Kind: register', 'Kind: delete'));
  assert.ok(!odd.ok && /Kind line says "delete"/.test(odd.failure.message));
  assert.throws(() => formatRequestFile({ request, systemId: 'ebo-es1-7fq2', createdAt }), /not the one the request code was made for/);
});

test('a file that is not a request file is refused with a clear reason', () => {
  const file = formatRequestFile({ request, systemId: 'EBO-es1-7Fq2', createdAt: new Date() });
  const refused = (content: string | Uint8Array, reason: string, message: RegExp) => {
    const result = parseRequestFile(content);
    assert.ok(!result.ok);
    assert.equal(result.failure.reason, reason);
    assert.match(result.failure.message, message);
  };
  refused('', 'bad_file', /first line should be BMS-REQUEST-1/);
  refused(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]), 'bad_file', /not a text file/);
  refused('{"code": "abc"}', 'bad_file', /first line should be BMS-REQUEST-1/);
  refused('x'.repeat(200 * 1024), 'bad_file', /200 KB/);
  refused(file.replace('BMS-REQUEST-1', 'BMS-REQUEST-2'), 'unsupported_version', /version 2/);
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
