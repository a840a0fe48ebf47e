// The Registration code (portal -> site): made by the portal, checked offline at the site with
// public portal keys only. Codes for another machine, another request or another portal key fail;
// random input never passes; the clock rules tolerate a day of skew.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ALPHABET } from '../../shared/codes/alphabet.js';
import { REGISTRATION_FORMAT } from '../../shared/codes/formats.js';
import { dayNumber, dayStart, DAY_MS, type Grant } from '../../shared/codes/grant.js';
import { formatCode, readCode } from '../../shared/codes/typed.js';
import { generateInstallationKeys, generatePortalKeys, importRawPublicKey, portalPublicKey } from '../../shared/node/codes/keys.js';
import { createRegistrationVerifier, issueRegistrationCode, verifyRegistrationCode } from '../../shared/node/codes/registration-code.js';
import { createRequestCode, type RequestCode } from '../../shared/node/codes/request-code.js';

const installation = generateInstallationKeys();
const portal = generatePortalKeys(3);
const portalKeys = [portalPublicKey(generatePortalKeys(2)), portalPublicKey(portal)];
const newRequest = (keys = installation, machineId = 'machine-1') =>
  createRequestCode({ systemId: 'EBO-es1-7Fq2', machineId, serverSystemIds: ['EBO-as1'], installationPublicKey: keys.publicKey });
const request = newRequest();

const NOW = new Date('2025-06-15T12:00:00Z');
const grant: Grant = { kind: 'register', issueDay: dayNumber(NOW), validityDays: 30, serial: 4_000_000_001, keyId: 3 };
const issue = (g: Grant = grant, r: RequestCode = request) => issueRegistrationCode({ request: r, grant: g, portalX25519PrivateKey: portal.x25519.privateKey });
const code = issue();

const verify = (overrides: Partial<Parameters<typeof verifyRegistrationCode>[0]> = {}) =>
  verifyRegistrationCode({ code, request, installationPrivateKey: installation.privateKey, portalPublicKeys: portalKeys, now: NOW, highWaterMark: null, ...overrides });
const refusedFor = (result: ReturnType<typeof verify>) => {
  assert.ok(!result.ok, 'should be refused');
  return result.failure;
};

test('a Registration code is 36 characters and verifies at the site that made the request', () => {
  assert.match(code, /^([0-9A-Z]{6}-){5}[0-9A-Z]{6}$/);
  assert.equal(code.replaceAll('-', '').length, 36);
  assert.deepEqual(verify(), { ok: true, value: grant });
  assert.deepEqual(verify({ code: code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'O') }), { ok: true, value: grant });
  const associate = { ...grant, kind: 'associate' as const, serial: 0, validityDays: 1023 };
  assert.deepEqual(verify({ code: issue(associate) }), { ok: true, value: associate });
});

test('a code for another machine, another request or from another portal key is refused in one clear message', () => {
  const otherInstallation = generateInstallationKeys();
  const forOtherMachine = issue(grant, newRequest(otherInstallation, 'machine-2'));
  const forOtherRequest = issue(grant, newRequest()); // same machine and key, a fresh nonce
  const failures = [
    refusedFor(verify({ code: forOtherMachine })),
    refusedFor(verify({ code: forOtherRequest })),
    // A cloned image: the same request copied to a machine with another installation key.
    refusedFor(verify({ installationPrivateKey: otherInstallation.privateKey })),
    // Signed by key 3's id but made with another portal key.
    refusedFor(verify({ portalPublicKeys: [{ ...portalKeys[1]!, x25519: portalKeys[0]!.x25519 }] })),
  ];
  for (const failure of failures) {
    assert.equal(failure.reason, 'not_for_this_request');
    assert.match(failure.message, /made for a different request or a different computer/);
  }
});

test('a code from a portal key the app does not ship is refused as such', () => {
  const failure = refusedFor(verify({ portalPublicKeys: [portalKeys[0]!] }));
  assert.equal(failure.reason, 'unknown_key');
  assert.match(failure.message, /portal key 3/);
});

test('every change to the grant fields is caught by the tag, even with every group check recomputed', () => {
  const read = readCode(code, REGISTRATION_FORMAT);
  assert.ok(read.ok);
  for (let symbol = 0; symbol < 30; symbol++) {
    for (let bit = 0; bit < 5; bit++) {
      const payload = read.value.slice();
      payload[symbol]! ^= 1 << bit;
      const result = verify({ code: formatCode(REGISTRATION_FORMAT, payload) });
      assert.ok(!result.ok, `bit ${bit} of symbol ${symbol}`);
    }
  }
});

test('two substitutions in one group can pass its check (1 in 32); the tag still refuses the code', () => {
  const groups = code.split('-');
  let passedCheck = 0;
  for (const a of ALPHABET) {
    for (const b of ALPHABET) {
      const g = groups[1]!;
      const typed = [...groups];
      typed[1] = `${a}${b}${g.slice(2)}`;
      if (typed[1] === g) continue;
      const result = verify({ code: typed.join('-') });
      assert.ok(!result.ok);
      if (result.failure.reason !== 'bad_group') {
        passedCheck++;
        assert.ok(['not_for_this_request', 'unsupported_version', 'unknown_key'].includes(result.failure.reason), result.failure.reason);
      }
    }
  }
  assert.equal(passedCheck, 31, 'exactly one b per a completes the group');
});

test('10^5 random strings of the right length: none is accepted', () => {
  const verifier = createRegistrationVerifier({ request, installationPrivateKey: installation.privateKey, portalPublicKeys: portalKeys });
  const reason = (text: string) => {
    const result = verifier.verify({ code: text, now: NOW, highWaterMark: null });
    assert.ok(!result.ok, text);
    return result.failure.reason;
  };
  // Raw random characters: refused by the group checks (all six pass with probability 2^-30).
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 36, maxLength: 36 }), (text) => void reason(text)), { numRuns: 50_000 });
  // Random payloads with valid checks, version 1, a known kind and key: each one reaches the 80-bit tag.
  const head = readCode(code, REGISTRATION_FORMAT);
  assert.ok(head.ok);
  fc.assert(
    fc.property(fc.uint8Array({ min: 0, max: 31, minLength: 30, maxLength: 30 }), (payload) => {
      payload.set(head.value.subarray(0, 2)); // version and kind
      payload[13] = head.value[13]!; // the key id's symbol
      assert.equal(reason(formatCode(REGISTRATION_FORMAT, payload)), 'not_for_this_request');
    }),
    { numRuns: 50_000 },
  );
});

test('a code from a newer portal (version or kind) is refused by name', () => {
  const read = readCode(code, REGISTRATION_FORMAT);
  assert.ok(read.ok);
  const version2 = read.value.slice();
  version2[0] = 0b00100;
  assert.equal(refusedFor(verify({ code: formatCode(REGISTRATION_FORMAT, version2) })).reason, 'unsupported_version');
  const kind7 = read.value.slice();
  // Symbols 0 and 1 hold version (4 bits), kind (4 bits) and 2 bits of the issue day: make kind 0111.
  kind7[0] = 0b0001_0;
  kind7[1] = (0b111 << 2) | (kind7[1]! & 0b11);
  const failure = refusedFor(verify({ code: formatCode(REGISTRATION_FORMAT, kind7) }));
  assert.equal(failure.reason, 'unsupported_version');
  assert.match(failure.message, /kind 7/);
});

test('validity: from the issue day through validityDays after it, with a day of skew either way', () => {
  const start = dayStart(grant.issueDay).getTime();
  const end = start + (grant.validityDays + 1) * DAY_MS; // the end of the last valid day
  const at = (ms: number) => verify({ now: new Date(ms) });
  assert.ok(at(start - 23 * 3_600_000).ok, 'a clock up to a day behind the portal is tolerated');
  assert.equal(refusedFor(at(start - 25 * 3_600_000)).reason, 'not_yet_valid');
  assert.ok(at(end - 1).ok);
  assert.ok(at(end + 23 * 3_600_000).ok, 'a clock up to a day ahead is tolerated');
  const expired = refusedFor(at(end + 25 * 3_600_000));
  assert.equal(expired.reason, 'expired');
  assert.match(expired.message, /could be used until 2025-07-15/);
});

test('a clock that went backwards past the high-water mark (by more than a day) is named as the problem', () => {
  const later = new Date(NOW.getTime() + 5 * DAY_MS);
  const failure = refusedFor(verify({ highWaterMark: later }));
  assert.equal(failure.reason, 'clock_went_backwards');
  assert.match(failure.message, /clock went backwards/);
  assert.ok(verify({ highWaterMark: new Date(NOW.getTime() + 23 * 3_600_000) }).ok, 'within a day: skew, not a wrong clock');
});

test('the portal refuses a request whose installation key cannot be agreed with', () => {
  const smallOrder = { ...request, installationPublicKey: new Uint8Array(32) };
  assert.throws(() => issue(grant, smallOrder), /installation key in this request code cannot be used/);
  assert.throws(() => issue({ ...grant, serial: 2 ** 32 }), /serial must be a whole number from 0 to 4294967295/);
  assert.throws(() => issue({ ...grant, kind: 'toString' as Grant['kind'] }), /Unknown grant kind/);
  // The site side holds public keys only: the portal key it ships is a public key object.
  assert.equal(portalKeys[1]!.x25519.type, 'public');
  assert.equal(importRawPublicKey(request.installationPublicKey, 'x25519').type, 'public');
});
