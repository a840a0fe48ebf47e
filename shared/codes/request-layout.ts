// The request code's fields (site -> portal), in order. 500 bits = 20 groups = 120 typed characters.
// Digests and the integrity check are computed by the caller (shared/node/codes), which passes them
// in: this module only places bits.
import { BitReader, BitWriter } from './bits.js';
import { codeFailure, CodeInputError, type CodeResult } from './failure.js';
import { REQUEST_FORMAT } from './formats.js';

export const REQUEST_VERSION = 1;

export const REQUEST_BITS = {
  version: 4,
  systemIdDigest: 40,
  machineIdDigest: 40,
  nonce: 64,
  serverCount: 16,
  serverSetDigest: 40,
  installationPublicKey: 256,
  integrity: 40,
} as const;

const TOTAL_BITS = REQUEST_FORMAT.groups * 25;
const COVERED_BITS = TOTAL_BITS - REQUEST_BITS.integrity;

export interface RequestFields {
  systemIdDigest: Uint8Array;
  machineIdDigest: Uint8Array;
  nonce: Uint8Array;
  serverCount: number;
  serverSetDigest: Uint8Array;
  installationPublicKey: Uint8Array;
}

export interface PackedRequest {
  /** The data symbols, ready for formatCode. */
  payload: Uint8Array;
  /** All 500 bits as 63 bytes (the last 4 bits zero): what a Registration code's MAC covers. */
  bytes: Uint8Array;
}

/** `integrity` gets the bytes of every field before it and returns at least 5 bytes. */
export function packRequest(fields: RequestFields, integrity: (covered: Uint8Array) => Uint8Array): PackedRequest {
  const byteFields = ['systemIdDigest', 'machineIdDigest', 'nonce', 'serverSetDigest', 'installationPublicKey'] as const;
  for (const name of byteFields) {
    if (fields[name].length * 8 !== REQUEST_BITS[name]) throw new CodeInputError(`${name} must be ${REQUEST_BITS[name] / 8} bytes.`);
  }
  if (!Number.isInteger(fields.serverCount) || fields.serverCount < 1 || fields.serverCount >= 2 ** REQUEST_BITS.serverCount) {
    throw new CodeInputError(`A request covers 1 to ${2 ** REQUEST_BITS.serverCount - 1} servers, not ${fields.serverCount}.`);
  }
  const writer = new BitWriter(TOTAL_BITS)
    .uint(REQUEST_VERSION, REQUEST_BITS.version)
    .bytes(fields.systemIdDigest)
    .bytes(fields.machineIdDigest)
    .bytes(fields.nonce)
    .uint(fields.serverCount, REQUEST_BITS.serverCount)
    .bytes(fields.serverSetDigest)
    .bytes(fields.installationPublicKey);
  writer.bytes(integrity(writer.toBytes()), REQUEST_BITS.integrity);
  return { payload: writer.toSymbols(), bytes: writer.toBytes() };
}

/** Reads the fields back; `integrity` is the same function packRequest was given. */
export function unpackRequest(payload: Uint8Array, integrity: (covered: Uint8Array) => Uint8Array): CodeResult<RequestFields & { bytes: Uint8Array }> {
  const reader = new BitReader(payload);
  const version = reader.uint(REQUEST_BITS.version);
  if (version !== REQUEST_VERSION) {
    return codeFailure('unsupported_version', `This request code has format version ${version}; this portal reads version ${REQUEST_VERSION}. Check the code, or make the request again with a current BMS Companion.`);
  }
  const fields: RequestFields = {
    systemIdDigest: reader.bytes(REQUEST_BITS.systemIdDigest),
    machineIdDigest: reader.bytes(REQUEST_BITS.machineIdDigest),
    nonce: reader.bytes(REQUEST_BITS.nonce),
    serverCount: reader.uint(REQUEST_BITS.serverCount),
    serverSetDigest: reader.bytes(REQUEST_BITS.serverSetDigest),
    installationPublicKey: reader.bytes(REQUEST_BITS.installationPublicKey),
  };
  const found = reader.bytes(REQUEST_BITS.integrity);
  const expected = integrity(reader.head(COVERED_BITS)).subarray(0, REQUEST_BITS.integrity / 8);
  if (!found.every((byte, i) => byte === expected[i]) || fields.serverCount === 0) {
    return codeFailure('damaged', 'Every group of this request code checks, but the code as a whole does not: two characters in one group may both be mistyped. Compare the code with the one on the site computer, or use its QR code or file.');
  }
  return { ok: true, value: { ...fields, bytes: reader.head(TOTAL_BITS) } };
}

/**
 * The System ID digest a request carries, read without checking its integrity: for an early
 * "is this the request for that System ID?" in the page. The portal checks everything again.
 */
export function requestSystemIdDigest(payload: Uint8Array): Uint8Array {
  const reader = new BitReader(payload);
  reader.uint(REQUEST_BITS.version);
  return reader.bytes(REQUEST_BITS.systemIdDigest);
}
