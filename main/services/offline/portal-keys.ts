// The portal public keys this companion accepts Registration codes and tokens from: imported by a
// person from the key file the portal operator publishes (`GET /api/v1/keys`), fingerprints shown.
// Keys are only added, never replaced under the same key id. Only public keys: nothing here can
// mint a code.
import crypto from 'node:crypto';
import { importPortalPublicKeys, rawPublicKey, type PortalPublicKey } from '../../../shared/node/codes/keys.js';
import { CodeInputError } from '../../../shared/codes/failure.js';
import { ServiceError } from '../../../shared/contract/result.js';
import { say } from '../../../shared/messages/say.js';
import type { SiteStore } from '../store/site-store.js';

const SETTING = 'offline.portalKeys';

export class PortalKeyring {
  constructor(private readonly store: SiteStore) {}

  keys(): PortalPublicKey[] {
    const stored = this.store.setting(SETTING);
    return stored ? importPortalPublicKeys(JSON.parse(stored)) : [];
  }

  /** Adds or replaces keys by key id, from the JSON the portal serves at /api/v1/keys. */
  import(json: unknown, source: string): PortalPublicKey[] {
    let incoming: PortalPublicKey[];
    try {
      incoming = importPortalPublicKeys(json);
    } catch (error) {
      const message = error instanceof CodeInputError ? error.message : say('registration.keysUnreadable');
      throw new ServiceError('invalid_input', say('registration.useKeyFile', { problem: message }), [{ path: 'json', message }]);
    }
    if (incoming.length === 0) throw new ServiceError('invalid_input', say('registration.noKeys'), [{ path: 'json', message: say('registration.noKeysIssue') }]);
    const byId = new Map(this.keys().map((k) => [k.keyId, k]));
    for (const key of incoming) {
      const known = byId.get(key.keyId);
      // A trusted key is never replaced in place: that would let anyone with a key file of their own mint codes.
      if (known && fingerprint(known) !== fingerprint(key)) {
        throw new ServiceError('conflict', say('registration.differentKey', { keyId: key.keyId, fingerprint: fingerprint(key), trusted: fingerprint(known) }), [
          { path: 'json', message: say('registration.differentKeyIssue') },
        ]);
      }
      byId.set(key.keyId, key);
    }
    const merged = [...byId.values()].sort((a, b) => a.keyId - b.keyId);
    this.store.setSetting(
      SETTING,
      JSON.stringify(merged.map((k) => ({ keyId: k.keyId, x25519: Buffer.from(rawPublicKey(k.x25519)).toString('base64url'), ed25519: Buffer.from(rawPublicKey(k.ed25519)).toString('base64url') }))),
    );
    this.store.audit('offline.portal-keys-imported', { source, keyIds: incoming.map((k) => k.keyId) });
    return merged;
  }

  views() {
    return this.keys().map((k) => ({ keyId: k.keyId, fingerprint: fingerprint(k) }));
  }
}

/** A short fingerprint a person can compare with the portal operator's. */
export function fingerprint(key: PortalPublicKey): string {
  return crypto
    .createHash('sha256')
    .update(rawPublicKey(key.x25519))
    .update(rawPublicKey(key.ed25519))
    .digest('hex')
    .slice(0, 16)
    .replace(/(.{4})(?!$)/g, '$1 ')
    .toUpperCase();
}
