// This installation's identity for offline codes: an X25519 key pair made on first run, its
// private half sealed (OS keychain under Electron, 0600 key file elsewhere) and never shown; and
// the machine ID, of which only a digest ever leaves the machine (in the request code).
import type { KeyObject } from 'node:crypto';
import crypto from 'node:crypto';
import machineIdPackage from 'node-machine-id';
import { exportPrivateKey, generateInstallationKeys, importPrivateKey } from '../../../shared/node/codes/keys.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { SiteStore } from '../store/site-store.js';

const KEY_SETTING = 'offline.installationKey';
const FALLBACK_MACHINE_ID = 'offline.fallbackMachineId';

export interface Installation {
  privateKey: KeyObject;
  publicKey: KeyObject;
  machineId: string;
}

export function loadInstallation(store: SiteStore, secrets: SecretBox): Installation {
  let sealed = store.setting(KEY_SETTING);
  if (!sealed) {
    const fresh = generateInstallationKeys();
    sealed = secrets.seal(Buffer.from(exportPrivateKey(fresh.privateKey)).toString('base64'));
    store.setSetting(KEY_SETTING, sealed);
    store.audit('offline.installation-key-made', {});
  }
  const privateKey = importPrivateKey(Buffer.from(secrets.open(sealed), 'base64'), 'x25519');
  return { privateKey, publicKey: crypto.createPublicKey(privateKey), machineId: machineId(store) };
}

/** The OS's machine ID; where the OS has none to give (some containers), one made here and kept. */
function machineId(store: SiteStore): string {
  try {
    return machineIdPackage.machineIdSync(true);
  } catch {
    let fallback = store.setting(FALLBACK_MACHINE_ID);
    if (!fallback) store.setSetting(FALLBACK_MACHINE_ID, (fallback = crypto.randomUUID()));
    return fallback;
  }
}
