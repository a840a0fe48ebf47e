// Secrets sealed by the OS keychain through Electron's safeStorage (DPAPI, Keychain, libsecret).
// Where the OS offers no real encryption (a Linux session without a keyring) the key file is used;
// secrets sealed either way can still be opened, so a keyring appearing later loses nothing.
import { safeStorage } from 'electron';
import { fileSecretBox, type SecretBox } from '../services/secrets/secret-box.js';

const PREFIX = 'os1:';

export function safeStorageBox(dataDir: string): SecretBox {
  const file = fileSecretBox(dataDir);
  const available = safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  if (!available) return file;
  return {
    kind: 'os-keychain',
    seal: (plain) => PREFIX + safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => (sealed.startsWith(PREFIX) ? safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64')) : file.open(sealed)),
  };
}
