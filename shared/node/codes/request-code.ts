// The request code (site -> portal): made by the companion, read by the portal. It carries digests,
// never the System ID or the machine ID themselves, and the installation's X25519 public key, which
// the portal's answer is bound to.
import crypto, { type KeyObject } from 'node:crypto';
import type { CodeResult } from '../../codes/failure.js';
import { REQUEST_FORMAT } from '../../codes/formats.js';
import { packRequest, unpackRequest, type RequestFields } from '../../codes/request-layout.js';
import { formatCode, readCode } from '../../codes/typed.js';
import { machineIdDigest, serverSet, sha256, systemIdDigest } from './digests.js';
import { rawPublicKey } from './keys.js';

export interface RequestCode extends RequestFields {
  /** As shown, typed and put in the QR code: 20 groups of 6 joined by dashes, 139 characters with them. */
  code: string;
  /** The 500 bits as 63 bytes: what a Registration code or token answering it is bound to. */
  bytes: Uint8Array;
}

export interface RequestInput {
  /** The lead's System ID, exact case. */
  systemId: string;
  /** The raw machine ID (node-machine-id); only a domain-separated digest leaves the machine. */
  machineId: string;
  /** The lead and its shadows; the lead is added if missing. */
  serverSystemIds: readonly string[];
  installationPublicKey: KeyObject;
  /** 8 random bytes unless given (tests). */
  nonce?: Uint8Array;
}

const integrity = (covered: Uint8Array) => sha256('BMS-REQUEST-1\0', covered);

export function createRequestCode(input: RequestInput): RequestCode {
  const servers = serverSet([input.systemId, ...input.serverSystemIds]);
  // Plain Uint8Arrays, as decodeRequestCode gives: a made request and a read one compare equal.
  const fields: RequestFields = {
    systemIdDigest: Uint8Array.from(systemIdDigest(input.systemId)),
    machineIdDigest: Uint8Array.from(machineIdDigest(input.machineId)),
    nonce: Uint8Array.from(input.nonce ?? crypto.randomBytes(8)),
    serverCount: servers.count,
    serverSetDigest: Uint8Array.from(servers.digest),
    installationPublicKey: rawPublicKey(input.installationPublicKey),
  };
  const packed = packRequest(fields, integrity);
  return { ...fields, bytes: packed.bytes, code: formatCode(REQUEST_FORMAT, packed.payload) };
}

/** Reads a typed, scanned or pasted request code. */
export function decodeRequestCode(text: string): CodeResult<RequestCode> {
  const read = readCode(text, REQUEST_FORMAT);
  if (!read.ok) return read;
  const fields = unpackRequest(read.value, integrity);
  if (!fields.ok) return fields;
  return { ok: true, value: { ...fields.value, code: formatCode(REQUEST_FORMAT, read.value) } };
}
