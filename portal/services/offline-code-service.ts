// Answers offline requests (DOMAIN.md, Offline registration): the request code, typed or from its
// file, is read and checked against the System ID the portal user entered, then answered with a
// Registration code and a signed token bound to that exact request. Every issued code is
// recorded; the same request answered again gets the same code. A version 2 request says what it
// asks for (register or associate) and which System ID an association replaces: both are checked
// here. A request file may carry the site's inventory under a MAC (docs/codes.md), kept when it
// verifies.
import crypto from 'node:crypto';
import QRCode from 'qrcode';
import { dayNumber, dayStart, type GrantKind } from '../../shared/codes/grant.js';
import { CodeInputError } from '../../shared/codes/failure.js';
import { decodeRequestCode, type RequestCode } from '../../shared/node/codes/request-code.js';
import { isRequestFile } from '../../shared/codes/files.js';
import { parseRequestFile, type RequestFileInventory } from '../../shared/node/codes/request-file.js';
import { issueRegistrationCode } from '../../shared/node/codes/registration-code.js';
import { replacedIdMatches, systemIdMatches } from '../../shared/node/codes/digests.js';
import { readInventory, verifyInventoryMac } from '../../shared/node/codes/inventory-mac.js';
import type { InventoryServer } from '../../shared/portal/inventory.js';
import { signToken } from '../../shared/node/codes/token.js';
import type { IssueCodeInput, IssuedCode } from '../../shared/portal/codes.js';
import type { RegistrationView } from '../../shared/portal/systems.js';
import { say } from '../../shared/messages/say.js';
import { PortalHttpError, invalid } from '../http/errors.js';
import type { PortalKeys } from '../keys.js';
import type { AccountRow, IssuedCodeRow, PortalStore } from '../store/store.js';
import type { RegistrationService } from './registration-service.js';

/** How long a Registration code may take to reach the site. */
export const VALIDITY_DAYS = 30;

interface ReadRequest {
  request: RequestCode;
  fileSystemId: string | null;
  inventory: RequestFileInventory | null;
}

function readRequest(text: string): ReadRequest {
  const result = isRequestFile(text) ? parseRequestFile(text) : decodeRequestCode(text);
  if (!result.ok) throw invalid(say('portal.requestNotRight', { reason: result.failure.message }), [{ path: 'request', message: result.failure.message }]);
  return 'request' in result.value
    ? { request: result.value.request, fileSystemId: result.value.systemId, inventory: result.value.inventory ?? null }
    : { request: result.value, fileSystemId: null, inventory: null };
}

/** A version 2 request's own kind, said when the person chose the other: the refusal, and its issue. */
const ASKED: Record<GrantKind, { message: string; issue: string }> = {
  register: { message: say('portal.requestIsToRegister'), issue: say('portal.requestAsksToRegister') },
  associate: { message: say('portal.requestIsToAssociate'), issue: say('portal.requestAsksToAssociate') },
};

/** What to do with a request file's inventory: keep it (its MAC verified), or why not. Nothing else is possible. */
type InventoryOutcome = { keep: InventoryServer[] } | { skip: string; detail: Record<string, unknown> } | null;

export class OfflineCodeService {
  constructor(
    private readonly store: PortalStore,
    private readonly keys: PortalKeys,
    private readonly systems: RegistrationService,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(systemId: string, input: IssueCodeInput, caller: AccountRow): Promise<IssuedCode> {
    const { request, fileSystemId, inventory } = readRequest(input.request);
    // A version 2 request says what it asks for; a version 1 request takes the person's choice.
    if (request.kind && request.kind !== input.kind) throw invalid(ASKED[request.kind].message, [{ path: 'kind', message: ASKED[request.kind].issue }]);
    const inventoryOutcome = this.checkInventory(request, inventory);
    const requestedFor = input.kind === 'associate' ? input.newSystemId : systemId;
    if (!requestedFor) {
      throw invalid(say('portal.enterWipedSystemId'), [{ path: 'newSystemId', message: say('portal.neededToAssociate') }]);
    }
    if (!systemIdMatches(requestedFor, request)) {
      const path = input.kind === 'associate' ? 'newSystemId' : 'systemId';
      const message = fileSystemId
        ? say('portal.requestNotForSystemIdFile', { systemId: requestedFor, fileSystemId })
        : say('portal.requestNotForSystemId', { systemId: requestedFor });
      throw invalid(message, [{ path, message: say('portal.requestDoesNotMatch') }]);
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
      throw new PortalHttpError('conflict', say('portal.answeredForAnother'));
    }
    // An association request names the ID it replaces: it must be this registration's current one
    // (checked after ownership, so a stranger learns nothing). Once answered, the same request may
    // be answered again after the move, and gets the same code.
    if (input.kind === 'associate' && request.version === 2 && !answered && !replacedIdMatches(current.systemId, request)) {
      throw new PortalHttpError('conflict', replacedMessage(current, request), [{ path: 'systemId', message: say('portal.currentSystemIdIs', { systemId: current.systemId }) }]);
    }
    if (input.kind === 'register' && current.systemId !== systemId) {
      throw new PortalHttpError('conflict', say('portal.registerReplacedSystemId', { systemId, current: current.systemId }));
    }
    // For associate, the new ID joins the registration first (once).
    const view = input.kind === 'associate' ? await this.associateOnce(current, systemId, requestedFor, caller) : current;
    const { row, existing } = await this.store.issueCode(
      { registrationId: view.registrationId, kind, systemId: requestedFor, requestDigest, requestCode: request.code, issuedBy: caller.id, issuedAt: issuedAt.toISOString() },
      codesFor,
    );
    if (existing && row.registrationId !== view.registrationId) {
      throw new PortalHttpError('conflict', say('portal.answeredForAnother'));
    }
    // Only for a request answered now: one answered before kept its inventory then, and a newer
    // report (online, or a later request) must not be replaced by this older one.
    if (!existing && inventoryOutcome) await this.keepInventory(view, inventoryOutcome, caller, issuedAt);
    return { ...(await this.present(row)), serverCount: request.serverCount };
  }

  /**
   * The inventory's MAC, checked before anything is written: a file changed after the site made
   * it is refused whole. Without a MAC, or under a key this portal does not hold, nothing can be
   * checked, so the list is not kept (and the audit log says so).
   */
  private checkInventory(request: RequestCode, inventory: RequestFileInventory | null): InventoryOutcome {
    if (!inventory) return null;
    if (!inventory.mac) return { skip: say('portal.inventoryNoMac'), detail: { reason: 'no-mac' } };
    if (inventory.mac.keyId !== this.keys.keyId) {
      return { skip: say('portal.inventoryUnknownKey', { keyId: inventory.mac.keyId }), detail: { reason: 'unknown-key', keyId: inventory.mac.keyId } };
    }
    if (!verifyInventoryMac({ request, inventory: inventory.bytes, mac: inventory.mac, portalX25519PrivateKey: this.keys.x25519.privateKey })) {
      throw invalid(say('portal.inventoryChanged'), [{ path: 'request', message: say('portal.fileChanged') }]);
    }
    const servers = readInventory(inventory.bytes);
    // Made by the site that made the request, yet not a list this portal reads (a newer companion): the code is still issued.
    if (!servers.ok) return { skip: servers.failure.message, detail: { reason: 'unreadable' } };
    return { keep: servers.value };
  }

  /** After the code is issued: the answer's shape is fixed, so the registration's audit log says when no inventory was kept, and why. */
  private async keepInventory(view: RegistrationView, outcome: NonNullable<InventoryOutcome>, caller: AccountRow, at: Date) {
    const note = (action: string, detail: Record<string, unknown>) =>
      this.store.decide(view.systemId, at.toISOString(), () => ({ change: { kind: 'none' }, audit: { accountId: caller.id, action, detail: { systemId: view.systemId, ...detail } } }));
    if (!('keep' in outcome)) return void (await note('system.inventory-unsigned', { why: outcome.skip, ...outcome.detail }));
    try {
      await this.systems.saveOfflineInventory(view.registrationId, outcome.keep, caller.id);
    } catch (error) {
      // The code is issued already and must reach the site: a list the registration cannot take (a
      // shadow another registration holds) is noted, not thrown.
      if (!(error instanceof PortalHttpError)) throw error;
      await note('system.inventory-refused', { why: error.message });
    }
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

/** Which ID an association request should have named, and, when the history knows it, the one it did name. */
function replacedMessage(current: RegistrationView, request: RequestCode): string {
  const named = current.systemIds.find((s) => s.systemId !== current.systemId && replacedIdMatches(s.systemId, request));
  return named ? say('portal.replacesReplaced', { named: named.systemId, current: current.systemId }) : say('portal.replacesOther', { current: current.systemId });
}
