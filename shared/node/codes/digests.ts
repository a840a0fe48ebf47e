// The digests a request code carries instead of the values themselves: short enough to type, long
// enough that a wrong System ID or server set is caught (2^-40 chance of a false match).
import crypto from 'node:crypto';
import { REPLACED_ID_LABEL } from '../../codes/request-layout.js';
import { normalizeSystemId } from '../../domain/server.js';

export const DIGEST_BYTES = 5;

export const sha256 = (...parts: (Uint8Array | string)[]) => {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/**
 * The System ID is case-sensitive: surrounding white space is dropped and it is taken in NFC, never
 * a change of case. The same rule as the portal's and the contract's SystemId schema, so the digest
 * a site computes and the ID the portal compares agree for any spelling of the same characters.
 */
export { normalizeSystemId };

export const systemIdDigest = (systemId: string) => sha256(normalizeSystemId(systemId)).subarray(0, DIGEST_BYTES);

/** Domain-separated, so the digest of a machine ID here matches no other use of that ID. */
export const machineIdDigest = (machineId: string) => sha256('BMS-Companion machine id v1\0', machineId).subarray(0, DIGEST_BYTES);

/**
 * The System ID an association replaces (request code version 2). Domain-separated, so it never
 * equals the System ID digest of the same ID: the two fields cannot be swapped for each other.
 */
export const replacedIdDigest = (systemId: string) => sha256(REPLACED_ID_LABEL, normalizeSystemId(systemId)).subarray(0, DIGEST_BYTES);

/** The lead and its shadows as a set: order and repeats do not matter. JSON keeps the join unambiguous. */
export function serverSet(systemIds: readonly string[]): { count: number; digest: Buffer } {
  const unique = [...new Set(systemIds.map(normalizeSystemId))].sort();
  return { count: unique.length, digest: sha256(JSON.stringify(unique)).subarray(0, DIGEST_BYTES) };
}

/** Whether a System ID typed at the portal is the one the request was made for, exact case. */
export const systemIdMatches = (systemId: string, request: { systemIdDigest: Uint8Array }) => systemIdDigest(systemId).equals(request.systemIdDigest);

/** Whether an association request replaces this System ID, exact case; false for a register or version 1 request. */
export const replacedIdMatches = (systemId: string, request: { kind: string | null; replacedIdDigest: Uint8Array | null }) =>
  request.kind === 'associate' && request.replacedIdDigest !== null && replacedIdDigest(systemId).equals(request.replacedIdDigest);

/** Whether the portal's list of the lead and its shadows is the set the site saw. */
export function serverSetMatches(systemIds: readonly string[], request: { serverCount: number; serverSetDigest: Uint8Array }): boolean {
  const set = serverSet(systemIds);
  return set.count === request.serverCount && set.digest.equals(request.serverSetDigest);
}
