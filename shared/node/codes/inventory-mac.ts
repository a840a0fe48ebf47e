// The site's inventory in the request file, under a MAC only the site that made the request and the
// portal can compute: the key comes from the X25519 agreement between the installation key (its
// public half is in the request code) and a portal key, as the Registration code's tag does, but
// with its own HKDF label, and the MAC covers the exact request bytes. So the portal can tell the
// list came with that request, unchanged; whoever edits the file cannot make a new MAC.
import crypto, { type KeyObject } from 'node:crypto';
import { codeFailure, type CodeResult } from '../../codes/failure.js';
import { InventoryInput, type InventoryServer } from '../../portal/inventory.js';
import { importRawPublicKey, type PortalPublicKey } from './keys.js';
import type { RequestCode } from './request-code.js';

const KEY_INFO = 'BMS-Companion inventory MAC key v1';
const MAC_PREFIX = 'BMS-INVENTORY-1\0';
export const INVENTORY_TAG_BYTES = 16;

export interface InventoryMac {
  /** The portal key the agreement was made with. */
  keyId: number;
  tag: Uint8Array;
}

/** JSON with object keys sorted at every level and no white space: one list, one byte string. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The bytes the file carries and the MAC covers: the canonical JSON of `{ servers }`, UTF-8. */
export const inventoryBytes = (servers: readonly InventoryServer[]): Uint8Array => new TextEncoder().encode(canonicalJson({ servers }));

const macKey = (privateKey: KeyObject, publicKey: KeyObject) => Buffer.from(crypto.hkdfSync('sha256', crypto.diffieHellman({ privateKey, publicKey }), Buffer.alloc(0), KEY_INFO, 32));

const tagOf = (key: Buffer, request: Pick<RequestCode, 'bytes'>, inventory: Uint8Array) =>
  crypto.createHmac('sha256', key).update(MAC_PREFIX).update(request.bytes).update(inventory).digest().subarray(0, INVENTORY_TAG_BYTES);

/** Site side: the MAC with one of the portal's public keys (the newest the companion trusts). */
export function inventoryMac(input: { request: Pick<RequestCode, 'bytes'>; inventory: Uint8Array; installationPrivateKey: KeyObject; portalKey: PortalPublicKey }): InventoryMac {
  const key = macKey(input.installationPrivateKey, input.portalKey.x25519);
  return { keyId: input.portalKey.keyId, tag: Uint8Array.from(tagOf(key, input.request, input.inventory)) };
}

/** Portal side, with the private key of the key id the MAC names: whether the inventory came with this request, unchanged. */
export function verifyInventoryMac(input: { request: Pick<RequestCode, 'bytes' | 'installationPublicKey'>; inventory: Uint8Array; mac: InventoryMac; portalX25519PrivateKey: KeyObject }): boolean {
  if (input.mac.tag.length !== INVENTORY_TAG_BYTES) return false;
  let key: Buffer;
  try {
    key = macKey(input.portalX25519PrivateKey, importRawPublicKey(input.request.installationPublicKey, 'x25519'));
  } catch {
    // A key no agreement can be made with (small order): nobody can have made a MAC for it.
    return false;
  }
  return crypto.timingSafeEqual(tagOf(key, input.request, input.inventory), input.mac.tag);
}

/** As the file's `Inventory MAC:` line: `<key id>:<base64url tag>`. */
export const formatInventoryMac = (mac: InventoryMac) => `${mac.keyId}:${Buffer.from(mac.tag).toString('base64url')}`;

export function parseInventoryMac(text: string): InventoryMac | null {
  const match = /^(\d{1,2}):([A-Za-z0-9_-]+)$/.exec(text.trim());
  if (!match) return null;
  const tag = Buffer.from(match[2]!, 'base64url');
  return tag.length === INVENTORY_TAG_BYTES && tag.toString('base64url') === match[2] ? { keyId: Number(match[1]), tag: Uint8Array.from(tag) } : null;
}

/** The servers in inventory bytes, checked against the schema the portal keeps. */
export function readInventory(inventory: Uint8Array): CodeResult<InventoryServer[]> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inventory));
  } catch {
    return codeFailure('bad_file', 'The inventory in this request file is not readable JSON. Save the request file again on the site computer.');
  }
  const parsed = InventoryInput.safeParse(json);
  if (!parsed.success) return codeFailure('bad_file', `The inventory in this request file is not a list of servers: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
  return { ok: true, value: parsed.data.servers };
}
