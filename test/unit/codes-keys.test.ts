// Keys as the portal and the companion store them.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import {
  exportPortalPublicKeys,
  exportPrivateKey,
  generateInstallationKeys,
  generatePortalKeys,
  importPortalPublicKeys,
  importPrivateKey,
  importRawPublicKey,
  portalPublicKey,
  rawPublicKey,
} from '../../shared/node/codes/keys.js';

test('public keys travel as raw 32 bytes and come back as the same key', () => {
  const portal = generatePortalKeys(4);
  for (const [curve, pair] of [['x25519', portal.x25519], ['ed25519', portal.ed25519]] as const) {
    const raw = rawPublicKey(pair.publicKey);
    assert.equal(raw.length, 32);
    assert.ok(importRawPublicKey(raw, curve).equals(pair.publicKey));
  }
  assert.throws(() => rawPublicKey(portal.x25519.privateKey), /Not an X25519 or Ed25519 public key/);
  assert.throws(() => importRawPublicKey(new Uint8Array(31), 'x25519'), /32 bytes, not 31/);
});

test('private keys are stored as PKCS#8 DER and read back only as the curve expected', () => {
  const installation = generateInstallationKeys();
  const der = exportPrivateKey(installation.privateKey);
  const back = importPrivateKey(der, 'x25519');
  assert.ok(crypto.createPublicKey(back).equals(installation.publicKey));
  assert.throws(() => importPrivateKey(der, 'ed25519'), /Expected an Ed25519 private key, found x25519/);
});

test("the portal's public keys ship as JSON, by key id, and nothing else is accepted", () => {
  const keys = [portalPublicKey(generatePortalKeys(0)), portalPublicKey(generatePortalKeys(15))];
  const json = JSON.parse(JSON.stringify(exportPortalPublicKeys(keys)));
  const back = importPortalPublicKeys(json);
  assert.deepEqual(back.map((k) => k.keyId), [0, 15]);
  assert.ok(back[1]!.ed25519.equals(keys[1]!.ed25519));
  assert.throws(() => importPortalPublicKeys({ keys: [] }), /Not a list of portal public keys/);
  assert.throws(() => importPortalPublicKeys([json[0], json[0]]), /same key id/);
  assert.throws(() => importPortalPublicKeys([{ ...json[0], keyId: 16 }]), /0 to 15/);
  assert.throws(() => generatePortalKeys(-1), /0 to 15/);
});
