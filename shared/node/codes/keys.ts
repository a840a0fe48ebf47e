// Key pairs and how they are stored. The portal holds X25519 (Registration code MAC agreement) and
// Ed25519 (token signatures) private keys; the companion holds its installation's X25519 private
// key and only the portal's public keys. Public keys travel as raw 32 bytes, private keys as
// PKCS#8 DER, both in base64url where text is needed.
import crypto, { type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { GRANT_BITS } from '../../codes/grant.js';
import { CodeInputError } from '../../codes/failure.js';

export interface KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export interface PortalKeyPairs {
  /** 0..15: carried in every code so keys can rotate. */
  keyId: number;
  x25519: KeyPair;
  ed25519: KeyPair;
}

/** What the companion ships: the portal's public keys, one entry per key id still accepted. */
export interface PortalPublicKey {
  keyId: number;
  x25519: KeyObject;
  ed25519: KeyObject;
}

type Curve = 'x25519' | 'ed25519';
const JWK_CURVE: Record<Curve, string> = { x25519: 'X25519', ed25519: 'Ed25519' };

function checkKeyId(keyId: number) {
  if (!Number.isInteger(keyId) || keyId < 0 || keyId >= 2 ** GRANT_BITS.keyId) throw new CodeInputError(`A portal key id is 0 to ${2 ** GRANT_BITS.keyId - 1}, not ${keyId}.`);
}

export function generatePortalKeys(keyId: number): PortalKeyPairs {
  checkKeyId(keyId);
  return { keyId, x25519: crypto.generateKeyPairSync('x25519'), ed25519: crypto.generateKeyPairSync('ed25519') };
}

export const generateInstallationKeys = (): KeyPair => crypto.generateKeyPairSync('x25519');

export const portalPublicKey = (keys: PortalKeyPairs): PortalPublicKey => ({ keyId: keys.keyId, x25519: keys.x25519.publicKey, ed25519: keys.ed25519.publicKey });

export function rawPublicKey(key: KeyObject): Uint8Array {
  if (key.type !== 'public' || !(key.asymmetricKeyType === 'x25519' || key.asymmetricKeyType === 'ed25519')) throw new CodeInputError('Not an X25519 or Ed25519 public key.');
  return Uint8Array.from(Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url'));
}

export function importRawPublicKey(raw: Uint8Array, curve: Curve): KeyObject {
  if (raw.length !== 32) throw new CodeInputError(`A raw ${JWK_CURVE[curve]} public key is 32 bytes, not ${raw.length}.`);
  return crypto.createPublicKey({ key: { kty: 'OKP', crv: JWK_CURVE[curve], x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

export const exportPrivateKey = (key: KeyObject): Uint8Array => Uint8Array.from(key.export({ format: 'der', type: 'pkcs8' }));

export function importPrivateKey(der: Uint8Array, curve: Curve): KeyObject {
  const key = crypto.createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== curve) throw new CodeInputError(`Expected an ${JWK_CURVE[curve]} private key, found ${key.asymmetricKeyType}.`);
  return key;
}

const PortalPublicKeysJson = z.array(z.strictObject({ keyId: z.number(), x25519: z.string(), ed25519: z.string() }));
export type PortalPublicKeyJson = z.infer<typeof PortalPublicKeysJson>[number];

export const exportPortalPublicKeys = (keys: readonly PortalPublicKey[]): PortalPublicKeyJson[] =>
  keys.map((k) => ({ keyId: k.keyId, x25519: Buffer.from(rawPublicKey(k.x25519)).toString('base64url'), ed25519: Buffer.from(rawPublicKey(k.ed25519)).toString('base64url') }));

/** Reads the list exportPortalPublicKeys wrote; refuses anything else with a message. */
export function importPortalPublicKeys(json: unknown): PortalPublicKey[] {
  const parsed = PortalPublicKeysJson.safeParse(json);
  if (!parsed.success) throw new CodeInputError(`Not a list of portal public keys: ${parsed.error.issues[0]?.message ?? 'unreadable'}.`);
  const ids = parsed.data.map((k) => k.keyId);
  if (new Set(ids).size !== ids.length) throw new CodeInputError('Two portal public keys have the same key id.');
  return parsed.data.map((k) => {
    checkKeyId(k.keyId);
    return { keyId: k.keyId, x25519: importRawPublicKey(Buffer.from(k.x25519, 'base64url'), 'x25519'), ed25519: importRawPublicKey(Buffer.from(k.ed25519, 'base64url'), 'ed25519') };
  });
}
