// The signed token's fields (portal -> site, for QR or file): the grant, a short hint of the request
// it answers, and an Ed25519 signature. 600 bits = 24 groups, after the marker group: 25 groups,
// 150 characters. The signature covers the whole request, not only the hint (shared/node/codes).
import { BitReader, BitWriter } from './bits.js';
import type { CodeResult } from './failure.js';
import { TOKEN_FORMAT } from './formats.js';
import { readGrant, writeGrant, type Grant } from './grant.js';

export const TOKEN_VERSION = 1;
/** Enough to tell "made for another request" from "tampered with" in the message. */
export const REQUEST_HINT_BITS = 18;
export const SIGNATURE_BITS = 512;

const TOTAL_BITS = (TOKEN_FORMAT.groups - 1) * 25;
const COVERED_BITS = TOTAL_BITS - SIGNATURE_BITS;

export interface UnpackedToken {
  grant: Grant;
  requestHint: number;
  /** The bytes of every field before the signature. */
  covered: Uint8Array;
  signature: Uint8Array;
}

export function packToken(grant: Grant, requestHint: number, sign: (covered: Uint8Array) => Uint8Array): Uint8Array {
  const writer = new BitWriter(TOTAL_BITS);
  writeGrant(writer, TOKEN_VERSION, grant);
  writer.uint(requestHint, REQUEST_HINT_BITS);
  return writer.bytes(sign(writer.toBytes()), SIGNATURE_BITS).toSymbols();
}

export function unpackToken(payload: Uint8Array): CodeResult<UnpackedToken> {
  const reader = new BitReader(payload);
  const grant = readGrant(reader, TOKEN_VERSION, TOKEN_FORMAT.label);
  if (!grant.ok) return grant;
  const requestHint = reader.uint(REQUEST_HINT_BITS);
  return { ok: true, value: { grant: grant.value, requestHint, covered: reader.head(COVERED_BITS), signature: reader.bytes(SIGNATURE_BITS) } };
}
