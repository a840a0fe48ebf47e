// The portal's own keys, made on first start and kept in keysDir (mode 0600, never committed):
// X25519 for the Registration code MAC agreement, Ed25519 for signed tokens, and a sealing key
// for secrets the portal must read back (TOTP seeds).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const KeyFile = z.strictObject({
  version: z.literal(1),
  keyId: z.number().int().min(0).max(15),
  createdAt: z.string(),
  x25519PrivatePem: z.string(),
  ed25519PrivatePem: z.string(),
  sealingKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
});

export interface PortalKeys {
  keyId: number;
  x25519: { privateKey: crypto.KeyObject; publicKey: crypto.KeyObject };
  ed25519: { privateKey: crypto.KeyObject; publicKey: crypto.KeyObject };
  seal(plain: string): string;
  unseal(sealed: string): string;
}

const FILE = 'portal-keys.json';

export function loadOrCreateKeys(dir: string): PortalKeys {
  const file = path.join(dir, FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pem = (k: crypto.KeyObject) => k.export({ type: 'pkcs8', format: 'pem' }) as string;
    const fresh: z.infer<typeof KeyFile> = {
      version: 1,
      keyId: 1,
      createdAt: new Date().toISOString(),
      x25519PrivatePem: pem(crypto.generateKeyPairSync('x25519').privateKey),
      ed25519PrivatePem: pem(crypto.generateKeyPairSync('ed25519').privateKey),
      sealingKey: crypto.randomBytes(32).toString('base64'),
    };
    // 'wx': two portals starting at once on one folder cannot both write a key.
    try {
      fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  let stored: z.infer<typeof KeyFile>;
  try {
    stored = KeyFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`The portal key file ${file} cannot be read (${(error as Error).message}). Restore it from a backup: codes already issued depend on it.`);
  }
  const x25519Private = crypto.createPrivateKey(stored.x25519PrivatePem);
  const ed25519Private = crypto.createPrivateKey(stored.ed25519PrivatePem);
  const sealingKey = Buffer.from(stored.sealingKey, 'base64');
  return {
    keyId: stored.keyId,
    x25519: { privateKey: x25519Private, publicKey: crypto.createPublicKey(x25519Private) },
    ed25519: { privateKey: ed25519Private, publicKey: crypto.createPublicKey(ed25519Private) },
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', sealingKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    unseal(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', sealingKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** Raw 32-byte public keys, base64url, as the companion ships them. */
export function publicKeyRaw(key: crypto.KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x) throw new Error('Not an OKP public key.');
  return jwk.x;
}
