// The Registration code (portal -> site): the grant plus an 80-bit HMAC-SHA-256 tag. The tag key is
// HKDF-SHA-256 over the X25519 agreement between the installation key (in the request) and the
// portal key, so only the portal and that one installation can compute it: a code made for another
// machine or another request fails. The site side takes public portal keys only.
import crypto, { type KeyObject } from 'node:crypto';
import { codeFailure, CodeInputError, type CodeResult } from '../../codes/failure.js';
import { REGISTRATION_FORMAT } from '../../codes/formats.js';
import { checkTime, type Grant } from '../../codes/grant.js';
import { packRegistration, REGISTRATION_TAG_BITS, unpackRegistration } from '../../codes/registration-layout.js';
import { formatCode, readCode } from '../../codes/typed.js';
import { importRawPublicKey, type PortalPublicKey } from './keys.js';
import type { RequestCode } from './request-code.js';

const TAG_KEY_INFO = 'BMS-Companion Registration code tag key v1';
const TAG_BYTES = REGISTRATION_TAG_BITS / 8;

function tagKey(privateKey: KeyObject, publicKey: KeyObject): Buffer {
  const shared = crypto.diffieHellman({ privateKey, publicKey });
  return Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.alloc(0), TAG_KEY_INFO, 32));
}

/** The MAC covers the request code's exact bytes and every grant field (version included). */
const tag = (key: Buffer, request: Pick<RequestCode, 'bytes'>, covered: Uint8Array) => crypto.createHmac('sha256', key).update(request.bytes).update(covered).digest().subarray(0, TAG_BYTES);

export interface IssueInput {
  request: RequestCode;
  /** grant.keyId names portalX25519PrivateKey. */
  grant: Grant;
  portalX25519PrivateKey: KeyObject;
}

/** Portal side: the 36-character code answering one request. */
export function issueRegistrationCode({ request, grant, portalX25519PrivateKey }: IssueInput): string {
  let key: Buffer;
  try {
    key = tagKey(portalX25519PrivateKey, importRawPublicKey(request.installationPublicKey, 'x25519'));
  } catch {
    throw new CodeInputError('The installation key in this request code cannot be used. Make a new request on the site computer.');
  }
  return formatCode(REGISTRATION_FORMAT, packRegistration(grant, (covered) => tag(key, request, covered)));
}

export interface VerifierInput {
  /** The pending request this site made. */
  request: RequestCode;
  installationPrivateKey: KeyObject;
  portalPublicKeys: readonly PortalPublicKey[];
}

export interface CheckInput {
  code: string;
  now: Date;
  /** The latest time this app has seen (null before the first); raise it after a success. */
  highWaterMark: Date | null;
}

export interface RegistrationVerifier {
  verify(input: CheckInput): CodeResult<Grant>;
}

/**
 * Site side, for one pending request: derives each portal key's tag key once, so checking another
 * attempt costs one HMAC. The grant's serial must still be compared with the last one applied, and
 * the request's nonce consumed, by the caller.
 */
export function createRegistrationVerifier({ request, installationPrivateKey, portalPublicKeys }: VerifierInput): RegistrationVerifier {
  const keys = new Map<number, Buffer>();
  return {
    verify({ code, now, highWaterMark }) {
      const read = readCode(code, REGISTRATION_FORMAT);
      if (!read.ok) return read;
      const unpacked = unpackRegistration(read.value);
      if (!unpacked.ok) return unpacked;
      const { grant, covered } = unpacked.value;
      const portalKey = portalPublicKeys.find((k) => k.keyId === grant.keyId);
      if (!portalKey) return codeFailure('unknown_key', `This Registration code was made with portal key ${grant.keyId}, which this version of BMS Companion does not know. Check the code, or update BMS Companion.`);
      let key = keys.get(grant.keyId);
      if (!key) keys.set(grant.keyId, (key = tagKey(installationPrivateKey, portalKey.x25519)));
      if (!crypto.timingSafeEqual(tag(key, request, covered), unpacked.value.tag)) {
        return codeFailure(
          'not_for_this_request',
          'This Registration code was made for a different request or a different computer. Enter it on the computer that made the request; ' +
            'if a new request was made here since, ask the portal for a code for the request code shown now.',
        );
      }
      return checkTime(grant, now, highWaterMark) ?? { ok: true, value: grant };
    },
  };
}

/** Site side, one code: the full check, key agreement included. */
export const verifyRegistrationCode = ({ code, now, highWaterMark, ...verifier }: VerifierInput & CheckInput): CodeResult<Grant> =>
  createRegistrationVerifier(verifier).verify({ code, now, highWaterMark });
