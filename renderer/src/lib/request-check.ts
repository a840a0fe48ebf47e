// Before anything is registered on the portal: is the request code the one made for this System
// ID? The request code carries the first 40 bits of SHA-256 of the System ID, case kept
// (docs/codes.md, Request code), so a System ID typed with the wrong case is caught here, before a
// registration is made under the wrong ID. The portal checks the same thing again when it issues.
import { requestCodeOf } from '../../../shared/codes/files.js';
import { readCode, REQUEST_FORMAT } from '../../../shared/codes/index.js';
import { requestSystemIdDigest } from '../../../shared/codes/request-layout.js';

export type RequestCheck =
  | { state: 'match' }
  | { state: 'mismatch'; message: string }
  | { state: 'unreadable'; message: string; groups?: number[] }
  /** The page cannot hash (no WebCrypto): the portal checks it when it issues the code. */
  | { state: 'unknown' };

export async function checkRequestAgainst(systemId: string, request: string): Promise<RequestCheck> {
  const read = readCode(requestCodeOf(request), REQUEST_FORMAT);
  if (!read.ok) return { state: 'unreadable', message: read.failure.message, ...(read.failure.groups ? { groups: read.failure.groups } : {}) };
  if (!globalThis.crypto?.subtle) return { state: 'unknown' };
  const carried = requestSystemIdDigest(read.value);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(systemId.trim())));
  if (carried.every((byte, i) => byte === digest[i])) return { state: 'match' };
  return {
    state: 'mismatch',
    message: `This request code was not made for System ID "${systemId.trim()}". System IDs are case-sensitive: check upper and lower case, character by character, against the site computer's screen.`,
  };
}
