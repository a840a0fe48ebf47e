// Who a partner-organization route is for, checked on every request from the database: the
// caller's organization and role now, never a cached one (docs/partners.md).
import { say } from '../../shared/messages/say.js';
import { PortalHttpError } from '../http/errors.js';
import type { Membership } from '../store/partner-access-store.js';
import type { PortalStore, SessionRow } from '../store/store.js';

export async function membershipOf(store: PortalStore, session: SessionRow): Promise<Membership> {
  const membership = await store.membershipOf(session.account.id);
  if (!membership) throw new PortalHttpError('forbidden', say('partners.noOrganization'));
  return membership;
}

/**
 * A person of a partner organization, in a session that passed MFA (the portal refuses partner
 * sessions without it on every full-session route already; checked again here, as customer data
 * depends on it); its administrators only when `administrator`.
 */
export async function partnerMember(store: PortalStore, session: SessionRow, administrator: boolean): Promise<Membership> {
  const m = await membershipOf(store, session);
  if (m.kind !== 'partner') throw new PortalHttpError('forbidden', say('partners.partnersOnly'));
  if (!session.mfaVerified) throw new PortalHttpError('unauthorized', say('partners.mfaForCustomerData'));
  if (administrator && m.role !== 'administrator') throw new PortalHttpError('forbidden', say('partners.partnerAdministratorsOnly'));
  return m;
}

/** A person of a customer organization; its administrators only when `administrator`. `notCustomer` is the refusal for anyone else. */
export async function customerMember(store: PortalStore, session: SessionRow, administrator: boolean, notCustomer = say('partners.customersOnly')): Promise<Membership> {
  const m = await membershipOf(store, session);
  if (m.kind !== 'customer') throw new PortalHttpError('forbidden', notCustomer);
  if (administrator && m.role !== 'administrator') throw new PortalHttpError('forbidden', say('partners.customerAdministratorsOnly'));
  return m;
}
