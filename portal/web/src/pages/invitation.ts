// An invitation being accepted: read from its link once (the token then leaves the address bar),
// kept in this page's memory only while the person signs up or logs on.
import { create } from 'zustand';
import type { AccountKind } from '../../../../shared/portal/accounts.js';

export interface CoworkerInvitation {
  token: string;
  organizationName: string;
  email: string;
  /** The account kind the organization's kind gives (a customer organization's people are end users). */
  kind: AccountKind;
}

export interface CustomerInvitation {
  token: string;
  partnerName: string;
  organizationName: string;
  contactEmail: string;
}

interface Invitations {
  coworker: CoworkerInvitation | null;
  customer: CustomerInvitation | null;
}

export const useInvitation = create<Invitations>(() => ({ coworker: null, customer: null }));

export const accountKindOf = (organizationKind: 'partner' | 'customer' | 'branch'): AccountKind =>
  organizationKind === 'customer' ? 'end-user' : organizationKind;
