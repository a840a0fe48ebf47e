// Before anything is registered on the portal: is the request code the one made for this System
// ID? The request code carries the first 40 bits of SHA-256 of the System ID, case kept
// (docs/codes.md, Request code), so a System ID typed with the wrong case is caught here, before a
// registration is made under the wrong ID. A version 2 request also says what it asks for and,
// for an association, carries a digest of the System ID it replaces: the old ID cannot be read
// from it, but the one typed can be checked against it. The portal checks all of it again.
import { requestCodeOf } from '../../../shared/codes/files.js';
import { readCodeIn, REQUEST_FORMATS } from '../../../shared/codes/index.js';
import { REPLACED_ID_LABEL, requestKindOf, requestSystemIdDigest, type RequestKind } from '../../../shared/codes/request-layout.js';
import { normalizeSystemId } from '../../../shared/domain/server.js';
import { codeMessage, replacedMismatchMessage, requestMismatchMessage } from '../i18n/codes.js';

export type RequestCheck =
  | { state: 'match' }
  | { state: 'mismatch'; message: string }
  | { state: 'unreadable'; message: string; groups?: number[] }
  /** The page cannot hash (no WebCrypto), or the request does not carry it (version 1): the portal checks it when it issues the code. */
  | { state: 'unknown' };

const digestOf = async (...parts: string[]) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join(''))));
const startsWith = (digest: Uint8Array, carried: Uint8Array) => carried.every((byte, i) => byte === digest[i]);

function read(request: string) {
  const code = requestCodeOf(request);
  const result = readCodeIn(code, REQUEST_FORMATS);
  if (result.ok) return { ok: true as const, payload: result.value.payload };
  const message = codeMessage(result.failure, { text: code, formats: REQUEST_FORMATS });
  return { ok: false as const, check: { state: 'unreadable' as const, message, ...(result.failure.groups ? { groups: result.failure.groups } : {}) } };
}

export async function checkRequestAgainst(systemId: string, request: string): Promise<RequestCheck> {
  const code = read(request);
  if (!code.ok) return code.check;
  if (!globalThis.crypto?.subtle) return { state: 'unknown' };
  if (startsWith(await digestOf(normalizeSystemId(systemId)), requestSystemIdDigest(code.payload))) return { state: 'match' };
  return { state: 'mismatch', message: requestMismatchMessage(systemId) };
}

/** What a complete version 2 request asks for, read from the typed code; null for version 1, or while it does not read yet. */
export function requestKind(request: string): RequestKind | null {
  const code = read(request);
  return code.ok ? (requestKindOf(code.payload)?.kind ?? null) : null;
}

/** For an association request: is `systemId` the registered ID it replaces? */
export async function checkReplacedAgainst(systemId: string, request: string): Promise<RequestCheck> {
  const code = read(request);
  if (!code.ok) return code.check;
  const asked = requestKindOf(code.payload);
  if (!asked || asked.kind !== 'associate' || !globalThis.crypto?.subtle) return { state: 'unknown' };
  if (startsWith(await digestOf(REPLACED_ID_LABEL, normalizeSystemId(systemId)), asked.replacedIdDigest)) return { state: 'match' };
  return { state: 'mismatch', message: replacedMismatchMessage(systemId) };
}
