// What a reported server list must be before the portal keeps it (DOMAIN.md, leads and shadows):
// exactly one lead, under the registration's current System ID, and each System ID once. Whether a
// shadow's ID belongs to another registration is checked by the store, inside the write.
import type { InventoryServer } from '../../shared/portal/inventory.js';
import { say } from '../../shared/messages/say.js';
import type { FieldIssue } from '../http/errors.js';

export function inventoryIssues(servers: InventoryServer[], currentSystemId: string, prefix = 'servers'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const leads = servers.flatMap((s, i) => (s.role === 'lead' ? [i] : []));
  if (leads.length === 0) {
    issues.push({ path: prefix, message: say('portal.noLead', { systemId: currentSystemId }) });
  }
  for (const i of leads.slice(1)) {
    issues.push({ path: `${prefix}.${i}.role`, message: say('portal.oneLead', { lead: `${prefix}.${leads[0]}` }) });
  }
  const lead = leads[0] === undefined ? undefined : servers[leads[0]];
  if (lead && lead.systemId !== currentSystemId) {
    issues.push({
      path: `${prefix}.${leads[0]}.systemId`,
      message: say('portal.leadNotCurrent', { current: currentSystemId, systemId: lead.systemId }),
    });
  }
  const seen = new Map<string, number>();
  servers.forEach((s, i) => {
    const first = seen.get(s.systemId);
    if (first === undefined) seen.set(s.systemId, i);
    else issues.push({ path: `${prefix}.${i}.systemId`, message: say('portal.listedTwice', { systemId: s.systemId, first: `${prefix}.${first}` }) });
  });
  return issues;
}
