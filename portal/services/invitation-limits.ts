// Invitations send mail to an address someone else typed: bounded per organization and per
// address each hour, so the portal cannot be used to flood a mailbox (co-workers, customers and
// invitations sent again all count). Attempts are charged before the mail is queued, in the
// database, so parallel requests cannot all slip under the limit.
import { say } from '../../shared/messages/say.js';
import { PortalHttpError } from '../http/errors.js';
import type { PortalStore } from '../store/store.js';

const HOUR_MS = 3_600_000;
export const INVITATIONS_PER_ORGANIZATION_PER_HOUR = 30;
export const INVITATIONS_PER_ADDRESS_PER_HOUR = 3;

export async function chargeInvitationMail(store: PortalStore, organizationId: number, email: string, now: number): Promise<void> {
  const limits = [
    { key: `invitation:organization:${organizationId}`, limit: INVITATIONS_PER_ORGANIZATION_PER_HOUR },
    { key: `invitation:address:${email.toLowerCase()}`, limit: INVITATIONS_PER_ADDRESS_PER_HOUR },
  ];
  const result = await store.chargeAttempt(limits, now - HOUR_MS, now);
  if (!('limited' in result)) return;
  const refusal =
    result.limited === limits[0]!.key
      ? say('organizations.invitationsFromOrganization', { count: INVITATIONS_PER_ORGANIZATION_PER_HOUR })
      : say('organizations.invitationsToAddress', { email, count: INVITATIONS_PER_ADDRESS_PER_HOUR });
  throw new PortalHttpError('rate_limited', refusal, undefined, 3600);
}
