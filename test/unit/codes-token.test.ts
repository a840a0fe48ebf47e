// The signed token: anyone with the portal's public key can check it; nobody can change it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TOKEN_FORMAT } from '../../shared/codes/formats.js';
import { dayNumber, type Grant } from '../../shared/codes/grant.js';
import { formatCode, identifyCode, readCode } from '../../shared/codes/typed.js';
import { generateInstallationKeys, generatePortalKeys, portalPublicKey } from '../../shared/node/codes/keys.js';
import { createRequestCode } from '../../shared/node/codes/request-code.js';
import { signToken, verifyToken } from '../../shared/node/codes/token.js';

const installation = generateInstallationKeys();
const portal = generatePortalKeys(1);
const portalKeys = [portalPublicKey(portal)];
const newRequest = () => createRequestCode({ systemId: 'EBO-es1-7Fq2', machineId: 'machine-1', serverSystemIds: [], installationPublicKey: installation.publicKey });
const request = newRequest();
const NOW = new Date('2025-06-15T12:00:00Z');
const grant: Grant = { kind: 'associate', issueDay: dayNumber(NOW), validityDays: 14, serial: 77, keyId: 1 };
const token = signToken({ request, grant, portalEd25519PrivateKey: portal.ed25519.privateKey });

const verify = (overrides: Partial<Parameters<typeof verifyToken>[0]> = {}) => verifyToken({ token, request, portalPublicKeys: portalKeys, now: NOW, highWaterMark: null, ...overrides });
const reason = (result: ReturnType<typeof verify>) => (result.ok ? 'accepted' : result.failure.reason);

test('a token is 25 groups (150 characters), starts with the marker group, and verifies with the public key alone', () => {
  assert.equal(token.replaceAll('-', '').length, 150);
  assert.ok(token.startsWith('BMSTK'));
  assert.equal(identifyCode(token), TOKEN_FORMAT);
  assert.deepEqual(verify(), { ok: true, value: grant });
  assert.deepEqual(verify({ token: token.toLowerCase().replaceAll('-', '') }), { ok: true, value: grant });
});

test('a token for another request is refused as such', () => {
  const result = verify({ request: newRequest() });
  assert.equal(reason(result), 'not_for_this_request');
});

test('a tampered token is refused: any bit changed, with every group check recomputed', () => {
  const read = readCode(token, TOKEN_FORMAT);
  assert.ok(read.ok);
  const reasons = new Set<string>();
  fc.assert(
    fc.property(fc.integer({ min: 0, max: read.value.length - 1 }), fc.integer({ min: 0, max: 4 }), (symbol, bit) => {
      const payload = read.value.slice();
      payload[symbol]! ^= 1 << bit;
      const r = reason(verify({ token: formatCode(TOKEN_FORMAT, payload) }));
      assert.notEqual(r, 'accepted');
      reasons.add(r);
    }),
    { numRuns: 600 },
  );
  assert.ok(reasons.has('tampered'));
  // A signature no signer could make (its S at or above the group order): surely changed.
  const damaged = read.value.slice();
  for (let i = damaged.length - 10; i < damaged.length; i += 1) damaged[i] = 31;
  const result = verify({ token: formatCode(TOKEN_FORMAT, damaged) });
  assert.ok(!result.ok);
  assert.equal(result.failure.reason, 'tampered');
  assert.match(result.failure.message, /signature is damaged: it has been changed/);
  // The serial's last bit (the top bit of symbol 13, before the key id) flipped: the request hint
  // still matches, the signature does not.
  const serial = read.value.slice();
  serial[13]! ^= 0b10000;
  assert.equal(reason(verify({ token: formatCode(TOKEN_FORMAT, serial) })), 'tampered');
});

test('a token signed by another key, or by a key the app does not ship, is refused', () => {
  const other = generatePortalKeys(1);
  const forged = signToken({ request, grant, portalEd25519PrivateKey: other.ed25519.privateKey });
  const refused = verify({ token: forged });
  assert.equal(reason(refused), 'tampered');
  // Another portal under the same key id (every portal starts at 1): said as such, not "changed".
  assert.ok(!refused.ok);
  assert.match(refused.failure.message, /signed with a different key than this portal's key 1/);
  assert.doesNotMatch(refused.failure.message, /has been changed/);
  const unknown = signToken({ request, grant: { ...grant, keyId: 9 }, portalEd25519PrivateKey: other.ed25519.privateKey });
  assert.equal(reason(verify({ token: unknown })), 'unknown_key');
});

test('a token follows the same clock rules as a Registration code', () => {
  assert.equal(reason(verify({ now: new Date('2025-07-30T12:00:00Z') })), 'expired');
  assert.equal(reason(verify({ now: new Date('2025-06-13T12:00:00Z') })), 'not_yet_valid');
  assert.equal(reason(verify({ highWaterMark: new Date('2025-06-20T00:00:00Z') })), 'clock_went_backwards');
});

test('typing errors in a token are named by group like any code', () => {
  // One character changed: the group check catches every single change (shared/codes/check.ts).
  // (A rotation of the whole group is not always caught: it left the group valid about once in 32 runs.)
  const groups = token.split('-');
  const first = groups[7]![0]!;
  groups[7] = `${first === '2' ? '3' : '2'}${groups[7]!.slice(1)}`;
  const result = verify({ token: groups.join('-') });
  assert.ok(!result.ok);
  assert.equal(result.failure.reason, 'bad_group');
  assert.deepEqual(result.failure.groups, [8]);
});
