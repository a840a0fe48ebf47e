// Registering and modifying systems by System ID, with the rules of DOMAIN.md (Registration):
// one integrator account (Branch or Partner) and one end-user account per system, the second one
// only by the owner's invitation; once the end user has edited or is associated, the integrator
// may no longer edit installation or site administrator data; warranty data only by Branch or
// Partner; consent only by the end user; a new System ID after a wipe is associated with the
// registration and the old ones are kept. Every decision is made inside the
// store's transaction (PortalStore.decide), with its audit entry and notification mail.
import { say } from '../../shared/messages/say.js';
import { isIntegrator } from '../../shared/portal/accounts.js';
import type { ConsentInput } from '../../shared/portal/fields.js';
import type { SystemInformation } from '../../shared/portal/information.js';
import type { InventoryServer, InventoryView } from '../../shared/portal/inventory.js';
import type { RegisterInput, RegistrationView, SystemListQuery, SystemPage } from '../../shared/portal/systems.js';
import { checkAddress } from '../geo.js';
import { PortalHttpError, invalid, type FieldIssue } from '../http/errors.js';
import { newLinkToken, sha256 } from '../auth/tokens.js';
import type { PortalLinks } from '../mail/links.js';
import { editMail, inviteMail } from '../mail/notifications.js';
import { confirmedBy, currentSystemIdOf } from '../store/summary.js';
import {
  ShadowSystemIdError,
  SystemIdTakenError,
  type AccountRow,
  type ConsentState,
  type Decision,
  type Found,
  type InventoryRow,
  type PortalStore,
  type RegistrationChange,
  type RegistrationState,
} from '../store/store.js';
import { inventoryIssues } from './inventory-rules.js';

type Role = 'integrator' | 'end-user';

const roleOf = (state: RegistrationState, account: AccountRow): Role | null =>
  state.integrator?.id === account.id ? 'integrator' : state.endUser?.id === account.id ? 'end-user' : null;

/**
 * The caller's place, or the integrator's for a member of a partner organization that the
 * system's end user's organization granted Administrator access (`delegated`: that end user's
 * account, as PortalStore.delegatedEndUser found it; it must still be the system's end user).
 */
const roleWith = (state: RegistrationState, caller: AccountRow, delegated: number | null): Role | null =>
  roleOf(state, caller) ?? (delegated !== null && state.endUser?.id === delegated ? 'integrator' : null);

const currentSystemId = (state: RegistrationState) => currentSystemIdOf(state.systemIds);

const party = (a: AccountRow | null) => (a ? { name: a.name, organization: a.organization, email: a.email } : null);

const confirmed = confirmedBy;

const NO_CONSENT: ConsentState = {
  shareSystemInformation: { given: false, at: null, by: null },
  sharePersonalInformation: { given: false, at: null, by: null },
};

export function registrationView(state: RegistrationState, caller: AccountRow, role: Role | null = roleOf(state, caller)): RegistrationView {
  if (!role) throw new Error('registrationView for an account that is not an owner');
  return {
    registrationId: state.id,
    systemId: currentSystemId(state),
    systemIds: state.systemIds,
    status: confirmed(state.consent) ? 'confirmed' : 'pending-consent',
    revision: state.revision,
    installation: state.installation,
    siteAdministrator: state.siteAdministrator,
    warranty: state.warranty,
    consent: state.consent,
    integrator: party(state.integrator),
    endUser: party(state.endUser),
    invitations: state.invitations.map(({ email, role: invited, createdAt, expiresAt, acceptedAt }) => ({ email, role: invited, createdAt, expiresAt, acceptedAt })),
    yourRole: role,
    integratorLocked: state.endUserEdited || state.endUser !== null,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
}

const INVITATION_DAYS = 30;

const placeOf = (caller: AccountRow): Role => (isIntegrator(caller.kind) ? 'integrator' : 'end-user');

/**
 * The caller's open invitation to the system's place for its kind of account, while that place is
 * free. It says only that one exists: it is taken up through its link (acceptInvitation), never by
 * the address alone.
 */
function invitationFor(state: RegistrationState, caller: AccountRow, now: string) {
  const held = placeOf(caller) === 'integrator' ? state.integrator : state.endUser;
  if (held) return undefined;
  return state.invitations.find((i) => i.acceptedAt === null && i.expiresAt > now && i.role === placeOf(caller) && i.email.toLowerCase() === caller.email.toLowerCase());
}

/**
 * Who holds the system, and that the caller may ask them to invite it to the place it wants. The
 * holder is named to someone who is not an owner by its organization, never a person's name or
 * e-mail (README, Systems); an account without one by its kind (an end user without one is a
 * private person).
 */
function askToInvite(holder: AccountRow, caller: AccountRow): string {
  const organization = holder.organization.trim();
  const email = caller.email;
  if (isIntegrator(caller.kind)) {
    if (organization) return say('portal.becomeIntegratorAskOrganization', { organization, email });
    return isIntegrator(holder.kind) ? say('portal.becomeIntegratorAskIntegrator', { email }) : say('portal.becomeIntegratorAskEndUser', { email });
  }
  if (organization) return say('portal.becomeEndUserAskOrganization', { organization, email });
  return isIntegrator(holder.kind) ? say('portal.becomeEndUserAskIntegrator', { email }) : say('portal.becomeEndUserAskEndUser', { email });
}

/** What the caller cannot have: said so a person knows who holds the system and what to do. */
function takenMessage(state: RegistrationState, caller: AccountRow): string {
  const holder = state.integrator ?? state.endUser!;
  if (isIntegrator(caller.kind)) {
    if (state.integrator) {
      const organization = state.integrator.organization.trim();
      return organization ? say('portal.takenByIntegratorOf', { organization }) : say('portal.takenByIntegrator');
    }
    return askToInvite(holder, caller);
  }
  if (state.endUser) return say('portal.takenByEndUser');
  return askToInvite(holder, caller);
}

function consentState(previous: ConsentState | null, input: ConsentInput, caller: AccountRow, now: string): ConsentState {
  const entry = (key: keyof ConsentInput) => {
    const before = previous?.[key];
    if (before && before.given === input[key]) return before;
    return { given: input[key], at: now, by: caller.email };
  };
  return { shareSystemInformation: entry('shareSystemInformation'), sharePersonalInformation: entry('sharePersonalInformation') };
}

/** Field paths whose values differ, for the audit log and the notification. */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null, prefix: string): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k])).map((k) => `${prefix}.${k}`);
}

const inventoryView = ({ reportedAt, source, servers }: InventoryRow): InventoryView => ({ reportedAt, source, servers });

export class RegistrationService {
  constructor(
    private readonly store: PortalStore,
    private readonly now: () => number = Date.now,
  ) {}

  private iso = () => new Date(this.now()).toISOString();

  private async ownedOrRefuse(systemId: string, caller: AccountRow): Promise<Found> {
    const found = await this.store.findSystem(systemId);
    if (!found) throw new PortalHttpError('not_found', say('portal.notRegistered', { systemId }));
    if (!roleOf(found.state, caller)) {
      throw new PortalHttpError('forbidden', say('portal.notYours'));
    }
    return found;
  }

  async access(systemId: string, caller: AccountRow) {
    const found = await this.store.findSystem(systemId);
    const answer = (access: 'unregistered' | 'yours' | 'claimable' | 'taken' | 'replaced', message: string) => ({ systemId, access, message });
    if (!found) return answer('unregistered', say('portal.accessUnregistered'));
    const { state, matched } = found;
    const role = roleOf(state, caller);
    if (matched.replacedAt && role) {
      return answer('replaced', say('portal.accessReplaced', { systemId: currentSystemId(state), date: matched.replacedAt.slice(0, 10) }));
    }
    if (role) return answer('yours', say(role === 'integrator' ? 'portal.accessYoursIntegrator' : 'portal.accessYoursEndUser'));
    if (matched.replacedAt || !invitationFor(state, caller, this.iso())) return answer('taken', takenMessage(state, caller));
    return answer('claimable', say(placeOf(caller) === 'integrator' ? 'portal.accessInvitedIntegrator' : 'portal.accessInvitedEndUser', { email: caller.email }));
  }

  async get(systemId: string, caller: AccountRow) {
    const delegated = await this.delegatedEndUser(systemId, caller);
    const found = delegated === null ? null : await this.store.findSystem(systemId);
    const role = found && roleWith(found.state, caller, delegated);
    if (found && role) return registrationView(found.state, caller, role);
    return registrationView((await this.ownedOrRefuse(systemId, caller)).state, caller);
  }

  /**
   * Partner access (docs/partners.md): the end user of the registration a System ID belongs to,
   * when the caller is a member of a partner organization that this end user's organization has
   * granted Administrator access; else null. Read from the database on every call, never cached.
   */
  private async delegatedEndUser(systemId: string, caller: AccountRow): Promise<number | null> {
    return caller.kind === 'partner' ? this.store.delegatedEndUser(caller.id, systemId) : null;
  }

  /**
   * The caller's systems, one page. An account only ever holds the place its kind gives it
   * (integrator or end user: see placeOf), so the list reads that one owner column, indexed.
   */
  async list(caller: AccountRow, query: SystemListQuery): Promise<SystemPage> {
    const role = placeOf(caller);
    const { total, items } = await this.store.listSystems({ accountId: caller.id, role }, query);
    return { total, offset: query.offset, limit: query.limit, items: items.map((item) => ({ ...item, yourRole: role })) };
  }

  /** Everything about one registration, for its owners only (404 and 403 as getSystem says them). */
  async information(systemId: string, caller: AccountRow): Promise<SystemInformation> {
    const { state } = await this.ownedOrRefuse(systemId, caller);
    const [delivery, codes, inventory, audit, mail] = await Promise.all([
      this.store.deliveryOf(state.id),
      this.store.codesOf(state.id),
      this.store.inventoryOf(state.id),
      this.store.auditOf(state.id),
      this.store.mailOf(state.id),
    ]);
    return {
      registration: registrationView(state, caller),
      delivery,
      codes: codes.map(({ serial, kind, systemId: id, registrationCode, token, issuedAt, validUntil }) => ({ serial, kind, systemId: id, registrationCode, token, issuedAt, validUntil })),
      inventory: inventory && inventoryView(inventory),
      audit: audit.reverse(),
      mail,
    };
  }

  /**
   * The site's servers as a logged-on companion read them, replacing the last report. Owners only,
   * checked first; the path must be the registration's current System ID and the lead row too.
   */
  async saveInventory(systemId: string, servers: InventoryServer[], source: 'online' | 'offline', caller: AccountRow): Promise<InventoryView> {
    const { state, matched } = await this.ownedOrRefuse(systemId, caller);
    const current = currentSystemId(state);
    if (matched.systemId !== current) {
      throw new PortalHttpError('conflict', say('portal.reportUnderCurrent', { systemId, current }), [{ path: 'systemId', message: say('portal.currentSystemIdIs', { systemId: current }) }]);
    }
    return inventoryView(await this.recordInventory(state, servers, source, caller.id));
  }

  /**
   * A report carried in an offline request file, for the registration the request was answered
   * for. The caller has checked ownership; the list gets the same checks as an online report (the
   * lead must be the current System ID: call this after an association, not before).
   */
  async saveOfflineInventory(registrationId: number, servers: InventoryServer[], accountId: number): Promise<void> {
    const state = await this.store.registration(registrationId);
    if (!state) throw new PortalHttpError('not_found', say('portal.registrationGone', { id: registrationId }));
    await this.recordInventory(state, servers, 'offline', accountId);
  }

  private async recordInventory(state: RegistrationState, servers: InventoryServer[], source: 'online' | 'offline', accountId: number): Promise<InventoryRow> {
    const current = currentSystemId(state);
    const issues = inventoryIssues(servers, current);
    if (issues.length) throw invalid(say('portal.serverListWrong'), issues);
    const shadows = servers.filter((s) => s.role === 'shadow').length;
    const result = await this.store.saveInventory(
      { registrationId: state.id, leadSystemId: current, servers, source, accountId },
      { action: 'system.inventory-reported', detail: { systemId: current, source, servers: servers.length, shadows } },
      this.iso(),
    );
    if ('leadNotCurrent' in result) {
      throw new PortalHttpError('conflict', say('portal.leadChanged', { systemId: result.leadNotCurrent }));
    }
    if ('held' in result) {
      const systemIds = result.held.map((h) => h.systemId).join(', ');
      throw new PortalHttpError(
        'conflict',
        say(result.held.length === 1 ? 'portal.heldElsewhereOne' : 'portal.heldElsewhereMany', { systemIds }),
        result.held.map((h) => ({ path: `servers.${h.index}.systemId`, message: say('portal.belongsToAnother', { systemId: h.systemId }) })),
      );
    }
    return result.saved;
  }

  async audit(systemId: string, caller: AccountRow) {
    return this.store.auditOf((await this.ownedOrRefuse(systemId, caller)).state.id);
  }

  async register(systemId: string, input: RegisterInput, caller: AccountRow): Promise<RegistrationView> {
    const issues: FieldIssue[] = [];
    if (input.installation) issues.push(...checkAddress(input.installation, 'installation'));
    if (input.siteAdministrator) issues.push(...checkAddress(input.siteAdministrator, 'siteAdministrator'));
    if (issues.length) throw invalid(say('portal.addressesNotListed'), issues);
    if (input.warranty !== undefined && !isIntegrator(caller.kind)) {
      throw new PortalHttpError('forbidden', say('portal.warrantyLeaveOut'), [{ path: 'warranty', message: say('portal.warrantyPartnerOrBranch') }]);
    }
    if (input.consent !== undefined && isIntegrator(caller.kind)) {
      throw new PortalHttpError('forbidden', say('portal.consentLeaveOut'), [{ path: 'consent', message: say('portal.consentEndUserOnly') }]);
    }
    const now = this.iso();
    // A partner's Administrator access is read in the decision's transaction: revoked meanwhile, refused.
    let delegated: number | null = null;
    const { after } = await this.store.decide(
      systemId,
      now,
      (found) => {
        delegated = found?.delegatedEndUser ?? null;
        return found ? this.modify(found, input, caller, now, delegated) : this.create(systemId, input, caller, now);
      },
      caller.kind === 'partner' ? { delegationFor: caller.id } : undefined,
    );
    return registrationView(after!, caller, roleWith(after!, caller, delegated));
  }

  private create(systemId: string, input: RegisterInput, caller: AccountRow, now: string): Decision {
    const missing: FieldIssue[] = [];
    if (!input.installation) missing.push({ path: 'installation', message: say('portal.fillInstallation') });
    if (!input.siteAdministrator) missing.push({ path: 'siteAdministrator', message: say('portal.fillSiteAdministrator') });
    const integrator = isIntegrator(caller.kind);
    // Consent may come later: until the end user gives both, the registration is pending consent.
    if (missing.length || !input.installation || !input.siteAdministrator) {
      throw invalid(say('portal.newRegistrationNeeds'), missing);
    }
    const change: RegistrationChange = {
      kind: 'create',
      systemId,
      integratorId: integrator ? caller.id : null,
      endUserId: integrator ? null : caller.id,
      endUserEdited: !integrator,
      fields: {
        installation: input.installation,
        siteAdministrator: input.siteAdministrator,
        warranty: input.warranty ?? null,
        consent: input.consent ? consentState(null, input.consent, caller, now) : NO_CONSENT,
      },
    };
    return {
      change,
      audit: { accountId: caller.id, action: 'system.registered', detail: { systemId, role: integrator ? 'integrator' : 'end-user' } },
      mail: (after) => editMail(after, currentSystemId(after), caller, 'registered', []),
    };
  }

  private modify(found: Found, input: RegisterInput, caller: AccountRow, now: string, delegated: number | null = null): Decision {
    const { state, matched } = found;
    const role = roleWith(state, caller, delegated);
    // Ownership first: a stranger gets the same refusal for a replaced ID as for the current one,
    // and learns nothing of the wipe, the revision or the locks (access answers "taken" alike).
    if (!role && matched.replacedAt) throw new PortalHttpError('forbidden', takenMessage(state, caller));
    if (matched.replacedAt) {
      throw new PortalHttpError('conflict', say('portal.replacedAfterWipe', { systemId: matched.systemId, date: matched.replacedAt.slice(0, 10) }));
    }
    const set: Extract<RegistrationChange, { kind: 'update' }>['set'] = {};
    if (!role) {
      // A free place is taken only through the invitation's link (acceptInvitation), never by address.
      if (invitationFor(state, caller, now)) {
        throw new PortalHttpError('forbidden', say('portal.invitedAcceptFirst', { email: caller.email }));
      }
      throw new PortalHttpError('forbidden', takenMessage(state, caller));
    }
    if (input.expectedRevision !== undefined && input.expectedRevision !== state.revision) {
      throw new PortalHttpError('conflict', say('portal.changedMeanwhile', { revision: state.revision, yours: input.expectedRevision }));
    }
    const locked = state.endUserEdited || state.endUser !== null;
    if (role === 'integrator' && locked) {
      const refused = (['installation', 'siteAdministrator'] as const).filter((k) => input[k] !== undefined);
      if (refused.length) {
        throw new PortalHttpError(
          'forbidden',
          say('portal.lockedForIntegrator'),
          refused.map((path) => ({ path, message: say('portal.lockedForIntegratorIssue') })),
        );
      }
    }
    if (input.warranty !== undefined && role !== 'integrator') {
      throw new PortalHttpError('forbidden', say('portal.warrantyIntegratorOnly'), [{ path: 'warranty', message: say('portal.warrantyIntegratorOnlyIssue') }]);
    }
    const changed: string[] = [];
    if (input.installation) {
      set.installation = input.installation;
      changed.push(...changedFields(state.installation, input.installation, 'installation'));
    }
    if (input.siteAdministrator) {
      set.siteAdministrator = input.siteAdministrator;
      changed.push(...changedFields(state.siteAdministrator, input.siteAdministrator, 'siteAdministrator'));
    }
    if (input.warranty !== undefined) {
      set.warranty = input.warranty;
      changed.push(...changedFields(state.warranty, input.warranty, 'warranty'));
    }
    if (input.consent) {
      set.consent = consentState(state.consent, input.consent, caller, now);
      changed.push(...changedFields(state.consent, set.consent, 'consent'));
    }
    if (role === 'end-user' && changed.some((c) => c.startsWith('installation') || c.startsWith('siteAdministrator'))) set.endUserEdited = true;
    if (changed.length === 0) {
      return { change: { kind: 'none' } };
    }
    const systemId = matched.systemId;
    return {
      change: { kind: 'update', set },
      audit: { accountId: caller.id, action: 'system.modified', detail: { systemId, role, changed, ...(roleOf(state, caller) ? {} : { via: 'partner-access' }) } },
      mail: (after) => editMail(after, systemId, caller, 'modified', changed),
    };
  }

  /** The owner invites the one account that may take the system's free place: a mail with a single-use link. */
  async invite(systemId: string, email: string, caller: AccountRow, links: Pick<PortalLinks, 'acceptInvitation'>): Promise<RegistrationView> {
    const token = newLinkToken();
    const now = this.iso();
    const { after } = await this.store.decide(systemId, now, (found) => {
      if (!found) throw new PortalHttpError('not_found', say('portal.notRegistered', { systemId }));
      const { state } = found;
      const role = roleOf(state, caller);
      if (!role) throw new PortalHttpError('forbidden', say('portal.notYoursToInvite'));
      const place: Role = role === 'integrator' ? 'end-user' : 'integrator';
      const holder = place === 'integrator' ? state.integrator : state.endUser;
      if (holder) throw new PortalHttpError('conflict', say(place === 'integrator' ? 'portal.hasIntegrator' : 'portal.hasEndUser', { email: holder.email }));
      if (email.toLowerCase() === caller.email.toLowerCase()) throw invalid(say('portal.inviteSomeoneElse'), [{ path: 'email', message: say('portal.ownAddress') }]);
      const open = state.invitations.find((i) => i.acceptedAt === null && i.expiresAt > now && i.email.toLowerCase() === email.toLowerCase());
      if (open) throw new PortalHttpError('conflict', say('portal.invitedAlreadyUntil', { email, date: open.expiresAt.slice(0, 10) }), [{ path: 'email', message: say('portal.invitedAlready') }]);
      const expiresAt = new Date(Date.parse(now) + INVITATION_DAYS * 86_400_000).toISOString();
      return {
        change: { kind: 'invite', email, role: place, invitedBy: caller.id, expiresAt, tokenHash: sha256(token) },
        audit: { accountId: caller.id, action: 'system.invited', detail: { systemId: currentSystemId(state), email, role: place } },
        mail: (registration) => inviteMail(registration, currentSystemId(registration), caller, email, place, expiresAt, links.acceptInvitation(token)),
      };
    });
    return registrationView(after!, caller);
  }

  /** What an invitation link stands for, for its page; null for a link that is not one. */
  async invitationByLink(token: string) {
    return this.store.invitationByToken(sha256(token));
  }

  /**
   * Takes up an invitation through its link: only a verified account of the invited address and
   * of the invited kind, while the place is free; then as a claim always was (audit, mail).
   */
  async acceptInvitation(token: string, caller: AccountRow): Promise<RegistrationView> {
    const tokenHash = sha256(token);
    const link = await this.store.invitationByToken(tokenHash);
    const notALink = () => new PortalHttpError('not_found', say('portal.invitationLinkInvalid'));
    if (!link) throw notALink();
    const now = this.iso();
    const { after } = await this.store.decide(link.systemId, now, (found) => {
      const invitation = found?.state.invitations.find((i) => i.tokenHash === tokenHash);
      if (!found || !invitation) throw notALink();
      const { state } = found;
      const asIntegrator = invitation.role === 'integrator';
      const placeName = asIntegrator ? 'integrator' : 'end user';
      if (roleOf(state, caller) && invitation.acceptedAt) throw new PortalHttpError('conflict', say(asIntegrator ? 'portal.acceptedAlreadyIntegrator' : 'portal.acceptedAlreadyEndUser'));
      if (invitation.acceptedAt) throw new PortalHttpError('conflict', say('portal.invitationUsed'));
      if (invitation.expiresAt <= now) throw new PortalHttpError('conflict', say('portal.invitationExpired', { date: invitation.expiresAt.slice(0, 10) }));
      if (!caller.emailVerifiedAt) {
        throw new PortalHttpError('forbidden', say('portal.verifyBeforeAccepting', { email: caller.email }));
      }
      if (caller.email.toLowerCase() !== invitation.email.toLowerCase()) {
        throw new PortalHttpError('forbidden', say('portal.invitationForOther', { invited: invitation.email, email: caller.email }));
      }
      if (placeOf(caller) !== invitation.role) {
        throw new PortalHttpError('forbidden', say(asIntegrator ? 'portal.invitationForIntegrator' : 'portal.invitationForEndUser'));
      }
      const holder = asIntegrator ? state.integrator : state.endUser;
      if (holder) throw new PortalHttpError('conflict', say(asIntegrator ? 'portal.integratorTaken' : 'portal.endUserTaken'));
      const systemId = currentSystemId(state);
      return {
        change: {
          kind: 'update',
          set: invitation.role === 'integrator' ? { integratorId: caller.id } : { endUserId: caller.id, endUserEdited: true },
          acceptInvitation: invitation.id,
        },
        audit: { accountId: caller.id, action: 'system.claimed', detail: { systemId, role: invitation.role, changed: [], via: 'invitation' } },
        mail: (registration) => editMail(registration, systemId, caller, `joined by invitation, as its ${placeName}`, []),
      };
    });
    return registrationView(after!, caller);
  }

  async associate(systemId: string, newSystemId: string, caller: AccountRow): Promise<RegistrationView> {
    const now = this.iso();
    if (newSystemId === systemId) {
      throw invalid(say('portal.sameSystemId'), [{ path: 'newSystemId', message: say('portal.enterRecreatedSystemId') }]);
    }
    const taken = () =>
      new PortalHttpError('conflict', say('portal.systemIdTaken', { systemId: newSystemId }), [{ path: 'newSystemId', message: say('portal.alreadyRegistered') }]);
    const { after } = await this.store.decide(systemId, now, (found) => {
      if (!found) throw new PortalHttpError('not_found', say('portal.notRegistered', { systemId }));
      if (!roleOf(found.state, caller)) throw new PortalHttpError('forbidden', say('portal.notYoursToAssociate'));
      const previous = currentSystemId(found.state);
      // An association names the ID it replaces: only the current one (never an ID replaced before,
      // which would fork the history), checked after ownership so strangers learn nothing.
      if (previous !== systemId) {
        throw new PortalHttpError('conflict', say('portal.associateInPlaceOfCurrent', { systemId, current: previous }), [
          { path: 'systemId', message: say('portal.currentSystemIdIs', { systemId: previous }) },
        ]);
      }
      return {
        change: { kind: 'associate', newSystemId },
        audit: { accountId: caller.id, action: 'system.associated', detail: { previousSystemId: previous, newSystemId } },
        mail: (state) => editMail(state, newSystemId, caller, `associated with the new System ID ${newSystemId} (was ${previous})`, ['systemId']),
      };
    }).catch((error: unknown) => {
      if (error instanceof ShadowSystemIdError) {
        throw new PortalHttpError('conflict', say('portal.shadowNotAssociated', { systemId: error.systemId, lead: error.leadSystemId, date: error.reportedAt.slice(0, 10) }), [
          { path: 'newSystemId', message: say('portal.shadowOf', { lead: error.leadSystemId }) },
        ]);
      }
      throw error instanceof SystemIdTakenError ? taken() : error;
    });
    return registrationView(after!, caller);
  }
}
