// The EWS connector's Digest against a real, independent server: Apache 2.4's mod_auth_digest with
// nonce counts checked (AuthDigestNcCheck On), in front of a CGI that answers as an EBO server.
// Many requests at once on one Digest session must never look like a wrong password to it.
// Debian's apache2 (.ci/run installs it); skipped, saying why, where it is not installed.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ConnectorError } from '../../main/services/connectors/connector.js';
import { EwsConnector } from '../../main/services/connectors/ews/ews-connector.js';
import { authorization, post } from '../sim/ews-client.js';
import { closedPort, tempDir } from '../support/processes.js';

const APACHE = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
const missing = fs.existsSync(APACHE) && fs.existsSync(path.join(MODULES, 'mod_auth_digest.so')) ? false : `no Apache at ${APACHE} (apt-get install -y apache2)`;
const REALM = 'EcoStruxure Web Services';
const LOGIN = { username: 'operator', password: 'Apache-Pw 1' };
const ANSWER =
  '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><GetWebServiceInformationResponse version="1.2" xmlns="http://www.schneider-electric.com/common/dataexchange/2011/05">' +
  '<GetWebServiceInformationSystem><Version>3.2.1.100</Version><Id>apache-es-1</Id><Name>Apache ES</Name></GetWebServiceInformationSystem></GetWebServiceInformationResponse></env:Body></env:Envelope>';

let apache: ChildProcess | undefined;
let url = '';
let dir = '';

before(async () => {
  if (missing) return;
  dir = tempDir('apache');
  fs.chmodSync(dir, 0o755); // the CGI runs as www-data when the tests run as root
  const port = await closedPort();
  url = `http://127.0.0.1:${port}`;
  const ha1 = crypto.createHash('md5').update(`${LOGIN.username}:${REALM}:${LOGIN.password}`).digest('hex');
  fs.writeFileSync(path.join(dir, 'users.digest'), `${LOGIN.username}:${REALM}:${ha1}\n`, { mode: 0o644 });
  fs.writeFileSync(path.join(dir, 'ews.cgi'), `#!/bin/sh\ncat > /dev/null\nprintf 'Content-Type: application/soap+xml; charset=utf-8\\r\\n\\r\\n'\nprintf '%s' '${ANSWER}'\n`, { mode: 0o755 });
  const root = process.getuid?.() === 0;
  fs.writeFileSync(
    path.join(dir, 'httpd.conf'),
    [
      `ServerRoot ${dir}`,
      `DefaultRuntimeDir ${dir}`,
      `PidFile ${dir}/httpd.pid`,
      `Listen 127.0.0.1:${port}`,
      'ServerName localhost',
      ...['mpm_event', 'authn_core', 'authn_file', 'authz_core', 'authz_user', 'auth_digest', 'cgid', 'alias'].map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
      `ErrorLog ${dir}/error.log`,
      `ScriptSock ${dir}/cgid.sock`,
      'AuthDigestShmemSize 1048576',
      ...(root ? ['User www-data', 'Group www-data'] : []),
      `ScriptAlias /EcoStruxure/DataExchange ${dir}/ews.cgi`,
      '<Location /EcoStruxure/DataExchange>',
      '  AuthType Digest',
      `  AuthName "${REALM}"`,
      '  AuthDigestProvider file',
      `  AuthUserFile ${dir}/users.digest`,
      '  AuthDigestNcCheck On',
      '  Require valid-user',
      '</Location>',
    ].join('\n'),
  );
  apache = spawn(APACHE, ['-f', path.join(dir, 'httpd.conf'), '-DFOREGROUND'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  apache.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  for (let i = 0; ; i++) {
    if (apache.exitCode !== null) throw new Error(`Apache exited: ${errors}`);
    const up = await fetch(`${url}/`).then(() => true, () => false);
    if (up) break;
    if (i > 100) throw new Error(`Apache did not answer: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});
after(() => {
  apache?.kill('SIGTERM');
});

test('200 reads at once on one Digest session, three times over: Apache refuses none', { skip: missing }, async () => {
  const connector = new EwsConnector({ timeoutMs: 10_000, credentialsFor: () => LOGIN, maxSockets: 32 });
  try {
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled(Array.from({ length: 200 }, () => connector.readIdentity(url)));
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.deepEqual(failed.map((f) => String(f.reason?.message)), [], `round ${round}`);
      assert.equal((results[0] as PromiseFulfilledResult<{ systemId: string }>).value.systemId, 'apache-es-1');
    }
  } finally {
    connector.close();
  }
  const log = fs.readFileSync(path.join(dir, 'error.log'), 'utf8');
  assert.doesNotMatch(log, /nonce-count check failed/, 'Apache saw no count out of order');
});

test('Apache does refuse a count that was overtaken, which is why nonces are never shared', { skip: missing }, async () => {
  const endpoint = `${url}/EcoStruxure/DataExchange`;
  const { challenges } = await post(endpoint, '<x/>', { 'content-type': 'application/soap+xml' });
  const send = (nc: number) => post(endpoint, '<x/>', { 'content-type': 'application/soap+xml', authorization: authorization(challenges[0]!, { user: LOGIN.username, password: LOGIN.password, uri: '/EcoStruxure/DataExchange', nc }) });
  // In order, each count is taken; a count that another request overtook is refused. (Apache
  // 2.4.71 takes any count above the last one; older ones, such as Debian 12's 2.4.68, only the
  // next one: either way the late one is refused.)
  assert.equal((await send(1)).status, 200);
  assert.equal((await send(2)).status, 200);
  assert.equal((await send(3)).status, 200);
  assert.equal((await send(2)).status, 401, 'the count that arrived late is refused');
});

test('a wrong password is reported as one', { skip: missing }, async () => {
  const connector = new EwsConnector({ timeoutMs: 10_000, credentialsFor: () => ({ ...LOGIN, password: 'wrong' }) });
  try {
    await assert.rejects(connector.readIdentity(url), (e: unknown) => e instanceof ConnectorError && e.failure === 'auth' && /refused the user name "operator"/.test(e.message));
  } finally {
    connector.close();
  }
});
