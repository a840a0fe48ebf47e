// HTTP Digest on the simulated servers (RFC 7616): MD5 and SHA-256, right and wrong credentials,
// stale and replayed nonces, per-server credentials, against the real listener over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConnectorError } from '../../main/services/connectors/connector.js';
import { EwsConnector } from '../../main/services/connectors/ews/ews-connector.js';
import { EWS_PATH } from '../../shared/ews.js';
import type { RunningSim } from '../../sim/ews-server.js';
import { digestResponse, parseDigestAuthorization } from '../../sim/digest-auth.js';
import { admin, authorization, challengeParams, envelope, ewsUrl, post, postWithDigest, startSite } from './ews-client.js';

const INFO = envelope('GetWebServiceInformation');

test('the request digest matches the worked examples of RFC 7616 section 3.9.1', () => {
  const example = {
    user: 'Mufasa',
    realm: 'http-auth@example.org',
    password: 'Circle of Life',
    method: 'GET',
    uri: '/dir/index.html',
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    nc: '00000001',
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    qop: 'auth',
  };
  assert.equal(digestResponse({ ...example, algorithm: 'MD5' }), '8ca523f5e9506fed4657c9700eebdbec');
  assert.equal(digestResponse({ ...example, algorithm: 'SHA-256' }), '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
});

test('Authorization headers are parsed by the grammar, and ambiguous ones refused', () => {
  assert.deepEqual(parseDigestAuthorization('Digest username="a \\"q\\", b", nc=00000001, qop=auth'), { username: 'a "q", b', nc: '00000001', qop: 'auth' });
  assert.equal(parseDigestAuthorization('Basic YTpi'), null);
  assert.equal(parseDigestAuthorization('Digest username="a", username="b"'), null, 'a repeated parameter');
  assert.equal(parseDigestAuthorization('Digest username="a'), null, 'an unterminated quoted string');
  assert.equal(parseDigestAuthorization('Digest username "a"'), null, 'no equals sign');
});

for (const algorithm of ['MD5', 'SHA-256'] as const) {
  describe(`Digest ${algorithm}`, () => {
    let sim: RunningSim;
    before(async () => {
      sim = await startSite({ es: 1, asPerEs: 2, seed: 3, auth: { user: 'operator', password: 'pa:ss wörd', algorithms: [algorithm] } });
    });
    after(() => sim.close());

    test('asks for credentials with a challenge for the configured algorithm', async () => {
      const reply = await post(ewsUrl(sim.url), INFO);
      assert.equal(reply.status, 401);
      assert.equal(reply.challenges.length, 1);
      const c = challengeParams(reply.challenges[0]!);
      assert.equal(c.algorithm, algorithm);
      assert.equal(c.qop, 'auth');
      assert.ok(c.nonce && c.realm && c.opaque);
      assert.equal(c.stale, undefined);
    });

    test('the right user and password read the server', async () => {
      const reply = await postWithDigest(ewsUrl(sim.addressOf('es-1-as-2')), INFO, 'operator', 'pa:ss wörd');
      assert.equal(reply.status, 200, reply.body);
      assert.match(reply.body, new RegExp(`<Id>${sim.site.require('es-1-as-2').systemId}</Id>`));
    });

    test('a wrong password or user is refused with a fresh challenge, not a stale one', async () => {
      for (const [user, password] of [
        ['operator', 'pa:ss word'],
        ['Operator', 'pa:ss wörd'],
      ] as const) {
        const reply = await postWithDigest(ewsUrl(sim.url), INFO, user, password);
        assert.equal(reply.status, 401);
        assert.match(reply.body, /wrong user name or password/);
        assert.equal(challengeParams(reply.challenges[0]!).stale, undefined);
      }
    });

    test('an expired nonce answered with the right password gets stale=true; the new nonce works', async () => {
      const url = ewsUrl(sim.url);
      const first = await post(url, INFO);
      const answer = (challenge: string, nc: number) => post(url, INFO, { authorization: authorization(challenge, { user: 'operator', password: 'pa:ss wörd', uri: EWS_PATH, nc }) });
      assert.equal((await answer(first.challenges[0]!, 1)).status, 200);
      assert.equal((await admin(sim, 'POST', 'auth/expire-nonces')).status, 200);
      const stale = await answer(first.challenges[0]!, 2);
      assert.equal(stale.status, 401);
      assert.equal(challengeParams(stale.challenges[0]!).stale, 'true');
      assert.notEqual(challengeParams(stale.challenges[0]!).nonce, challengeParams(first.challenges[0]!).nonce);
      assert.equal((await answer(stale.challenges[0]!, 1)).status, 200);
      // Stale with a wrong password is just wrong: stale=true would invite a retry that cannot work.
      await admin(sim, 'POST', 'auth/expire-nonces');
      const wrong = await post(url, INFO, { authorization: authorization(stale.challenges[0]!, { user: 'operator', password: 'nope', uri: EWS_PATH, nc: 2 }) });
      assert.equal(wrong.status, 401);
      assert.equal(challengeParams(wrong.challenges[0]!).stale, undefined);
    });

    test('a replayed nonce count, a forged nonce, another server\'s nonce and a wrong uri are refused', async () => {
      const url = ewsUrl(sim.url);
      const { challenges } = await post(url, INFO);
      const send = (a: Partial<Parameters<typeof authorization>[1]>, to = url) =>
        post(to, INFO, { authorization: authorization(challenges[0]!, { user: 'operator', password: 'pa:ss wörd', uri: new URL(to).pathname, nc: 1, ...a }) });
      assert.equal((await send({ cnonce: 'abc' })).status, 200);
      const replay = await send({ cnonce: 'abc' });
      assert.equal(replay.status, 401);
      assert.match(replay.body, /replay/);
      // Counts must grow, as Apache's mod_auth_digest checks them (seen there: "AH01774 ...
      // nonce-count check failed: 2 is not above 3"): a request that overtook another sharing its
      // nonce makes the other one fail like a wrong password, so a client must not share nonces.
      assert.equal((await send({ nc: 3 })).status, 200, 'a count may skip ahead');
      const overtaken = await send({ nc: 2 });
      assert.equal(overtaken.status, 401);
      assert.match(overtaken.body, /nonce count 2 is not above 3/);
      const nonce = challengeParams(challenges[0]!).nonce!;
      const forged = await send({ nc: 5, override: { nonce: nonce.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a')) } });
      assert.equal(forged.status, 401);
      assert.match(forged.body, /not issued by this server/);
      const otherServer = await send({ nc: 6 }, ewsUrl(sim.addressOf('es-1-as-1')));
      assert.equal(otherServer.status, 401, 'a nonce is bound to the server that issued it');
      const wrongUri = await send({ nc: 7, uri: '/elsewhere' + EWS_PATH });
      assert.equal(wrongUri.status, 401);
      assert.match(wrongUri.body, /request URI/);
      const otherAlgorithm = await send({ nc: 8, override: { algorithm: algorithm === 'MD5' ? 'SHA-256' : 'MD5' } });
      assert.equal(otherAlgorithm.status, 401);
      assert.match(otherAlgorithm.body, /not offered/);
    });

    test('the companion\'s EWS connector reads the site through Digest, and reports a wrong password', async () => {
      const connector = new EwsConnector({ timeoutMs: 5000, credentialsFor: () => ({ username: 'operator', password: 'pa:ss wörd' }) });
      try {
        const identity = await connector.readIdentity(sim.url);
        assert.equal(identity.systemId, sim.site.require('').systemId);
        const children = await connector.readChildren(sim.url);
        assert.deepEqual(children.children.map((c) => c.address), [sim.addressOf('es-1-as-1'), sim.addressOf('es-1-as-2')]);
        await admin(sim, 'POST', 'auth/expire-nonces');
        assert.equal((await connector.readIdentity(sim.url)).systemId, identity.systemId, 'a stale nonce is renewed without a user-visible error');
      } finally {
        connector.close();
      }
      const wrong = new EwsConnector({ timeoutMs: 5000, credentialsFor: () => ({ username: 'operator', password: 'wrong' }) });
      try {
        await assert.rejects(wrong.readIdentity(sim.url), (e: unknown) => e instanceof ConnectorError && e.failure === 'auth');
      } finally {
        wrong.close();
      }
    });
  });
}

describe('Digest options', () => {
  let sim: RunningSim;
  before(async () => {
    sim = await startSite({ es: 1, asPerEs: 2, auth: { user: 'u', password: 'p', algorithms: ['SHA-256', 'MD5', 'MD5-sess'], nonceLifetimeMs: 150 } });
  });
  after(() => sim.close());

  test('several algorithms give one challenge each, in order, and each works', async () => {
    const { challenges } = await post(ewsUrl(sim.url), INFO);
    assert.deepEqual(challenges.map((c) => challengeParams(c).algorithm), ['SHA-256', 'MD5', 'MD5-sess']);
    for (let i = 0; i < challenges.length; i++) {
      const reply = await postWithDigest(ewsUrl(sim.url), INFO, 'u', 'p', (c) => c[i]!);
      assert.equal(reply.status, 200, `${challengeParams(challenges[i]!).algorithm}: ${reply.body}`);
    }
  });

  test('a nonce past its lifetime is stale', async () => {
    const { challenges } = await post(ewsUrl(sim.url), INFO);
    await new Promise((r) => setTimeout(r, 200));
    const reply = await post(ewsUrl(sim.url), INFO, { authorization: authorization(challenges[0]!, { user: 'u', password: 'p', uri: EWS_PATH }) });
    assert.equal(reply.status, 401);
    assert.equal(challengeParams(reply.challenges[0]!).stale, 'true');
  });

  test('a server with its own credentials refuses the site\'s, and keeps asking when site auth is off', async () => {
    const own = ewsUrl(sim.addressOf('es-1-as-1'));
    const set = await admin(sim, 'PUT', 'servers/es-1-as-1/credentials', { user: 'local', password: 'secret' });
    assert.equal(set.status, 200);
    assert.deepEqual(set.value.auth, { user: 'local', own: true });
    assert.equal((await postWithDigest(own, INFO, 'u', 'p')).status, 401);
    assert.equal((await postWithDigest(own, INFO, 'local', 'secret')).status, 200);
    assert.equal((await postWithDigest(ewsUrl(sim.url), INFO, 'u', 'p')).status, 200, 'the others keep the site credentials');

    assert.equal((await admin(sim, 'DELETE', 'auth')).status, 200);
    assert.equal((await post(ewsUrl(sim.url), INFO)).status, 200, 'no credentials asked any more');
    assert.equal((await post(own, INFO)).status, 401, 'own credentials still asked');
    await admin(sim, 'DELETE', 'servers/es-1-as-1/credentials');
    assert.equal((await post(own, INFO)).status, 200);

    const bad = await admin(sim, 'PUT', 'auth', { user: 'a:b', password: 'x' });
    assert.equal(bad.status, 400);
    assert.match(bad.value.error!, /without colon/);
    const badAlgorithm = await admin(sim, 'PUT', 'auth', { user: 'u2', password: 'p2', algorithms: ['SHA-512'] });
    assert.equal(badAlgorithm.status, 400);
    assert.match(badAlgorithm.value.error!, /SHA-512.*not supported/);
    assert.equal((await post(ewsUrl(sim.url), INFO)).status, 200, 'a refused change changes nothing');
    assert.equal((await admin(sim, 'PUT', 'auth', { user: 'u2', password: 'p2', algorithms: 'MD5' })).status, 200);
    const { challenges } = await post(ewsUrl(sim.url), INFO);
    assert.equal(challengeParams(challenges[0]!).algorithm, 'MD5');
    assert.equal((await postWithDigest(ewsUrl(sim.url), INFO, 'u2', 'p2')).status, 200);
  });
});
