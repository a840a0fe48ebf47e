// Answers offline requests (DOMAIN.md, Offline registration): the request code, typed or from its
// file, is read and checked against the System ID the portal user entered, then answered with a
// Registration code and a signed token bound to that exact request. Every issued code is
// recorded; the same request answered again gets the same code.
import crypto from 'node:crypto';
import QRCode from 'qrcode';
import { dayNumber, dayStart, type GrantKind } from '../../shared/codes/grant.js';
import { CodeInputError } from '../../shared/codes/failure.js';
import { decodeRequestCode, type RequestCode } from '../../shared/node/codes/request-code.js';
import { isRequestFile } from '../../shared/codes/files.js';
import { parseRequestFile } from '../../shared/node/codes/request-file.js';
import { issueRegistrationCode } from '../../shared/node/codes/registration-code.js';
import { systemIdMatches } from '../../shared/node/codes/digests.js';
import { signToken } from '../../shared/node/codes/token.js';
import type { IssueCodeInput, IssuedCode } from '../../shared/portal/codes.js';
import type { RegistrationView } from '../../shared/portal/systems.js';
import { PortalHttpError, invalid } from '../http/errors.js';
import type { PortalKeys } from '../keys.js';
import type { AccountRow, IssuedCodeRow, PortalStore } from '../store/store.js';
import type { RegistrationService } from './registration-service.js';

/** How long a Registration code may take to reach the site. */
export const VALIDITY_DAYS = 30;

function readRequest(text: string): { request: RequestCode; fileSystemId: string | null } {
  const result = isRequestFile(text) ? parseRequestFile(text) : decodeRequestCode(text);
  if (!result.ok) throw invalid(`The request code is not right: ${result.failure.message}`, [{ path: 'request', message: result.failure.message }]);
  return 'request' in result.value ? { request: result.value.request, fileSystemId: result.value.systemId } : { request: result.value, fileSystemId: null };
}

export class OfflineCodeService {
  constructor(
    private readonly store: PortalStore,
    private readonly keys: PortalKeys,
    private readonly systems: RegistrationService,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(systemId: string, input: IssueCodeInput, caller: AccountRow): Promise<IssuedCode> {
    const { request, fileSystemId } = readRequest(input.request);
    const requestedFor = input.kind === 'associate' ? input.newSystemId : systemId;
    if (!requestedFor) {
      throw invalid('Enter the new System ID the wiped server shows now.', [{ path: 'newSystemId', message: 'Needed to associate a new System ID.' }]);
    }
    if (!systemIdMatches(requestedFor, request)) {
      const path = input.kind === 'associate' ? 'newSystemId' : 'systemId';
      const hint = fileSystemId ? ` The request file says it is for "${fileSystemId}".` : '';
      throw invalid(
        `This request code was not made for System ID "${requestedFor}". System IDs are case-sensitive: check upper and lower case against the site's screen.${hint}`,
        [{ path, message: 'Does not match the request code: check upper and lower case.' }],
      );
    }
    const issuedAt = new Date(this.now());
    const kind: GrantKind = input.kind;
    const grantFor = (serial: number) => ({ kind, issueDay: dayNumber(issuedAt), validityDays: VALIDITY_DAYS, serial, keyId: this.keys.keyId });
    const codesFor = (serial: number) => {
      try {
        return {
          registrationCode: issueRegistrationCode({ request, grant: grantFor(serial), portalX25519PrivateKey: this.keys.x25519.privateKey }),
          token: signToken({ request, grant: grantFor(serial), portalEd25519PrivateKey: this.keys.ed25519.privateKey }),
          validUntil: dayStart(dayNumber(issuedAt) + VALIDITY_DAYS).toISOString(),
        };
      } catch (error) {
        if (error instanceof CodeInputError) throw invalid(error.message, [{ path: 'request', message: error.message }]);
        throw error;
      }
    };
    // Everything that can refuse is checked before anything is written: the request's key can be
    // answered, and a request answered before belongs to this system.
    codesFor(0);
    const requestDigest = crypto.createHash('sha256').update(request.bytes).digest('base64url');
    const answered = await this.store.codeForRequest(requestDigest);
    const current = await this.systems.get(systemId, caller);
    if (answered && answered.registrationId !== current.registrationId) {
      throw new PortalHttpError('conflict', 'This request was answered already for another system. Make a new request on the site computer.');
    }
    if (input.kind === 'register' && current.systemId !== systemId) {
      throw new PortalHttpError('conflict', `System ID "${systemId}" was replaced by ${current.systemId} after a database wipe: a code for the old ID would register a database that no longer exists. Make the request on the server as it is now.`);
    }
    // For associate, the new ID joins the registration first (once).
    const view = input.kind === 'associate' ? await this.associateOnce(current, systemId, requestedFor, caller) : current;
    const { row, existing } = await this.store.issueCode(
      { registrationId: view.registrationId, kind, systemId: requestedFor, requestDigest, requestCode: request.code, issuedBy: caller.id, issuedAt: issuedAt.toISOString() },
      codesFor,
    );
    if (existing && row.registrationId !== view.registrationId) {
      throw new PortalHttpError('conflict', 'This request was answered already for another system. Make a new request on the site computer.');
    }
    return { ...(await this.present(row)), serverCount: request.serverCount };
  }

  async list(systemId: string, caller: AccountRow) {
    const view = await this.systems.get(systemId, caller);
    const rows = await this.store.codesOf(view.registrationId);
    return rows.map(({ serial, kind, systemId: id, registrationCode, token, issuedAt, validUntil }) => ({ serial, kind, systemId: id, registrationCode, token, issuedAt, validUntil }));
  }

  private async associateOnce(current: RegistrationView, systemId: string, newSystemId: string, caller: AccountRow) {
    if (current.systemId === newSystemId) return current;
    return this.systems.associate(systemId, newSystemId, caller);
  }

  private async present(row: IssuedCodeRow): Promise<Omit<IssuedCode, 'serverCount'>> {
    return {
      serial: row.serial,
      kind: row.kind,
      systemId: row.systemId,
      registrationCode: row.registrationCode,
      token: row.token,
      tokenQrSvg: await QRCode.toString(row.token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      issuedAt: row.issuedAt,
      validUntil: row.validUntil,
    };
  }
}
