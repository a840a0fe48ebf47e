// The inventory a request file carries: its canonical bytes, the MAC only the requesting
// installation and the portal can make, and a 2,000-server file under the size limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InventoryServer } from '../../shared/portal/inventory.js';
import { formatInventoryMac, inventoryBytes, inventoryMac, parseInventoryMac, readInventory, verifyInventoryMac } from '../../shared/node/codes/inventory-mac.js';
import { generateInstallationKeys, generatePortalKeys, portalPublicKey } from '../../shared/node/codes/keys.js';
import { createRequestCode } from '../../shared/node/codes/request-code.js';
import { formatRequestFile, parseRequestFile, REQUEST_FILE_MAX_BYTES } from '../../shared/node/codes/request-file.js';

const installation = generateInstallationKeys();
const portal = generatePortalKeys(1);
const server = (i: number): InventoryServer => ({
  name: `AS-P ${i} Building ${i % 40} floor ${i % 7}`,
  kind: i === 0 ? 'enterprise-server' : 'automation-server',
  model: null,
  serialNumber: null,
  firmwareVersion: '3.2.1.1009',
  ipAddress: `10.${(i >> 8) & 255}.${i & 255}.${(i * 7) % 250}`,
  systemId: `EBO-${i === 0 ? 'es' : 'as'}${i}-${(i * 2654435761).toString(36).slice(0, 8)}`,
  role: i === 0 ? 'lead' : 'shadow',
});
const servers = Array.from({ length: 4 }, (_, i) => server(i));
const request = createRequestCode({ systemId: servers[0]!.systemId, machineId: 'm', serverSystemIds: servers.map((s) => s.systemId), installationPublicKey: installation.publicKey });
const bytes = inventoryBytes(servers);
const mac = inventoryMac({ request, inventory: bytes, installationPrivateKey: installation.privateKey, portalKey: portalPublicKey(portal) });
const verify = (overrides: Partial<Parameters<typeof verifyInventoryMac>[0]> = {}) =>
  verifyInventoryMac({ request, inventory: bytes, mac, portalX25519PrivateKey: portal.x25519.privateKey, ...overrides });

test('the inventory is canonical JSON: the same list gives the same bytes, whatever the key order', () => {
  const reordered = servers.map((s) => Object.fromEntries(Object.entries(s).reverse()) as InventoryServer);
  assert.deepEqual(inventoryBytes(reordered), bytes);
  assert.match(new TextDecoder().decode(bytes), /^\{"servers":\[\{"firmwareVersion":"3\.2\.1\.1009","ipAddress":/);
  const back = readInventory(bytes);
  assert.ok(back.ok);
  assert.deepEqual(back.value, servers);
  const notServers = readInventory(new TextEncoder().encode('{"servers":[{"name":"x"}]}'));
  assert.ok(!notServers.ok && notServers.failure.reason === 'bad_file');
});

test('the portal verifies the MAC with its private key and the installation key in the request', () => {
  assert.equal(mac.keyId, 1);
  assert.equal(mac.tag.length, 16);
  assert.equal(verify(), true);
  const changed = inventoryBytes([{ ...servers[0]!, ipAddress: '10.9.9.9' }, ...servers.slice(1)]);
  assert.equal(verify({ inventory: changed }), false, 'a changed list');
  const other = createRequestCode({ systemId: servers[0]!.systemId, machineId: 'm', serverSystemIds: [], installationPublicKey: installation.publicKey });
  assert.equal(verify({ request: other }), false, 'moved to another request of the same site');
  const otherInstallation = generateInstallationKeys();
  const forged = inventoryMac({ request, inventory: changed, installationPrivateKey: otherInstallation.privateKey, portalKey: portalPublicKey(portal) });
  assert.equal(verify({ inventory: changed, mac: forged }), false, 'made by someone without this installation key');
  assert.equal(verify({ portalX25519PrivateKey: generatePortalKeys(1).x25519.privateKey }), false, 'another portal');
  const flipped = Uint8Array.from(mac.tag);
  flipped[15]! ^= 1;
  assert.equal(verify({ mac: { ...mac, tag: flipped } }), false);
  assert.equal(verify({ mac: { ...mac, tag: mac.tag.subarray(0, 15) } }), false);
});

test('the MAC line reads back, and nothing else does', () => {
  const line = formatInventoryMac(mac);
  assert.match(line, /^1:[A-Za-z0-9_-]{22}$/);
  assert.deepEqual(parseInventoryMac(line), mac);
  assert.equal(parseInventoryMac(`${line}A`), null);
  assert.equal(parseInventoryMac(line.replace('1:', 'x:')), null);
  assert.equal(parseInventoryMac(`1:${line.slice(2, 20)}`), null);
});

test('the request file carries the inventory and its MAC; a file with 2,000 servers fits', () => {
  const createdAt = new Date('2025-03-04T05:06:07.000Z');
  const file = formatRequestFile({ request, systemId: servers[0]!.systemId, createdAt, inventory: { bytes, mac } });
  assert.match(file, /\nInventory: [A-Za-z0-9_-]+\nInventory MAC: 1:[A-Za-z0-9_-]{22}\n$/);
  const parsed = parseRequestFile(file);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.inventory, { bytes, mac });
  const unsigned = parseRequestFile(formatRequestFile({ request, systemId: servers[0]!.systemId, createdAt, inventory: { bytes, mac: null } }));
  assert.ok(unsigned.ok);
  assert.equal(unsigned.value.inventory?.mac, null);
  const bad = (content: string, message: RegExp) => {
    const result = parseRequestFile(content);
    assert.ok(!result.ok);
    assert.match(result.failure.message, message);
  };
  bad(file.replace(/Inventory: .*\n/, ''), /Inventory MAC line but no Inventory/);
  bad(file.replace(/Inventory: (.*)\n/, 'Inventory: $1*\n'), /not base64url/);
  bad(file.replace(/Inventory MAC: .*\n/, 'Inventory MAC: 1:short\n'), /Inventory MAC line is not/);

  const large = Array.from({ length: 2000 }, (_, i) => server(i));
  const site = createRequestCode({ systemId: large[0]!.systemId, machineId: 'm', serverSystemIds: large.map((s) => s.systemId), installationPublicKey: installation.publicKey });
  const largeBytes = inventoryBytes(large);
  const largeFile = formatRequestFile({
    request: site,
    systemId: large[0]!.systemId,
    createdAt,
    inventory: { bytes: largeBytes, mac: inventoryMac({ request: site, inventory: largeBytes, installationPrivateKey: installation.privateKey, portalKey: portalPublicKey(portal) }) },
  });
  assert.ok(Buffer.byteLength(largeFile) < REQUEST_FILE_MAX_BYTES, `${Buffer.byteLength(largeFile)} bytes`);
  const read = parseRequestFile(largeFile);
  assert.ok(read.ok);
  const back = readInventory(read.value.inventory!.bytes);
  assert.ok(back.ok && back.value.length === 2000);
  assert.equal(verifyInventoryMac({ request: site, inventory: read.value.inventory!.bytes, mac: read.value.inventory!.mac!, portalX25519PrivateKey: portal.x25519.privateKey }), true);
  // Over the limit, the file is not made rather than cut short.
  const huge = Array.from({ length: 2000 }, (_, i) => ({ ...server(i), name: `${'N'.repeat(190)}${i}` }));
  assert.throws(() => formatRequestFile({ request: site, systemId: large[0]!.systemId, createdAt, inventory: { bytes: inventoryBytes(huge), mac: null } }), /over 768 KB/);
});
