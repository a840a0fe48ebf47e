// AES-256-GCM sealing of short secrets with a 32-byte key: base64 of IV (12) | tag (16) | ciphertext.
// The companion seals passwords and keys with it (main/services/secrets), the portal its TOTP seeds.
import crypto from 'node:crypto';

export interface Sealer {
  seal(plain: string): string;
  /** Throws when the sealed text was changed or sealed with another key. */
  open(sealed: string): string;
}

export function aesGcmSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('A sealing key is 32 bytes.');
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
