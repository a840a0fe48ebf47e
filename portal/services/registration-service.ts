// Registering and modifying systems by System ID, with the rules of DOMAIN.md (Registration):
// one integrator account (Branch or Partner) and one end-user account per system, the second one
// only by the owner's invitation; once the end user has edited or is associated, the integrator
// may no longer edit installation or site administrator data; warranty data only by Branch or
// Partner; consent only by the end user; a new System ID after a wipe is associated with the
// registration and the old ones are kept. Every decision is made inside the
// store's transaction (PortalStore.decide), with its audit entry and notification mail.
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

const currentSystemId = (state: RegistrationState) => currentSystemIdOf(state.systemIds);

const party = (a: AccountRow | null) => (a ? { name: a.name, organization: a.organization, email: a.email } : null);

const confirmed = confirmedBy;

const NO_CONSENT: ConsentState = {
  shareSystemInformation: { given: false, at: null, by: null },
  sharePersonalInformation: { given: false, at: null, by: null },
};

const NOT_FOUND_HINT = 'System IDs are case-sensitive: check upper and lower case, exactly as the server shows it.';

export function registrationView(state: RegistrationState, caller: AccountRow): RegistrationView {
  const role = roleOf(state, caller);
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
 * How a holder is named to someone who is not an owner: its organization, never a person's name or
 * e-mail (README, Systems). An end-user account without an organization is a private person.
 */
const holderName = (holder: AccountRow) => holder.organization.trim() || (isIntegrator(holder.kind) ? 'an integrator account' : 'an end-user account');

/** What the caller cannot have: said so a person knows who holds the system and what to do. */
function takenMessage(state: RegistrationState, caller: AccountRow): string {
  const who = holderName(state.integrator ?? state.endUser!);
  if (isIntegrator(caller.kind)) {
    if (state.integrator) {
      return (
        `This system is registered to another integrator account${state.integrator.organization.trim() ? ` (${state.integrator.organization.trim()})` : ''}. Only one Branch or Partner account ` +
        'can be associated with a system: ask that organization to hand it over, or contact registration support.'
      );
    }
    return `This system is registered by ${who}. To become its integrator, ask them to invite ${caller.email} (on the system's registration: Invite).`;
  }
  if (state.endUser) {
    return 'This system is associated with another end-user account. Only one end-user account can be associated with a system: ask its owner, or contact registration support.';
  }
  return `This system is registered by ${who}. To be associated with it as its end user, ask them to invite ${caller.email} (on the system's registration: Invite).`;
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
    if (!found) throw new PortalHttpError('not_found', `No system is registered with System ID "${systemId}". ${NOT_FOUND_HINT}`);
    if (!roleOf(found.state, caller)) {
      throw new PortalHttpError('forbidden', 'This system is not associated with your account: only its integrator and its end user can see it.');
    }
    return found;
  }

  async access(systemId: string, caller: AccountRow) {
    const found = await this.store.findSystem(systemId);
    const answer = (access: 'unregistered' | 'yours' | 'claimable' | 'taken' | 'replaced', message: string) => ({ systemId, access, message });
    if (!found) return answer('unregistered', 'This System ID is not registered yet: proceed to register it.');
    const { state, matched } = found;
    const role = roleOf(state, caller);
    if (matched.replacedAt && role) {
      return answer('replaced', `This System ID was replaced by ${currentSystemId(state)} on ${matched.replacedAt.slice(0, 10)} (database wipe). Use the new System ID.`);
    }
    if (role) return answer('yours', `You are this system's ${role === 'integrator' ? 'integrator' : 'end user'}: proceed to view or modify it.`);
    if (matched.replacedAt || !invitationFor(state, caller, this.iso())) return answer('taken', takenMessage(state, caller));
    return answer(
      'claimable',
      `You were invited to be this system's ${placeOf(caller) === 'integrator' ? 'integrator' : 'end user'}: open the link in the invitation mail sent to ${caller.email} and accept it there, then continue here.`,
    );
  }

  async get(systemId: string, caller: AccountRow) {
    return registrationView((await this.ownedOrRefuse(systemId, caller)).state, caller);
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
      throw new PortalHttpError('conflict', `System ID "${systemId}" is no longer this registration's System ID: it is ${current} now. Report the inventory under ${current}, with it as the lead.`, [
        { path: 'systemId', message: `This registration's System ID is ${current}.` },
      ]);
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
    if (!state) throw new PortalHttpError('not_found', `Registration ${registrationId} does not exist: the request was answered for a registration that is gone.`);
    await this.recordInventory(state, servers, 'offline', accountId);
  }

  private async recordInventory(state: RegistrationState, servers: InventoryServer[], source: 'online' | 'offline', accountId: number): Promise<InventoryRow> {
    const current = currentSystemId(state);
    const issues = inventoryIssues(servers, current);
    if (issues.length) throw invalid('The server list is not right: see each server.', issues);
    const shadows = servers.filter((s) => s.role === 'shadow').length;
    const result = await this.store.saveInventory(
      { registrationId: state.id, leadSystemId: current, servers, source, accountId },
      { action: 'system.inventory-reported', detail: { systemId: current, source, servers: servers.length, shadows } },
      this.iso(),
    );
    if ('leadNotCurrent' in result) {
      throw new PortalHttpError('conflict', `This registration's System ID changed to ${result.leadNotCurrent} while the report was sent. Read the site again and report it with ${result.leadNotCurrent} as the lead.`);
    }
    if ('held' in result) {
      throw new PortalHttpError(
        'conflict',
        `${result.held.map((h) => h.systemId).join(', ')} ${result.held.length === 1 ? 'is' : 'are'} another registration's System ID: a registered server is not a shadow here. Check the site's leads in the companion, then report again.`,
        result.held.map((h) => ({ path: `servers.${h.index}.systemId`, message: `System ID ${h.systemId} belongs to another registration.` })),
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
    if (issues.length) throw invalid('Some addresses are not in our lists: see the fields marked.', issues);
    if (input.warranty !== undefined && !isIntegrator(caller.kind)) {
      throw new PortalHttpError('forbidden', 'Warranty information is edited by the partner or branch: leave it out.', [
        { path: 'warranty', message: 'Only a Partner or Branch account can edit warranty information.' },
      ]);
    }
    if (input.consent !== undefined && isIntegrator(caller.kind)) {
      throw new PortalHttpError('forbidden', 'Consent to share system and personal information is the end user’s to give: leave it out. The registration stays pending until the end user consents.', [
        { path: 'consent', message: 'Only the end user gives consent.' },
      ]);
    }
    const now = this.iso();
    const { after } = await this.store.decide(systemId, now, (found) => (found ? this.modify(found, input, caller, now) : this.create(systemId, input, caller, now)));
    return registrationView(after!, caller);
  }

  private create(systemId: string, input: RegisterInput, caller: AccountRow, now: string): Decision {
    const missing: FieldIssue[] = [];
    if (!input.installation) missing.push({ path: 'installation', message: 'Fill in the installation and system information.' });
    if (!input.siteAdministrator) missing.push({ path: 'siteAdministrator', message: 'Fill in the site administrator.' });
    const integrator = isIntegrator(caller.kind);
    // Consent may come later: until the end user gives both, the registration is pending consent.
    if (missing.length || !input.installation || !input.siteAdministrator) {
      throw invalid('A new registration needs the installation and the site administrator.', missing);
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

  private modify(found: Found, input: RegisterInput, caller: AccountRow, now: string): Decision {
    const { state, matched } = found;
    // Ownership first: a stranger gets the same refusal for a replaced ID as for the current one,
    // and learns nothing of the wipe, the revision or the locks (access answers "taken" alike).
    if (!roleOf(state, caller) && matched.replacedAt) throw new PortalHttpError('forbidden', takenMessage(state, caller));
    if (matched.replacedAt) {
      throw new PortalHttpError(
        'conflict',
        `System ID "${matched.systemId}" was replaced by a new System ID on ${matched.replacedAt.slice(0, 10)} after a database wipe; its registration continues under the new ID.`,
      );
    }
    const role = roleOf(state, caller);
    const set: Extract<RegistrationChange, { kind: 'update' }>['set'] = {};
    if (!role) {
      // A free place is taken only through the invitation's link (acceptInvitation), never by address.
      if (invitationFor(state, caller, now)) {
        throw new PortalHttpError('forbidden', `You were invited to this system: open the link in the invitation mail sent to ${caller.email} and accept it there first.`);
      }
      throw new PortalHttpError('forbidden', takenMessage(state, caller));
    }
    if (input.expectedRevision !== undefined && input.expectedRevision !== state.revision) {
      throw new PortalHttpError('conflict', `This registration was changed by someone else since you opened it (revision ${state.revision}, yours ${input.expectedRevision}). Reload it and make your change again.`);
    }
    const locked = state.endUserEdited || state.endUser !== null;
    if (role === 'integrator' && locked) {
      const refused = (['installation', 'siteAdministrator'] as const).filter((k) => input[k] !== undefined);
      if (refused.length) {
        throw new PortalHttpError(
          'forbidden',
          'The end user has edited this system or is associated with it, so installation and site administrator data are theirs to change now. Ask the end user.',
          refused.map((path) => ({ path, message: 'Locked for the integrator.' })),
        );
      }
    }
    if (input.warranty !== undefined && role !== 'integrator') {
      throw new PortalHttpError('forbidden', 'Warranty information is edited by the partner or branch only.', [{ path: 'warranty', message: 'Only the integrator edits warranty information.' }]);
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
      audit: { accountId: caller.id, action: 'system.modified', detail: { systemId, role, changed } },
      mail: (after) => editMail(after, systemId, caller, 'modified', changed),
    };
  }

  /** The owner invites the one account that may take the system's free place: a mail with a single-use link. */
  async invite(systemId: string, email: string, caller: AccountRow, links: Pick<PortalLinks, 'acceptInvitation'>): Promise<RegistrationView> {
    const token = newLinkToken();
    const now = this.iso();
    const { after } = await this.store.decide(systemId, now, (found) => {
      if (!found) throw new PortalHttpError('not_found', `No system is registered with System ID "${systemId}". ${NOT_FOUND_HINT}`);
      const { state } = found;
      const role = roleOf(state, caller);
      if (!role) throw new PortalHttpError('forbidden', 'This system is not associated with your account: only its owners can invite.');
      const place: Role = role === 'integrator' ? 'end-user' : 'integrator';
      const holder = place === 'integrator' ? state.integrator : state.endUser;
      if (holder) throw new PortalHttpError('conflict', `This system has its ${place === 'integrator' ? 'integrator' : 'end user'} already (${holder.email}).`);
      if (email.toLowerCase() === caller.email.toLowerCase()) throw invalid('Invite someone else: you are associated with this system already.', [{ path: 'email', message: 'That is your own address.' }]);
      const open = state.invitations.find((i) => i.acceptedAt === null && i.expiresAt > now && i.email.toLowerCase() === email.toLowerCase());
      if (open) throw new PortalHttpError('conflict', `${email} is invited already, until ${open.expiresAt.slice(0, 10)}. Invite another address, or wait for them to accept.`, [{ path: 'email', message: 'Invited already.' }]);
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
    const notALink = () => new PortalHttpError('not_found', 'This invitation link is not valid: open the link exactly as the invitation mail gives it, or ask for a new invitation.');
    if (!link) throw notALink();
    const now = this.iso();
    const { after } = await this.store.decide(link.systemId, now, (found) => {
      const invitation = found?.state.invitations.find((i) => i.tokenHash === tokenHash);
      if (!found || !invitation) throw notALink();
      const { state } = found;
      const placeName = invitation.role === 'integrator' ? 'integrator' : 'end user';
      if (roleOf(state, caller) && invitation.acceptedAt) throw new PortalHttpError('conflict', `You accepted this invitation already: you are this system's ${placeName}.`);
      if (invitation.acceptedAt) throw new PortalHttpError('conflict', "This invitation was accepted already; a link works once. Ask the system's owner for a new invitation if you need one.");
      if (invitation.expiresAt <= now) throw new PortalHttpError('conflict', `This invitation expired on ${invitation.expiresAt.slice(0, 10)}. Ask the system's owner to invite you again.`);
      if (!caller.emailVerifiedAt) {
        throw new PortalHttpError('forbidden', `Verify your e-mail address first: open the link we sent to ${caller.email} when you signed up (or ask for it again after logging on), then accept.`);
      }
      if (caller.email.toLowerCase() !== invitation.email.toLowerCase()) {
        throw new PortalHttpError('forbidden', `This invitation is for ${invitation.email}, and you logged on as ${caller.email}. Log on with the account of the invited address.`);
      }
      if (placeOf(caller) !== invitation.role) {
        throw new PortalHttpError('forbidden', `This invitation is for the system's ${placeName}, which takes ${invitation.role === 'integrator' ? 'a Partner or Branch' : 'an End user'} account; yours is not one. Ask the owner to invite the right account.`);
      }
      const holder = invitation.role === 'integrator' ? state.integrator : state.endUser;
      if (holder) throw new PortalHttpError('conflict', `This system has its ${placeName} already, so the invitation can no longer be accepted.`);
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
      throw invalid('The new System ID is the one already registered.', [{ path: 'newSystemId', message: 'Enter the System ID the server shows since its database was recreated.' }]);
    }
    const taken = () =>
      new PortalHttpError('conflict', `System ID "${newSystemId}" is registered already: a System ID can belong to one registration only.`, [
        { path: 'newSystemId', message: 'Already registered.' },
      ]);
    const { after } = await this.store.decide(systemId, now, (found) => {
      if (!found) throw new PortalHttpError('not_found', `No system is registered with System ID "${systemId}". ${NOT_FOUND_HINT}`);
      if (!roleOf(found.state, caller)) throw new PortalHttpError('forbidden', 'This system is not associated with your account: only its integrator or end user can associate a new System ID.');
      const previous = currentSystemId(found.state);
      // An association names the ID it replaces: only the current one (never an ID replaced before,
      // which would fork the history), checked after ownership so strangers learn nothing.
      if (previous !== systemId) {
        throw new PortalHttpError('conflict', `System ID "${systemId}" is no longer this registration's System ID: it is ${previous} now. Associate the new System ID in place of ${previous}.`, [
          { path: 'systemId', message: `This registration's System ID is ${previous}.` },
        ]);
      }
      return {
        change: { kind: 'associate', newSystemId },
        audit: { accountId: caller.id, action: 'system.associated', detail: { previousSystemId: previous, newSystemId } },
        mail: (state) => editMail(state, newSystemId, caller, `associated with the new System ID ${newSystemId} (was ${previous})`, ['systemId']),
      };
    }).catch((error: unknown) => {
      if (error instanceof ShadowSystemIdError) {
        throw new PortalHttpError(
          'conflict',
          `System ID ${error.systemId} is a shadow of ${error.leadSystemId} (reported ${error.reportedAt.slice(0, 10)}): a shadow inherits its lead's registration and is never associated on its own. ` +
            "Write the lead's registration to it again from the companion instead.",
          [{ path: 'newSystemId', message: `A shadow of ${error.leadSystemId}.` }],
        );
      }
      throw error instanceof SystemIdTakenError ? taken() : error;
    });
    return registrationView(after!, caller);
  }
}
