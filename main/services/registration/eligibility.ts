// Which server a registration or an association may be made for, online or offline alike
// (docs/architecture.md, Wipes): only a lead is registered; only a wiped lead is associated; a
// server that the last read could not reach is read again first.
import type { ServerView } from '../../../shared/domain/server.js';
import { ServiceError } from '../../../shared/contract/result.js';

export type RegistrationKind = 'register' | 'associate';

export function checkEligible(lead: ServerView, kind: RegistrationKind, servers: readonly ServerView[]): void {
  const leader = () => servers.find((s) => s.address === lead.leadAddress);
  if (lead.status === 'unreachable' || lead.status === 'ews-disabled') {
    throw new ServiceError('conflict', `${lead.name} could not be read in the last read (${lead.statusReason ?? lead.status}). Read the site again once it answers, so the request carries its current System ID.`);
  }
  if (kind === 'associate') {
    // Only a lead's System ID is ever associated on the portal: the portal knows no other.
    if (lead.role === 'shadow') {
      throw new ServiceError('conflict', `${lead.name} is a shadow of ${leader()?.name ?? lead.leadAddress}: it has no registration of its own to associate. Write ${leader()?.name ?? 'its lead'}'s registration to it again instead.`);
    }
    if (!lead.previousSystemId) {
      throw new ServiceError('conflict', `${lead.name} has kept its System ID; associating a new System ID is for a server whose database was wiped. Register it instead.`);
    }
    return;
  }
  if (lead.status === 'needs-reassociation') {
    throw new ServiceError('conflict', `${lead.name}'s database was wiped (System ID ${lead.previousSystemId} became ${lead.systemId}). Associate the new System ID with its registration instead of registering it again.`);
  }
  if (lead.role === 'shadow') {
    throw new ServiceError('conflict', `${lead.name} is a shadow of ${leader()?.name ?? lead.leadAddress} and inherits its registration: register ${leader()?.name ?? 'its lead'} instead.`);
  }
}
