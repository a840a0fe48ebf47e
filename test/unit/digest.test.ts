// Digest against the worked examples of RFC 7616, section 3.9.1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DigestSession, parseChallenges, pickChallenge, type DigestSlot } from '../../main/services/connectors/ews/digest.js';

const challenge = (algorithm: string) =>
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
const CNONCE = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';

for (const [algorithm, expected] of [
  ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
  ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
] as const) {
  test(`the ${algorithm} response matches RFC 7616`, () => {
    const session = new DigestSession('Mufasa', 'Circle of Life');
    const slot = session.slotFor([challenge(algorithm)]);
    assert.ok(slot);
    const header = session.authorize(slot, 'GET', '/dir/index.html', CNONCE);
    assert.match(header, new RegExp(`response="${expected}"`));
    assert.match(header, /nc=00000001/);
    assert.match(header, /opaque="FQhe\/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"/);
    assert.match(session.authorize(slot, 'GET', '/dir/index.html', CNONCE), /nc=00000002/, 'the nonce count grows');
  });
}

test('SHA-256 is preferred when the server offers both; unknown schemes are ignored', () => {
  const picked = pickChallenge(parseChallenges([`Basic realm="x"`, challenge('MD5'), challenge('SHA-256')]));
  assert.equal(picked?.params.algorithm, 'SHA-256');
  assert.equal(pickChallenge(parseChallenges(['Basic realm="x"'])), null);
  assert.equal(pickChallenge(parseChallenges(['Digest realm="x", nonce="n", algorithm=SHA-512-256'])), null);
});

test('quoted strings with escapes and commas parse', () => {
  const [c] = parseChallenges(['Digest realm="a \\"quoted\\", realm", nonce="abc", qop=auth']);
  assert.deepEqual(c, { scheme: 'digest', params: { realm: 'a "quoted", realm', nonce: 'abc', qop: 'auth' } });
});

test('each request in flight leases its own nonce, so counts on one nonce are always in order', async () => {
  const session = new DigestSession('u', 'p', 2);
  assert.equal(await session.lease(), null, 'no nonce yet: the first request goes without and brings one back');
  assert.equal(await session.lease(), null, 'a second at once goes without too');
  let third: DigestSlot | null | undefined;
  void session.lease().then((slot) => (third = slot));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(third, undefined, 'past the most slots, a request waits instead of costing a challenge');
  const a = session.slotFor([challenge('MD5')])!;
  session.release(a);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(third, a, 'the slot given back goes to the one waiting');
  const b = session.slotFor([challenge('SHA-256')])!;
  session.release(b);
  assert.equal(await session.lease(), b);
  session.release(b);
  session.forget();
  assert.equal(await session.lease(), null, 'forgotten nonces make room for a new one');
});
