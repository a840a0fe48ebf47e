// The Registration code's fields (portal -> site): the grant, then a truncated MAC tag.
// 150 bits = 6 groups = 36 typed characters. The MAC itself is computed in shared/node/codes.
import { BitReader, BitWriter } from './bits.js';
import type { CodeResult } from './failure.js';
import { REGISTRATION_FORMAT } from './formats.js';
import { readGrant, writeGrant, type Grant } from './grant.js';

export const REGISTRATION_VERSION = 1;
export const REGISTRATION_TAG_BITS = 80;

const TOTAL_BITS = REGISTRATION_FORMAT.groups * 25;
const COVERED_BITS = TOTAL_BITS - REGISTRATION_TAG_BITS;

export interface UnpackedRegistration {
  grant: Grant;
  /** The bytes of the version and grant fields, as the MAC covers them. */
  covered: Uint8Array;
  tag: Uint8Array;
}

/** `tag` gets the bytes of the version and grant fields and returns at least 10 bytes. */
export function packRegistration(grant: Grant, tag: (covered: Uint8Array) => Uint8Array): Uint8Array {
  const writer = new BitWriter(TOTAL_BITS);
  writeGrant(writer, REGISTRATION_VERSION, grant);
  return writer.bytes(tag(writer.toBytes()), REGISTRATION_TAG_BITS).toSymbols();
}

export function unpackRegistration(payload: Uint8Array): CodeResult<UnpackedRegistration> {
  const reader = new BitReader(payload);
  const grant = readGrant(reader, REGISTRATION_VERSION, REGISTRATION_FORMAT.label);
  if (!grant.ok) return grant;
  return { ok: true, value: { grant: grant.value, covered: reader.head(COVERED_BITS), tag: reader.bytes(REGISTRATION_TAG_BITS) } };
}
