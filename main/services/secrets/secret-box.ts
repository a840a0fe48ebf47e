// Secrets (server passwords, portal sessions, keys) are sealed before they touch the database.
// Under Electron the host passes a box backed by safeStorage (the OS keychain); elsewhere the key
// is a file readable only by the user.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { aesGcmSealer } from '../../../shared/node/seal.js';
import { say } from '../../../shared/messages/say.js';

export interface SecretBox {
  /** Where the key lives, for the About screen and troubleshooting. */
  readonly kind: 'os-keychain' | 'key-file';
  seal(plain: string): string;
  open(sealed: string): string;
}

const PREFIX = 'v1:';

/** AES-256-GCM with a random key kept in a 0600 file beside the database. */
export function fileSecretBox(dataDir: string): SecretBox {
  const file = path.join(dataDir, 'secret.key');
  let key: Buffer;
  if (fs.existsSync(file)) {
    key = fs.readFileSync(file);
    if (key.length !== 32) throw new Error(say('site.keyFileWrong', { file }));
  } else {
    fs.mkdirSync(dataDir, { recursive: true });
    key = crypto.randomBytes(32);
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  }
  const sealer = aesGcmSealer(key);
  return {
    kind: 'key-file',
    seal: (plain) => PREFIX + sealer.seal(plain),
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error(say('site.notSealedHere'));
      return sealer.open(sealed.slice(PREFIX.length));
    },
  };
}
