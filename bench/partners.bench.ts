// A partner with many customers reading what they share, through the real portal process
// (portal/cli.ts, SQLite in WAL) on 127.0.0.1, one request at a time over a kept-alive connection.
//   figure partners.inventory_ms   p95 of GET /api/v1/customers/:customerId/systems (the read-only,
//                                  masked view) for a partner with 200 customers of 50 systems each,
//                                  every system with a reported inventory of 5 servers; the
//                                  requests go round the 200 customers
//   figure partners.customers_ms   p95 of GET /api/v1/customers (the 200 customers with their access
//                                  and number of systems)
//   figure partners.sweep_ms       the whole inventory: the customers, then each one's systems, one
//                                  request after another (201 requests, 10,000 systems)
// Seeding: the partner signs up through the API (TOTP enrolled), the portal stops, and 200 customer
// organizations (an end-user account each), their 10,000 systems and inventories, and the partner's
// 200 links are written straight into its SQLite file through the portal's own store and
// RegistrationService (test/support/portal-seed.ts); then the portal starts again on that file and
// the session opened before is used. Target: inventory < 200 ms. BENCH_REQUESTS changes the 200
// requests per figure.
import { p95, startPortal, stopAll } from './lib/portal-process.js';
import { InventoryServer } from '../shared/portal/inventory.js';
import { RegisterInput } from '../shared/portal/systems.js';
import { newAccount, registrationForm } from '../test/support/portal-accounts.js';
import { seedPortal } from '../test/support/portal-seed.js';
import { tempDir } from '../test/support/processes.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;
const CUSTOMERS = 200;
const SYSTEMS_EACH = 50;
const SERVERS_EACH = 5;


function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** `REQUESTS` sequential GETs after a warm-up, the URL made per request; every answer 200 and checked. */
async function measure(label: string, urlOf: (i: number) => string, token: string, check: (json: unknown, i: number) => void) {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(urlOf(i), { headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
    const text = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status} ${text.slice(0, 300)}`);
    if (i < CUSTOMERS) check(JSON.parse(text), i);
    if (i >= WARMUP) samples.push(elapsed);
    bytes = Math.max(bytes, text.length);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(`${label}: p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, p95 ${p95(samples).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (${samples.length} requests, up to ${Math.round(bytes / 1024)} KiB each)`);
  return p95(samples);
}

/** A system's servers as the companion would report them: the lead and its shadows, with IPv4, IPv6 and host names. */
const serversOf = (systemId: string, n: number): InventoryServer[] =>
  Array.from({ length: SERVERS_EACH }, (_, s) =>
    InventoryServer.parse({
      name: s === 0 ? `ES-${n}` : `AS-${n}-${s}`,
      kind: s === 0 ? 'enterprise-server' : 'automation-server',
      model: s === 0 ? 'SXWSWESXX00001' : 'SXWASP24X10001',
      serialNumber: `SN${String(n).padStart(6, '0')}${s}`,
      firmwareVersion: '6.0.4.90',
      ipAddress: s % 3 === 0 ? `10.${n % 250}.${s}.${(n * 7) % 250}` : s % 3 === 1 ? `fd00::${n.toString(16)}:${s}` : `as-${n}-${s}.site.example`,
      systemId: s === 0 ? systemId : `${systemId}-AS${s}`,
      role: s === 0 ? 'lead' : 'shadow',
    }),
  );

async function main() {
  const dataDir = tempDir('bench-partners');
  const first = await startPortal(dataDir);
  const partner = await newAccount(first.info.url, { kind: 'partner', organization: 'Bench Integration' });
  await first.stop();

  const started = performance.now();
  const customerIds = await seedPortal(dataDir, async ({ store, systems, setClock, account }) => {
    const partnerAccount = await account(partner.email);
    const form = registrationForm();
    const input = RegisterInput.parse({ installation: form.installation, siteAdministrator: form.siteAdministrator });
    let clock = Date.parse('2026-03-01T00:00:00Z');
    const ids: number[] = [];
    for (let c = 0; c < CUSTOMERS; c++) {
      setClock((clock += 1000));
      const name = `Customer ${c}`;
      const created = await store.createAccount({
        email: `customer-${c}@bench.example`,
        kind: 'end-user',
        name: `Facility manager ${c}`,
        organization: name,
        passwordHash: 'not-a-hash: no log-on in this benchmark',
        createdAt: new Date(clock).toISOString(),
        joining: { create: { kind: 'customer', name, partnerId: null, partnerIdGiven: false } },
      });
      assert(typeof created === 'object' && 'id' in created, `customer ${c} was not created`);
      for (let s = 0; s < SYSTEMS_EACH; s++) {
        const n = c * SYSTEMS_EACH + s;
        const systemId = `BENCH-C${c}-S${s}`;
        await systems.register(systemId, input, created);
        await systems.saveInventory(systemId, serversOf(systemId, n), 'online', created);
      }
      const now = new Date(clock).toISOString();
      await store.addPartner({ customerOrgId: created.organizationId, partnerOrgId: partnerAccount.organizationId, accountId: created.id }, () => [], now);
      ids.push(created.organizationId);
    }
    return ids;
  });
  console.log(`seed: ${CUSTOMERS} customers, ${CUSTOMERS * SYSTEMS_EACH} systems with ${SERVERS_EACH} servers each, in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const portal = await startPortal(dataDir);
  try {
    const url = portal.info.url;
    const token = partner.client.token!;
    const inventory = await measure(
      'customer inventory',
      (i) => `${url}/api/v1/customers/${customerIds[i % CUSTOMERS]}/systems`,
      token,
      (json, i) => {
        const view = json as { customerId: number; systems: { servers: { ipAddress: string | null }[] }[] };
        assert(view.customerId === customerIds[i % CUSTOMERS], 'the customer asked for');
        assert(view.systems.length === SYSTEMS_EACH, `${SYSTEMS_EACH} systems, not ${view.systems.length}`);
        assert(view.systems.every((s) => s.servers.length === SERVERS_EACH), `${SERVERS_EACH} servers each`);
        // Masked: an IPv4 address shows only its last two segments.
        assert(view.systems[0]!.servers[0]!.ipAddress?.startsWith('*.*.'), `masked, not ${view.systems[0]!.servers[0]!.ipAddress}`);
      },
    );
    const customers = await measure(
      'customers',
      () => `${url}/api/v1/customers`,
      token,
      (json) => assert((json as unknown[]).length === CUSTOMERS, `${CUSTOMERS} customers`),
    );
    const sweepStarted = performance.now();
    let systems = 0;
    const headers = { accept: 'application/json', authorization: `Bearer ${token}` };
    const listed = (await (await fetch(`${url}/api/v1/customers`, { headers })).json()) as { customerId: number }[];
    for (const { customerId } of listed) systems += ((await (await fetch(`${url}/api/v1/customers/${customerId}/systems`, { headers })).json()) as { systems: unknown[] }).systems.length;
    const sweep = performance.now() - sweepStarted;
    assert(systems === CUSTOMERS * SYSTEMS_EACH, `the sweep read ${systems} systems`);
    console.log(`figure partners.inventory_ms ${inventory.toFixed(1)} ms`);
    console.log(`figure partners.customers_ms ${customers.toFixed(1)} ms`);
    console.log(`figure partners.sweep_ms ${sweep.toFixed(0)} ms`);
  } finally {
    await stopAll();
  }
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
