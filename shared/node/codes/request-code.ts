// The request code (site -> portal): made by the companion, read by the portal. It carries digests,
// never the System ID or the machine ID themselves, and the installation's X25519 public key, which
// the portal's answer is bound to. The companion makes version 2 (with the kind and, for an
// association, the replaced System ID's digest); version 1 is still read.
import crypto, { type KeyObject } from 'node:crypto';
import { CodeInputError, type CodeResult } from '../../codes/failure.js';
import { REQUEST_FORMAT, REQUEST_FORMAT_V1, REQUEST_FORMATS } from '../../codes/formats.js';
import { packRequest, unpackRequest, type RequestFields, type RequestKind, type RequestVersion } from '../../codes/request-layout.js';
import { formatCode, readCodeIn } from '../../codes/typed.js';
import { DIGEST_BYTES, machineIdDigest, replacedIdDigest, serverSet, sha256, systemIdDigest } from './digests.js';
import { rawPublicKey } from './keys.js';

export interface RequestCode extends RequestFields {
  /** As shown, typed and put in the QR code: 22 groups of 6 joined by dashes (20 for version 1). */
  code: string;
  /** Every bit as bytes (69 for version 2, 63 for version 1): what a Registration code or token answering it is bound to. */
  bytes: Uint8Array;
}

export interface RequestInput {
  /** The lead's System ID, exact case: for associate, the new one the wiped server shows. */
  systemId: string;
  /** The raw machine ID (node-machine-id); only a domain-separated digest leaves the machine. */
  machineId: string;
  /** The lead and its shadows; the lead is added if missing. */
  serverSystemIds: readonly string[];
  installationPublicKey: KeyObject;
  /** Register unless given. */
  kind?: RequestKind;
  /** For associate: the registered System ID the new one replaces. */
  replacesSystemId?: string | null;
  /** 8 random bytes unless given (tests). */
  nonce?: Uint8Array;
  /** 2 unless given; 1 only to test that old requests are still read. */
  version?: RequestVersion;
}

/** Each version's own domain label: a version 1 check never passes for version 2 bits. */
const integrity = (covered: Uint8Array, version: RequestVersion) => sha256(`BMS-REQUEST-${version}\0`, covered);

export function createRequestCode(input: RequestInput): RequestCode {
  const version = input.version ?? 2;
  const kind = input.kind ?? 'register';
  const replaces = input.replacesSystemId?.trim() || null;
  if (kind === 'associate' && !replaces) throw new CodeInputError('An association request names the registered System ID it replaces.');
  if (kind === 'register' && replaces) throw new CodeInputError('A register request replaces no System ID.');
  if (version === 1 && kind === 'associate') throw new CodeInputError('A version 1 request cannot carry an association.');
  const servers = serverSet([input.systemId, ...input.serverSystemIds]);
  // Plain Uint8Arrays, as decodeRequestCode gives: a made request and a read one compare equal.
  const fields: RequestFields = {
    version,
    kind: version === 1 ? null : kind,
    systemIdDigest: Uint8Array.from(systemIdDigest(input.systemId)),
    machineIdDigest: Uint8Array.from(machineIdDigest(input.machineId)),
    nonce: Uint8Array.from(input.nonce ?? crypto.randomBytes(8)),
    serverCount: servers.count,
    serverSetDigest: Uint8Array.from(servers.digest),
    replacedIdDigest: version === 1 ? null : replaces ? Uint8Array.from(replacedIdDigest(replaces)) : new Uint8Array(DIGEST_BYTES),
    installationPublicKey: rawPublicKey(input.installationPublicKey),
  };
  const packed = packRequest(fields, integrity);
  return { ...fields, bytes: packed.bytes, code: formatCode(version === 1 ? REQUEST_FORMAT_V1 : REQUEST_FORMAT, packed.payload) };
}

/** Reads a typed, scanned or pasted request code of either version. */
export function decodeRequestCode(text: string): CodeResult<RequestCode> {
  const read = readCodeIn(text, REQUEST_FORMATS);
  if (!read.ok) return read;
  const fields = unpackRequest(read.value.payload, integrity);
  if (!fields.ok) return fields;
  return { ok: true, value: { ...fields.value, code: formatCode(read.value.format, read.value.payload) } };
}
