// The offline registration codes: how fast a site checks a Registration code, and how long the
// companion takes to show a request (code + QR).
//   figure codes.verify_per_s        Registration codes fully verified per second (read, X25519, HKDF, HMAC, clock rules)
//   figure codes.verify_cached_per_s the same with the tag key derived once per pending request
//   figure codes.issue_per_s         Registration codes issued per second (portal side)
//   figure codes.token_verify_per_s  signed tokens verified per second (Ed25519)
//   figure codes.request_ms          median time to build a request code and render its QR code as SVG
//   figure codes.inventory_file_ms   median time to make a request file with a 2,000-server inventory and its MAC (site side)
//   figure codes.inventory_check_ms  median time to read that file and verify the MAC (portal side)
//   figure codes.*_chars             typed length of each code, without dashes (request: version 2)
import { REGISTRATION_FORMAT, REQUEST_FORMAT, TOKEN_FORMAT } from '../shared/codes/formats.js';
import { dayNumber, type Grant } from '../shared/codes/grant.js';
import { generateInstallationKeys, generatePortalKeys, portalPublicKey } from '../shared/node/codes/keys.js';
import { createRegistrationVerifier, issueRegistrationCode, verifyRegistrationCode } from '../shared/node/codes/registration-code.js';
import { createRequestCode } from '../shared/node/codes/request-code.js';
import { requestQrSvg } from '../shared/node/codes/request-qr.js';
import { inventoryBytes, inventoryMac, verifyInventoryMac } from '../shared/node/codes/inventory-mac.js';
import { formatRequestFile, parseRequestFile } from '../shared/node/codes/request-file.js';
import type { InventoryServer } from '../shared/portal/inventory.js';
import { signToken, verifyToken } from '../shared/node/codes/token.js';

const figure = (name: string, value: number, unit: string) => console.log(`figure codes.${name} ${Number(value.toFixed(3))} ${unit}`);

/** Calls per second of `run`, over about `seconds` after a short warm-up. */
function rate(run: () => void, seconds = 1.5): number {
  for (let i = 0; i < 200; i++) run();
  global.gc?.();
  let calls = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 100; i++) run();
    calls += 100;
  }
  return Math.round(calls / ((performance.now() - started) / 1000));
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const installation = generateInstallationKeys();
const portal = generatePortalKeys(1);
const portalPublicKeys = [portalPublicKey(portal)];
const shadows = Array.from({ length: 250 }, (_, i) => `EBO-as${i}-${i.toString(36)}`);
const request = createRequestCode({ systemId: 'EBO-es1-7Fq2', machineId: 'bench-machine', serverSystemIds: shadows, installationPublicKey: installation.publicKey });
const now = new Date();
const grant: Grant = { kind: 'register', issueDay: dayNumber(now), validityDays: 30, serial: 123_456, keyId: 1 };
const code = issueRegistrationCode({ request, grant, portalX25519PrivateKey: portal.x25519.privateKey });
const token = signToken({ request, grant, portalEd25519PrivateKey: portal.ed25519.privateKey });

const mustPass = (result: { ok: boolean }) => {
  if (!result.ok) throw new Error(`A valid code was refused: ${JSON.stringify(result)}`);
};

figure('verify_per_s', rate(() => mustPass(verifyRegistrationCode({ code, request, installationPrivateKey: installation.privateKey, portalPublicKeys, now, highWaterMark: null }))), '/s');
const verifier = createRegistrationVerifier({ request, installationPrivateKey: installation.privateKey, portalPublicKeys });
figure('verify_cached_per_s', rate(() => mustPass(verifier.verify({ code, now, highWaterMark: null }))), '/s');
figure('issue_per_s', rate(() => issueRegistrationCode({ request, grant, portalX25519PrivateKey: portal.x25519.privateKey })), '/s');
figure('token_verify_per_s', rate(() => mustPass(verifyToken({ token, request, portalPublicKeys, now, highWaterMark: null }))), '/s');

// A request for an ES with 250 shadows, then its QR code: what the companion does when the user asks.
const timings: number[] = [];
for (let i = 0; i < 220; i++) {
  const started = performance.now();
  const made = createRequestCode({ systemId: 'EBO-es1-7Fq2', machineId: 'bench-machine', serverSystemIds: shadows, installationPublicKey: installation.publicKey });
  await requestQrSvg(made);
  if (i >= 20) timings.push(performance.now() - started); // the first runs load and compile
}
figure('request_ms', median(timings), 'ms');

// The request file of a full-size site: 2,000 servers, signed for the portal, then checked there.
const servers: InventoryServer[] = Array.from({ length: 2000 }, (_, i) => ({
  name: `AS-P ${i}`,
  kind: i ? 'automation-server' : 'enterprise-server',
  model: null,
  serialNumber: null,
  firmwareVersion: '3.2.1.1009',
  ipAddress: `10.0.${i >> 8}.${i & 255}`,
  systemId: `EBO-as${i}-${i.toString(36)}`,
  role: i ? 'shadow' : 'lead',
}));
const site = createRequestCode({ systemId: servers[0]!.systemId, machineId: 'bench-machine', serverSystemIds: servers.map((s) => s.systemId), installationPublicKey: installation.publicKey });
const fileTimings: number[] = [];
const checkTimings: number[] = [];
for (let i = 0; i < 60; i++) {
  let started = performance.now();
  const bytes = inventoryBytes(servers);
  const mac = inventoryMac({ request: site, inventory: bytes, installationPrivateKey: installation.privateKey, portalKey: portalPublicKeys[0]! });
  const file = formatRequestFile({ request: site, systemId: servers[0]!.systemId, createdAt: now, inventory: { bytes, mac } });
  if (i >= 10) fileTimings.push(performance.now() - started);
  started = performance.now();
  const parsed = parseRequestFile(file);
  if (!parsed.ok || !verifyInventoryMac({ request: parsed.value.request, inventory: parsed.value.inventory!.bytes, mac: parsed.value.inventory!.mac!, portalX25519PrivateKey: portal.x25519.privateKey })) {
    throw new Error('A valid request file was refused.');
  }
  if (i >= 10) checkTimings.push(performance.now() - started);
}
figure('inventory_file_ms', median(fileTimings), 'ms');
figure('inventory_check_ms', median(checkTimings), 'ms');

for (const format of [REQUEST_FORMAT, REGISTRATION_FORMAT, TOKEN_FORMAT]) figure(`${format.id}_chars`, format.groups * 6, 'chars');
