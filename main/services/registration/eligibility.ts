// Which server a registration or an association may be made for, online or offline alike
// (docs/architecture.md, Wipes): only a lead is registered; only a wiped lead is associated; a
// server that the last read could not reach is read again first.
import type { ServerView } from '../../../shared/domain/server.js';
import { ServiceError } from '../../../shared/contract/result.js';
import { say } from '../../../shared/messages/say.js';

export type RegistrationKind = 'register' | 'associate';

export function checkEligible(lead: ServerView, kind: RegistrationKind, servers: readonly ServerView[]): void {
  const leader = () => servers.find((s) => s.address === lead.leadAddress);
  if (lead.status === 'unreachable' || lead.status === 'ews-disabled') {
    throw new ServiceError('conflict', say('registration.notReadLastTime', { name: lead.name, reason: lead.statusReason ?? lead.status }));
  }
  if (kind === 'associate') {
    // Only a lead's System ID is ever associated on the portal: the portal knows no other.
    if (lead.role === 'shadow') {
      const found = leader();
      throw new ServiceError(
        'conflict',
        found
          ? say('registration.shadowCannotAssociate', { name: lead.name, lead: found.name })
          : say('registration.shadowCannotAssociateLeadUnknown', { name: lead.name, leadAddress: lead.leadAddress }),
      );
    }
    if (!lead.previousSystemId) {
      throw new ServiceError('conflict', say('registration.keptSystemIdRegister', { name: lead.name }));
    }
    return;
  }
  if (lead.status === 'needs-reassociation') {
    throw new ServiceError('conflict', say('registration.wipedAssociateInstead', { name: lead.name, previous: String(lead.previousSystemId), systemId: lead.systemId }));
  }
  if (lead.role === 'shadow') {
    const found = leader();
    throw new ServiceError(
      'conflict',
      found ? say('registration.shadowInherits', { name: lead.name, lead: found.name }) : say('registration.shadowInheritsLeadUnknown', { name: lead.name, leadAddress: lead.leadAddress }),
    );
  }
}
