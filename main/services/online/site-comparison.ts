// The System Information page's side-by-side: what the portal holds for a registration against
// what each server of this companion's last read reports, each difference with the action that
// fixes it. Pure: the portal's answer and the snapshot in, rows out.
import type { SiteDifference, SystemInformationView } from '../../../shared/domain/online.js';
import type { ServerView, SiteSnapshot } from '../../../shared/domain/server.js';
import type { SystemInformation } from '../../../shared/portal/information.js';

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
        ? `The portal lists it as a shadow of ${current}, but on the site it now leads its own registration: register it, or make it a shadow of ${lead.name} again.`
        : `The portal lists it as a shadow of ${current}, but the last read did not find it: read the site again, then write the registration again to report the servers as they are.`,
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
  return { ...base(s), state: 'unreachable', message: `Not read in the last read (${s.statusReason ?? s.status}): what it holds now is not known.`, action: 'read-again' };
}

function leadRow(lead: ServerView, current: string, known: Set<string>): Row {
  if (lead.systemId !== current) {
    const replaced = known.has(lead.systemId);
    return {
      ...base(lead),
      state: 'needs-association',
      message: replaced
        ? `It shows ${lead.systemId}, which this registration had before ${current} (a database restored from a backup?). Read the site again; associate it again if it stays.`
        : `Its database was wiped: it shows ${lead.systemId}, the portal knows ${current}. Associate the new System ID with this registration.`,
      action: 'associate',
    };
  }
  const gone = unreachable(lead);
  if (gone) return gone;
  if (holds(lead) !== current) {
    return { ...base(lead), state: 'not-written', message: 'The portal has the registration, but the server does not hold it: write it again.', action: 'write-again' };
  }
  return { ...base(lead), state: 'ok', message: 'Holds the registration the portal has.', action: null };
}

function shadowRow(shadow: ServerView, lead: ServerView, current: string, reported: Set<string> | null): Row {
  if (shadow.previousSystemId) {
    return { ...base(shadow), state: 'wiped-shadow', message: `Its database was wiped (it was ${shadow.previousSystemId}): write ${lead.name}'s registration to it again.`, action: 'rewrite-shadow' };
  }
  const gone = unreachable(shadow);
  if (gone) return gone;
  if (holds(shadow) !== current) {
    return { ...base(shadow), state: 'not-written', message: `It does not carry ${lead.name}'s registration: write the registration again.`, action: 'write-again' };
  }
  if (reported && !reported.has(shadow.systemId)) {
    return { ...base(shadow), state: 'not-in-inventory', message: 'The portal was not told of this shadow: write the registration again to report the servers as they are.', action: 'write-again' };
  }
  return { ...base(shadow), state: 'ok', message: `Carries ${lead.name}'s registration.`, action: null };
}
