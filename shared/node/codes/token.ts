// The signed token (portal -> site, for QR or file): the grant, signed with the portal's Ed25519
// key over the exact request bytes. Anyone holding the portal's public key can check it, and no
// one without the private key can make one: the strong alternative to the Registration code's MAC.
import crypto, { type KeyObject } from 'node:crypto';
import { codeFailure, type CodeResult } from '../../codes/failure.js';
import { TOKEN_FORMAT } from '../../codes/formats.js';
import { checkTime, type Grant } from '../../codes/grant.js';
import { packToken, REQUEST_HINT_BITS, unpackToken } from '../../codes/token-layout.js';
import { formatCode, readCode } from '../../codes/typed.js';
import { sha256 } from './digests.js';
import type { PortalPublicKey } from './keys.js';
import type { RequestCode } from './request-code.js';
import type { CheckInput } from './registration-code.js';

const SIGNED_PREFIX = 'BMS-TOKEN-1\0';

const requestHint = (request: Pick<RequestCode, 'bytes'>) => sha256(request.bytes).readUIntBE(0, 3) >>> (24 - REQUEST_HINT_BITS);
const signedMessage = (request: Pick<RequestCode, 'bytes'>, covered: Uint8Array) => Buffer.concat([Buffer.from(SIGNED_PREFIX), request.bytes, covered]);

export interface SignInput {
  request: RequestCode;
  /** grant.keyId names portalEd25519PrivateKey. */
  grant: Grant;
  portalEd25519PrivateKey: KeyObject;
}

/** Portal side. */
export const signToken = ({ request, grant, portalEd25519PrivateKey }: SignInput): string =>
  formatCode(TOKEN_FORMAT, packToken(grant, requestHint(request), (covered) => crypto.sign(null, signedMessage(request, covered), portalEd25519PrivateKey)));

export interface TokenCheckInput extends Omit<CheckInput, 'code'> {
  token: string;
  request: RequestCode;
  portalPublicKeys: readonly PortalPublicKey[];
}

/** The order of Ed25519's group: a signature's S (its last 32 bytes, little-endian) is below it. */
const ED25519_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

/** Whether a signature could have come from an Ed25519 signer at all (RFC 8032 section 5.1.7: S < L). */
function wellFormedSignature(signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const s = BigInt(`0x${Buffer.from(signature.subarray(32)).reverse().toString('hex')}`);
  return s < ED25519_ORDER;
}

/** Site side: needs no private key at all. */
export function verifyToken({ token, request, portalPublicKeys, now, highWaterMark }: TokenCheckInput): CodeResult<Grant> {
  const read = readCode(token, TOKEN_FORMAT);
  if (!read.ok) return read;
  const unpacked = unpackToken(read.value);
  if (!unpacked.ok) return unpacked;
  const { grant, covered, signature } = unpacked.value;
  const portalKey = portalPublicKeys.find((k) => k.keyId === grant.keyId);
  if (!portalKey) return codeFailure('unknown_key', `This token was signed with portal key ${grant.keyId}, which this version of BMS Companion does not know. Update BMS Companion.`);
  if (unpacked.value.requestHint !== requestHint(request)) {
    return codeFailure('not_for_this_request', 'This token was made for a different request or a different computer. Use it on the computer that made the request, or ask the portal for a token for the request shown now.');
  }
  if (!crypto.verify(null, signedMessage(request, covered), portalKey.ed25519, signature)) {
    // Every portal starts at key id 1, so a well-formed signature that does not verify is most
    // likely another portal's (a test portal, or keys made again); only a malformed one is surely
    // an edit. The two cannot be told apart further without the other key.
    if (!wellFormedSignature(signature)) {
      return codeFailure('tampered', 'This token is for this request, but its signature is damaged: it has been changed. Use the token exactly as the portal gave it.');
    }
    return codeFailure(
      'tampered',
      `This token is for this request, but it was signed with a different key than this portal's key ${grant.keyId} as this computer knows it: it comes from another portal, or one whose keys were made again (or it was edited). Import the keys of the portal you use (Portal screen), or ask that portal for the token again.`,
    );
  }
  return checkTime(grant, now, highWaterMark) ?? { ok: true, value: grant };
}
