// The EWS connector against the strict simulator, in SOAP 1.2 and 1.1, with HTTP Digest on:
// identity, children, the registration read and written back, refusals, and many requests at
// once on one Digest session against a server that checks nonce counts in order.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConnectorError } from '../../main/services/connectors/connector.js';
import { EwsConnector } from '../../main/services/connectors/ews/ews-connector.js';
import type { Registration } from '../../shared/domain/server.js';
import type { RunningSim } from '../../sim/ews-server.js';
import { startSite } from '../sim/ews-client.js';

let sim: RunningSim;
before(async () => {
  sim = await startSite({ es: 1, asPerEs: 3, seed: 13, auth: { user: 'operator', password: 'pa:ss wörd', algorithms: ['SHA-256', 'MD5'] } });
});
after(() => sim.close());

const login = () => ({ username: 'operator', password: 'pa:ss wörd' });

for (const soapVersion of ['1.2', '1.1'] as const) {
  describe(`SOAP ${soapVersion}`, () => {
    let connector: EwsConnector;
    before(() => {
      connector = new EwsConnector({ timeoutMs: 5000, credentialsFor: login, soapVersion });
    });
    after(() => connector.close());

    test('an Enterprise Server that names no model is read with its children', async () => {
      const identity = await connector.readIdentity(sim.url);
      const es = sim.site.require('');
      assert.deepEqual(identity, { systemId: es.systemId, name: es.name, version: es.version, model: '' });
      const children = await connector.readChildren(sim.url);
      assert.equal(children.hostsServers, true);
      assert.deepEqual(children.children, sim.site.children('').map((c) => ({ name: c.name, address: sim.addressOf(c.key) })));
      assert.deepEqual(await connector.readChildren(sim.addressOf('es-1-as-1')), { hostsServers: false, children: [] });
    });

    test('a registration written is read back the same; an unknown Id is reported as INVALID_ID', async () => {
      const registration: Registration = { state: 'registered', method: 'online', code: `CODE-${soapVersion.replace('.', '')}`, organization: 'Acme <&> "Sons"', siteName: 'Tower', registeredAt: '2026-12-01T10:00:00Z', leadSystemId: sim.site.require('').systemId };
      await connector.writeRegistration(sim.addressOf('es-1-as-2'), registration);
      assert.deepEqual(await connector.readRegistration(sim.addressOf('es-1-as-2')), { ok: true, registration });
      const read = await connector.readValues(sim.url, ['/System/Id', '/System/Registration/Nope']);
      assert.equal(read.values.get('/System/Id')?.value, sim.site.require('').systemId);
      assert.equal(read.errors.get('/System/Registration/Nope'), 'INVALID_ID');
    });

    test('a refused SetValues item is a failed write with the server\'s message', async () => {
      await fetch(`${sim.url}/_sim/servers/es-1-as-3/write-mode`, { method: 'PUT', body: JSON.stringify({ mode: 'ReadOnly' }) });
      try {
        const registration: Registration = { state: 'registered', method: 'offline', code: 'X', organization: null, siteName: null, registeredAt: null, leadSystemId: null };
        const error = await connector.writeRegistration(sim.addressOf('es-1-as-3'), registration).catch((e: unknown) => e);
        assert.ok(error instanceof ConnectorError);
        assert.equal(error.failure, 'refused');
        assert.match(error.message, /refused to write every registration item: Write refused: the EWS server’s Value Write Mode is ReadOnly/);
        assert.equal(sim.site.require('es-1-as-3').registration.state, 'unregistered');
      } finally {
        await fetch(`${sim.url}/_sim/servers/es-1-as-3/write-mode`, { method: 'PUT', body: JSON.stringify({ mode: 'ReadWrite' }) });
      }
    });

    test('a SOAP fault from the server is a fault with its EWS name', async () => {
      await fetch(`${sim.url}/_sim/servers/es-1-as-1/fault`, { method: 'PUT', body: JSON.stringify({ kind: 'soap-fault' }) });
      try {
        const error = await connector.readIdentity(sim.addressOf('es-1-as-1')).catch((e: unknown) => e);
        assert.ok(error instanceof ConnectorError);
        assert.equal(error.failure, 'fault');
        assert.match(error.message, /\(TimeOut\): TIMEOUT: The data exchange service timed out inside/);
      } finally {
        await fetch(`${sim.url}/_sim/servers/es-1-as-1/fault`, { method: 'DELETE' });
      }
    });
  });
}

test('200 requests at once on one Digest session never look like a wrong password to a strict server', async () => {
  const connector = new EwsConnector({ timeoutMs: 10_000, credentialsFor: login, maxSockets: 64 });
  try {
    // Warm: one nonce known. Then everything at once, twice.
    await connector.readIdentity(sim.url);
    for (let round = 0; round < 2; round++) {
      const before = connector.requests;
      const results = await Promise.allSettled(Array.from({ length: 200 }, () => connector.readIdentity(sim.url)));
      const failed = results.filter((r) => r.status === 'rejected');
      assert.deepEqual(failed, [], 'no request was refused');
      // A request that finds every known nonce busy costs one challenge; no more.
      assert.ok(connector.requests - before <= 200 + 64, `${connector.requests - before} requests for 200 reads`);
    }
  } finally {
    connector.close();
  }
});
