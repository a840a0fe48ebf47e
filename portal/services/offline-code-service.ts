// Answers offline requests (DOMAIN.md, Offline registration): the request code, typed or from its
// file, is read and checked against the System ID the portal user entered, then answered with a
// Registration code and a signed token bound to that exact request. Every issued code is
// recorded; the same request answered again gets the same code.
import crypto from 'node:crypto';
import QRCode from 'qrcode';
import { dayNumber, dayStart, type GrantKind } from '../../shared/codes/grant.js';
import { CodeInputError } from '../../shared/codes/failure.js';
import { decodeRequestCode, type RequestCode } from '../../shared/node/codes/request-code.js';
import { parseRequestFile, REQUEST_FILE_HEADER } from '../../shared/node/codes/request-file.js';
import { issueRegistrationCode } from '../../shared/node/codes/registration-code.js';
import { systemIdMatches } from '../../shared/node/codes/digests.js';
import { signToken } from '../../shared/node/codes/token.js';
import type { IssueCodeInput, IssuedCode } from '../../shared/portal/codes.js';
import { PortalHttpError, invalid } from '../http/errors.js';
import type { PortalKeys } from '../keys.js';
import type { AccountRow, IssuedCodeRow, PortalStore } from '../store/store.js';
import type { RegistrationService } from './registration-service.js';

/** How long a Registration code may take to reach the site. */
export const VALIDITY_DAYS = 30;

function readRequest(text: string): { request: RequestCode; fileSystemId: string | null } {
  const fromFile = text.trimStart().startsWith(REQUEST_FILE_HEADER.slice(0, 11));
  const result = fromFile ? parseRequestFile(text) : decodeRequestCode(text);
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
    // The caller must be an owner; for associate, the new ID joins the registration first.
    const view =
      input.kind === 'associate'
        ? await this.associateOnce(systemId, requestedFor, caller)
        : await this.systems.get(systemId, caller);

    const issuedAt = new Date(this.now());
    const kind: GrantKind = input.kind;
    const { row, existing } = await this.store.issueCode(
      {
        registrationId: view.registrationId,
        kind,
        systemId: requestedFor,
        requestDigest: crypto.createHash('sha256').update(request.bytes).digest('base64url'),
        requestCode: request.code,
        issuedBy: caller.id,
        issuedAt: issuedAt.toISOString(),
      },
      (serial) => {
        const grant = { kind, issueDay: dayNumber(issuedAt), validityDays: VALIDITY_DAYS, serial, keyId: this.keys.keyId };
        try {
          return {
            registrationCode: issueRegistrationCode({ request, grant, portalX25519PrivateKey: this.keys.x25519.privateKey }),
            token: signToken({ request, grant, portalEd25519PrivateKey: this.keys.ed25519.privateKey }),
            validUntil: dayStart(grant.issueDay + VALIDITY_DAYS).toISOString(),
          };
        } catch (error) {
          if (error instanceof CodeInputError) throw invalid(error.message, [{ path: 'request', message: error.message }]);
          throw error;
        }
      },
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

  private async associateOnce(systemId: string, newSystemId: string, caller: AccountRow) {
    const current = await this.systems.get(systemId, caller);
    if (current.systemIds.some((s) => s.systemId === newSystemId)) return current;
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
