// What a reported server list must be before the portal keeps it (DOMAIN.md, leads and shadows):
// exactly one lead, under the registration's current System ID, and each System ID once. Whether a
// shadow's ID belongs to another registration is checked by the store, inside the write.
import type { InventoryServer } from '../../shared/portal/inventory.js';
import type { FieldIssue } from '../http/errors.js';

export function inventoryIssues(servers: InventoryServer[], currentSystemId: string, prefix = 'servers'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const leads = servers.flatMap((s, i) => (s.role === 'lead' ? [i] : []));
  if (leads.length === 0) {
    issues.push({ path: prefix, message: `Mark the server whose System ID is ${currentSystemId} as the lead: a report lists exactly one lead.` });
  }
  for (const i of leads.slice(1)) {
    issues.push({ path: `${prefix}.${i}.role`, message: `Only one server leads a registration; ${prefix}.${leads[0]} is the lead already. Mark this one as a shadow.` });
  }
  const lead = leads[0] === undefined ? undefined : servers[leads[0]];
  if (lead && lead.systemId !== currentSystemId) {
    issues.push({
      path: `${prefix}.${leads[0]}.systemId`,
      message: `The lead's System ID must be ${currentSystemId}, this registration's System ID, not ${lead.systemId}. Read the site again, or associate the new System ID first.`,
    });
  }
  const seen = new Map<string, number>();
  servers.forEach((s, i) => {
    const first = seen.get(s.systemId);
    if (first === undefined) seen.set(s.systemId, i);
    else issues.push({ path: `${prefix}.${i}.systemId`, message: `System ID ${s.systemId} is listed twice (also ${prefix}.${first}): list each server once.` });
  });
  return issues;
}
