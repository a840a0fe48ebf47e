// The System Information page's side-by-side: what the portal holds for a registration against
// what each server of this companion's last read reports, each difference with the action that
// fixes it. Pure: the portal's answer and the snapshot in, rows out.
import type { SiteDifference, SystemInformationView } from '../../../shared/domain/online.js';
import type { ServerView, SiteSnapshot } from '../../../shared/domain/server.js';
import type { SystemInformation } from '../../../shared/portal/information.js';
import { say } from '../../../shared/messages/say.js';

type Row = SiteDifference;

export function compareSite(info: SystemInformation, snapshot: SiteSnapshot): SystemInformationView['site'] {
  const current = info.registration.systemId;
  const known = new Set(info.registration.systemIds.map((s) => s.systemId));
  const servers = snapshot.servers;
  // The site's lead for this registration: it shows the current ID, or a wipe replaced an ID the registration had.
  const lead =
    servers.find((s) => s.role === 'lead' && s.systemId === current) ??
    servers.find((s) => s.role === 'lead' && ((s.previousSystemId && known.has(s.previousSystemId)) || known.has(s.systemId)));
  if (!lead) return null;
  const shadows = servers.filter((s) => s.role === 'shadow' && s.leadAddress === lead.address);
  const reported = info.inventory ? new Set(info.inventory.servers.map((s) => s.systemId)) : null;
  const rows: Row[] = [leadRow(lead, current, known), ...shadows.map((s) => shadowRow(s, lead, current, reported))];
  // Shadows the portal was told of that this read no longer finds under the lead.
  for (const entry of info.inventory?.servers ?? []) {
    if (entry.role !== 'shadow' || rows.some((r) => r.systemId === entry.systemId)) continue;
    const elsewhere = servers.find((s) => s.systemId === entry.systemId);
    rows.push({
      address: elsewhere?.address ?? '',
      name: entry.name,
      role: 'shadow',
      systemId: entry.systemId,
      holdsFor: elsewhere?.registration?.state === 'registered' ? elsewhere.registration.leadSystemId : null,
      state: 'not-in-inventory',
      message: elsewhere
        ? say('registration.listedButLeads', { systemId: current, lead: lead.name })
        : say('registration.listedButMissing', { systemId: current }),
      action: elsewhere ? 'register' : 'read-again',
    });
  }
  return { readAt: snapshot.readAt, leadAddress: lead.address, servers: rows };
}

const holds = (s: ServerView) => (s.registration?.state === 'registered' ? (s.registration.leadSystemId ?? s.systemId) : null);

function base(s: ServerView): Omit<Row, 'state' | 'message' | 'action'> {
  return { address: s.address, name: s.name, role: s.role, systemId: s.systemId, holdsFor: holds(s) };
}

function unreachable(s: ServerView): Row | null {
  if (s.status !== 'unreachable' && s.status !== 'ews-disabled' && s.status !== 'not-read') return null;
  return { ...base(s), state: 'unreachable', message: say('registration.notReadUnknown', { reason: s.statusReason ?? s.status }), action: 'read-again' };
}

function leadRow(lead: ServerView, current: string, known: Set<string>): Row {
  if (lead.systemId !== current) {
    const replaced = known.has(lead.systemId);
    return {
      ...base(lead),
      state: 'needs-association',
      message: replaced
        ? say('registration.restoredId', { shown: lead.systemId, current })
        : say('registration.leadWiped', { shown: lead.systemId, current }),
      action: 'associate',
    };
  }
  const gone = unreachable(lead);
  if (gone) return gone;
  if (holds(lead) !== current) {
    return { ...base(lead), state: 'not-written', message: say('registration.leadNotHolding'), action: 'write-again' };
  }
  return { ...base(lead), state: 'ok', message: say('registration.leadHolds'), action: null };
}

function shadowRow(shadow: ServerView, lead: ServerView, current: string, reported: Set<string> | null): Row {
  if (shadow.previousSystemId) {
    return { ...base(shadow), state: 'wiped-shadow', message: say('registration.shadowWiped', { previous: shadow.previousSystemId, lead: lead.name }), action: 'rewrite-shadow' };
  }
  const gone = unreachable(shadow);
  if (gone) return gone;
  if (holds(shadow) !== current) {
    return { ...base(shadow), state: 'not-written', message: say('registration.shadowNotCarrying', { lead: lead.name }), action: 'write-again' };
  }
  if (reported && !reported.has(shadow.systemId)) {
    return { ...base(shadow), state: 'not-in-inventory', message: say('registration.shadowNotReported'), action: 'write-again' };
  }
  return { ...base(shadow), state: 'ok', message: say('registration.shadowCarries', { lead: lead.name }), action: null };
}
