// The portal's own keys, made on first start and kept in keysDir (mode 0600, never committed):
// X25519 for the Registration code MAC agreement, Ed25519 for signed tokens, and a sealing key
// for secrets the portal must read back (TOTP seeds).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { generatePortalKeys } from '../shared/node/codes/keys.js';
import { aesGcmSealer } from '../shared/node/seal.js';

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
    const made = generatePortalKeys(1);
    const fresh: z.infer<typeof KeyFile> = {
      version: 1,
      keyId: made.keyId,
      createdAt: new Date().toISOString(),
      x25519PrivatePem: pem(made.x25519.privateKey),
      ed25519PrivatePem: pem(made.ed25519.privateKey),
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
  const sealer = aesGcmSealer(Buffer.from(stored.sealingKey, 'base64'));
  return {
    keyId: stored.keyId,
    x25519: { privateKey: x25519Private, publicKey: crypto.createPublicKey(x25519Private) },
    ed25519: { privateKey: ed25519Private, publicKey: crypto.createPublicKey(ed25519Private) },
    seal: sealer.seal,
    unseal: sealer.open,
  };
}
