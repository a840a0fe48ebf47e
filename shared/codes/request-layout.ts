// The request code's fields (site -> portal), in order. Version 2 (550 bits = 22 groups) adds the
// kind (register or associate) and a digest of the System ID an association replaces; version 1
// (500 bits = 20 groups) is still read, for a request a site made before. The version is told by
// the length first (readCodeIn), then by the version field. Digests and the integrity check are
// computed by the caller (shared/node/codes), which passes them in: this module only places bits.
import { BitReader, BitWriter } from './bits.js';
import { codeFailure, CodeInputError, type CodeResult } from './failure.js';
import { REQUEST_FORMAT, REQUEST_FORMAT_V1, type CodeFormat } from './formats.js';

export const REQUEST_VERSION = 2;
export type RequestVersion = 1 | 2;
export const REQUEST_KINDS = ['register', 'associate'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** The domain label of the replaced System ID's digest (shared/node/codes/digests.ts), here so the page can compute it too. */
export const REPLACED_ID_LABEL = 'BMS-Companion replaced system id v1\0';

export const REQUEST_BITS = {
  version: 4,
  /** Version 2 only: 0 register, 1 associate. */
  kind: 1,
  systemIdDigest: 40,
  machineIdDigest: 40,
  nonce: 64,
  serverCount: 16,
  serverSetDigest: 40,
  /** Version 2 only: zero for register. */
  replacedIdDigest: 40,
  installationPublicKey: 256,
  /** Version 2 only: written zero, and refused when not (room for a later version). */
  spare: 9,
  integrity: 40,
} as const;

const FORMATS: Record<RequestVersion, CodeFormat> = { 1: REQUEST_FORMAT_V1, 2: REQUEST_FORMAT };
const totalBits = (version: RequestVersion) => FORMATS[version].groups * 25;
/** The integrity check covers every bit before it. */
const coveredBits = (version: RequestVersion) => totalBits(version) - REQUEST_BITS.integrity;

export interface RequestFields {
  version: RequestVersion;
  /** What the request asks for; null for version 1, which does not say (the portal user chooses). */
  kind: RequestKind | null;
  systemIdDigest: Uint8Array;
  machineIdDigest: Uint8Array;
  nonce: Uint8Array;
  serverCount: number;
  serverSetDigest: Uint8Array;
  /** For an associate request, the digest of the System ID it replaces; zeros for register; null for version 1. */
  replacedIdDigest: Uint8Array | null;
  installationPublicKey: Uint8Array;
}

export interface PackedRequest {
  /** The data symbols, ready for formatCode. */
  payload: Uint8Array;
  /** Every bit as bytes, the last one zero-padded (63 bytes for version 1, 69 for 2): what a Registration code's MAC covers. */
  bytes: Uint8Array;
}

/** Gets the version and the bytes of every field before the check, returns at least 5 bytes. */
export type RequestIntegrity = (covered: Uint8Array, version: RequestVersion) => Uint8Array;

const zero = (bytes: Uint8Array) => bytes.every((b) => b === 0);

function checkFields(fields: RequestFields) {
  const byteFields = ['systemIdDigest', 'machineIdDigest', 'nonce', 'serverSetDigest', 'installationPublicKey'] as const;
  for (const name of byteFields) {
    if (fields[name].length * 8 !== REQUEST_BITS[name]) throw new CodeInputError(`${name} must be ${REQUEST_BITS[name] / 8} bytes.`);
  }
  if (!Number.isInteger(fields.serverCount) || fields.serverCount < 1 || fields.serverCount >= 2 ** REQUEST_BITS.serverCount) {
    throw new CodeInputError(`A request covers 1 to ${2 ** REQUEST_BITS.serverCount - 1} servers, not ${fields.serverCount}.`);
  }
  if (fields.version === 1) {
    if (fields.kind !== null || fields.replacedIdDigest !== null) throw new CodeInputError('A version 1 request carries neither a kind nor a replaced System ID.');
    return;
  }
  if (fields.version !== 2 || !REQUEST_KINDS.includes(fields.kind!)) throw new CodeInputError(`Cannot make a version ${fields.version} request of kind ${String(fields.kind)}.`);
  if (fields.replacedIdDigest?.length !== REQUEST_BITS.replacedIdDigest / 8) throw new CodeInputError('replacedIdDigest must be 5 bytes.');
  if (fields.kind === 'register' && !zero(fields.replacedIdDigest)) throw new CodeInputError('A register request replaces no System ID: its digest must be zero.');
}

export function packRequest(fields: RequestFields, integrity: RequestIntegrity): PackedRequest {
  checkFields(fields);
  const { version } = fields;
  const writer = new BitWriter(totalBits(version)).uint(version, REQUEST_BITS.version);
  // Version 1's bits stay exactly as they were: a pending version 1 request keeps its bytes.
  if (version === 2) writer.uint(fields.kind === 'associate' ? 1 : 0, REQUEST_BITS.kind);
  writer.bytes(fields.systemIdDigest).bytes(fields.machineIdDigest).bytes(fields.nonce).uint(fields.serverCount, REQUEST_BITS.serverCount).bytes(fields.serverSetDigest);
  if (version === 2) writer.bytes(fields.replacedIdDigest!);
  writer.bytes(fields.installationPublicKey);
  if (version === 2) writer.uint(0, REQUEST_BITS.spare);
  writer.bytes(integrity(writer.toBytes(), version), REQUEST_BITS.integrity);
  return { payload: writer.toSymbols(), bytes: writer.toBytes() };
}

const versionOf = (payload: Uint8Array): number => payload[0]! >> 1;
const versionByLength = (payload: Uint8Array): RequestVersion | null => (payload.length === 110 ? 2 : payload.length === 100 ? 1 : null);

const damaged = () =>
  codeFailure(
    'damaged',
    'Every group of this request code checks, but the code as a whole does not: two characters in one group may both be mistyped. Compare the code with the one on the site computer, or use its QR code or file.',
  );

/** Reads the fields back; `integrity` is the same function packRequest was given. */
export function unpackRequest(payload: Uint8Array, integrity: RequestIntegrity): CodeResult<RequestFields & { bytes: Uint8Array }> {
  const byLength = versionByLength(payload);
  if (!byLength) throw new CodeInputError(`A request code holds 100 or 110 data symbols, not ${payload.length}.`);
  const version = versionOf(payload);
  if (byLength === 1 && version === 2) {
    // The first 20 groups of a version 2 code: each checks on its own, so only the version tells.
    return codeFailure('wrong_length', `This request code has 20 groups, but it is a newer request code of ${REQUEST_FORMAT.groups} groups: groups 21 and 22 are missing. Copy the whole code.`, [21, 22]);
  }
  if (version !== byLength) {
    if (version === 1 || version === 2) return damaged();
    return codeFailure('unsupported_version', `This request code has format version ${version}; this portal reads versions 1 and 2. Check the code, or make the request again with a current BMS Companion.`);
  }
  const reader = new BitReader(payload);
  reader.uint(REQUEST_BITS.version);
  const kindBit = version === 2 ? reader.uint(REQUEST_BITS.kind) : null;
  const systemIdDigest = reader.bytes(REQUEST_BITS.systemIdDigest);
  const machineIdDigest = reader.bytes(REQUEST_BITS.machineIdDigest);
  const nonce = reader.bytes(REQUEST_BITS.nonce);
  const serverCount = reader.uint(REQUEST_BITS.serverCount);
  const serverSetDigest = reader.bytes(REQUEST_BITS.serverSetDigest);
  const replacedIdDigest = version === 2 ? reader.bytes(REQUEST_BITS.replacedIdDigest) : null;
  const installationPublicKey = reader.bytes(REQUEST_BITS.installationPublicKey);
  const spare = version === 2 ? reader.uint(REQUEST_BITS.spare) : 0;
  const found = reader.bytes(REQUEST_BITS.integrity);
  const expected = integrity(reader.head(coveredBits(version)), version).subarray(0, REQUEST_BITS.integrity / 8);
  if (!found.every((byte, i) => byte === expected[i]) || serverCount === 0) return damaged();
  if (spare !== 0) return codeFailure('unsupported_version', 'This request code carries something this version of the portal does not know. Update the portal, or make the request again with the BMS Companion the portal expects.');
  const kind: RequestKind | null = kindBit === null ? null : kindBit ? 'associate' : 'register';
  // Only a program, never a typo, makes a register request that names a replaced ID: refused all the same.
  if (kind === 'register' && !zero(replacedIdDigest!)) return damaged();
  const fields: RequestFields = { version, kind, systemIdDigest, machineIdDigest, nonce, serverCount, serverSetDigest, replacedIdDigest, installationPublicKey };
  return { ok: true, value: { ...fields, bytes: reader.head(totalBits(version)) } };
}

/**
 * The System ID digest a request carries, read without checking its integrity: for an early
 * "is this the request for that System ID?" in the page. The portal checks everything again.
 */
export function requestSystemIdDigest(payload: Uint8Array): Uint8Array {
  const reader = new BitReader(payload);
  if (reader.uint(REQUEST_BITS.version) === 2) reader.uint(REQUEST_BITS.kind);
  return reader.bytes(REQUEST_BITS.systemIdDigest);
}

/** What a version 2 request asks for and the digest of the ID it replaces, unchecked (as above); null for version 1. */
export function requestKindOf(payload: Uint8Array): { kind: RequestKind; replacedIdDigest: Uint8Array } | null {
  const reader = new BitReader(payload);
  if (reader.uint(REQUEST_BITS.version) !== 2 || versionByLength(payload) !== 2) return null;
  const kind = reader.uint(REQUEST_BITS.kind) ? 'associate' : 'register';
  reader.bytes(REQUEST_BITS.systemIdDigest + REQUEST_BITS.machineIdDigest + REQUEST_BITS.nonce + REQUEST_BITS.serverCount + REQUEST_BITS.serverSetDigest);
  return { kind, replacedIdDigest: reader.bytes(REQUEST_BITS.replacedIdDigest) };
}
