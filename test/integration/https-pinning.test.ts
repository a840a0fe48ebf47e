// HTTPS with a self-signed certificate: refused until the user trusts that exact certificate,
// and refused again when the server presents another one. The simulator sits behind a real TLS
// listener; the certificates come from the openssl command.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createCompanion, type Companion } from '../../main/services/index.js';
import { ServiceError } from '../../shared/contract/result.js';
import { SIM_LOGIN, startSim, tempDir, type Started } from '../support/processes.js';
import { hasOpenssl, makeCertificate, tlsFront, type TlsFront } from '../support/tls.js';

const skip = hasOpenssl ? false : 'the openssl command is not installed, so no test certificate can be made';

let sim: Started<{ url: string }>;
let front: TlsFront | null = null;
let companion: Companion;
let hostPort = '';
const dir = tempDir('tls');

/** A TLS front for the simulator's top server, with the given certificate. */
async function listenTls(identity: { key: string; cert: string }, port = 0): Promise<void> {
  front = await tlsFront(sim.info.url, identity, port);
  hostPort = front.hostPort;
}
const closeTls = async () => {
  await front?.close();
  front = null;
};

before(async () => {
  if (skip) return;
  sim = await startSim(['--es', '1', '--as', '1']);
  companion = createCompanion({ dataDir: tempDir('tls-app'), version: 'test', emit: () => {} });
});
after(async () => {
  companion?.close();
  await closeTls();
  await sim?.stop();
});

test('a self-signed certificate is refused until trusted, then pinned', { skip }, async () => {
  const first = makeCertificate(dir, 'bms-es-first');
  await listenTls(first);
  companion.site.saveConnection({ targets: `https://${hostPort}`, ...SIM_LOGIN });

  const refused = await companion.site.discover();
  assert.equal(refused.failures[0]?.kind, 'certificate');
  assert.match(refused.failures[0]!.reason, /not trusted.*fingerprint/);

  const probed = await companion.site.probeCertificate(hostPort);
  assert.equal(probed.fingerprint256, first.fingerprint256);
  assert.match(probed.subject, /CN=bms-es-first/);
  assert.throws(() => companion.site.trustCertificate(hostPort, 'AA:BB'), (e: unknown) => e instanceof ServiceError && e.code === 'conflict');
  companion.site.trustCertificate(hostPort, first.fingerprint256);

  const read = await companion.site.discover();
  assert.deepEqual(read.failures, []);
  assert.equal(read.servers.length, 2);
  assert.ok(read.servers.some((s) => s.address === `https://${hostPort}` && s.kind === 'enterprise-server'));

  // The same address now presents another certificate: the pin refuses it.
  const port = Number(hostPort.split(':')[1]);
  await closeTls();
  await listenTls(makeCertificate(dir, 'bms-es-impostor'), port);
  const after = await companion.site.discover();
  const top = after.servers.find((s) => s.address === `https://${hostPort}`)!;
  assert.equal(top.status, 'unreachable');
  assert.match(top.statusReason ?? '', /not trusted/);
});
