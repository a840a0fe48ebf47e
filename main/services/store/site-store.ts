// What the companion remembers about the site: the connection, the servers it read with their
// System ID history and registration, the relationships the user set up, and what failed.
import type { Db } from '../../../shared/node/sqlite.js';
import { computeLeads } from '../../../shared/domain/leads.js';
import { say } from '../../../shared/messages/say.js';
import type { ReadFailure, Registration, RemovedServer, ServerDetail, ServerKind, ServerStatus, ServerView, SiteSnapshot } from '../../../shared/domain/server.js';

export interface ReadServer {
  address: string;
  systemId: string;
  name: string;
  kind: ServerKind;
  model: string;
  version: string;
  parentAddress: string | null;
  /** Null when it could not be read this time: what was stored stays. */
  registration: Registration | null;
  /** The servers it listed as attached to it; null when its list could not be read. */
  children: string[] | null;
  /** Names of servers it listed without saying where they answer: still attached, address unknown. */
  unplaced: string[];
  /** What this read could not learn from it, in words. */
  note: string | null;
}

export interface ReadOutcome {
  /** The addresses the user listed: a top server leaves the site only by leaving this list. */
  roots: readonly string[];
  servers: ReadServer[];
  failures: ReadFailure[];
  cancelled: boolean;
}

interface ServerRow {
  address: string;
  system_id: string;
  name: string;
  kind: ServerKind;
  model: string;
  version: string;
  parent_address: string | null;
  last_seen_at: string;
  read_note: string | null;
}

interface RegistrationRow {
  address: string;
  state: 'registered' | 'unregistered';
  method: 'online' | 'offline' | null;
  code: string | null;
  organization: string | null;
  site_name: string | null;
  registered_at: string | null;
  lead_system_id: string | null;
}

const toRegistration = (r: RegistrationRow): Registration => ({
  state: r.state,
  method: r.method,
  code: r.code,
  organization: r.organization,
  siteName: r.site_name,
  registeredAt: r.registered_at,
  leadSystemId: r.lead_system_id,
});

export class SiteStore {
  constructor(private readonly db: Db) {}

  setting(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** What a server holds after the app wrote a registration to it, without waiting for the next read. */
  recordWritten(address: string, registration: Registration, at: string): void {
    this.db
      .prepare(
        `INSERT INTO registrations (address, state, method, code, organization, site_name, registered_at, lead_system_id, read_at)
         VALUES (@address, @state, @method, @code, @organization, @siteName, @registeredAt, @leadSystemId, @at)
         ON CONFLICT (address) DO UPDATE SET state = excluded.state, method = excluded.method, code = excluded.code,
           organization = excluded.organization, site_name = excluded.site_name, registered_at = excluded.registered_at,
           lead_system_id = excluded.lead_system_id, read_at = excluded.read_at`,
      )
      .run({ address, ...registration, at });
  }

  /** The wiped server's new System ID is associated with its registration: no longer flagged. */
  resolveReassociation(address: string, newSystemId: string, at: string): void {
    this.db.prepare('UPDATE reassociations SET resolved_at = ? WHERE address = ? AND new_system_id = ? AND resolved_at IS NULL').run(at, address, newSystemId);
    this.audit('site.reassociated', { address, newSystemId }, at);
  }

  audit(action: string, detail: unknown, at = new Date().toISOString()): void {
    this.db.prepare('INSERT INTO audit_log (at, action, detail) VALUES (?, ?, ?)').run(at, action, JSON.stringify(detail));
  }

  /**
   * Records one read of the site in one transaction. A server not read keeps what was stored: a
   * failed read never overwrites or forgets good data. A server is removed only when its parent
   * answered and no longer lists it (or, at the top, when the user took it off the address list),
   * and the removal is recorded with its reason. A wipe is a System ID other than the newest one
   * in the address's history, so one made while the server was out of reach is still caught.
   */
  saveRead(at: string, outcome: ReadOutcome): void {
    const db = this.db;
    const { servers, failures } = outcome;
    const newestId = db.prepare('SELECT system_id FROM system_id_history WHERE address = ? ORDER BY last_seen_at DESC, rowid DESC LIMIT 1').pluck();
    const upsert = db.prepare(`
      INSERT INTO servers (address, system_id, name, kind, model, version, parent_address, first_seen_at, last_seen_at, read_note)
      VALUES (@address, @systemId, @name, @kind, @model, @version, @parentAddress, @at, @at, @note)
      ON CONFLICT (address) DO UPDATE SET
        system_id = excluded.system_id, name = excluded.name, kind = excluded.kind, model = excluded.model,
        version = excluded.version, parent_address = excluded.parent_address, last_seen_at = excluded.last_seen_at,
        read_note = excluded.read_note`);
    const history = db.prepare(
      'INSERT INTO system_id_history (address, system_id, seen_at, last_seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (address, system_id) DO UPDATE SET last_seen_at = excluded.last_seen_at',
    );
    const storedParent = db.prepare('SELECT parent_address FROM servers WHERE address = ?').pluck();
    // A parent that answered with its list this time; only its word moves a server out from under it.
    const listedThisTime = new Set(servers.filter((s) => s.children !== null).map((s) => s.address));
    const registration = db.prepare(`
      INSERT INTO registrations (address, state, method, code, organization, site_name, registered_at, lead_system_id, read_at)
      VALUES (@address, @state, @method, @code, @organization, @siteName, @registeredAt, @leadSystemId, @at)
      ON CONFLICT (address) DO UPDATE SET state = excluded.state, method = excluded.method, code = excluded.code,
        organization = excluded.organization, site_name = excluded.site_name, registered_at = excluded.registered_at,
        lead_system_id = excluded.lead_system_id, read_at = excluded.read_at`);
    const addFailure = db.prepare('INSERT INTO read_failures (address, kind, reason, at) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const s of servers) {
        const before = newestId.get(s.address) as string | undefined;
        if (before !== undefined && before !== s.systemId) this.recordWipe(s.address, before, s.systemId, at);
        // Found as a listed address while the server above it said nothing: it is still attached there.
        const parent = s.parentAddress ?? (storedParent.get(s.address) as string | null | undefined) ?? null;
        const keepParent = s.parentAddress === null && parent !== null && !listedThisTime.has(parent);
        upsert.run({ ...s, parentAddress: keepParent ? parent : s.parentAddress, at });
        history.run(s.address, s.systemId, at, at);
        if (s.registration) registration.run({ address: s.address, ...s.registration, at });
      }
      db.prepare('DELETE FROM read_failures').run();
      for (const f of failures) addFailure.run(f.address, f.kind, f.reason, at);
      this.removeGone(at, outcome);
      this.setSetting('site.readAt', at);
      this.setSetting('site.readCancelled', outcome.cancelled ? '1' : '0');
    })();
  }

  /**
   * Part of saveRead: a System ID changed. The flag always names the ID the registration is under
   * (a second wipe before it was resolved keeps the first old ID); the old ID back (a database
   * restored from a backup) clears it; a server that held no registration needs no re-association.
   */
  private recordWipe(address: string, before: string, now: string, at: string): void {
    const db = this.db;
    // A System ID seen again after it was resolved (wiped back to it) is a new wipe to resolve.
    const flag = (oldId: string, resolvedAt: string | null, registered: boolean) =>
      db
        .prepare(
          `INSERT INTO reassociations (address, old_system_id, new_system_id, detected_at, resolved_at, was_registered) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (address, new_system_id) DO UPDATE SET old_system_id = excluded.old_system_id, detected_at = excluded.detected_at,
             resolved_at = excluded.resolved_at, was_registered = excluded.was_registered`,
        )
        .run(address, oldId, now, at, resolvedAt, registered ? 1 : 0);
    const open = db.prepare('SELECT old_system_id AS oldId, new_system_id AS newId FROM reassociations WHERE address = ? AND resolved_at IS NULL').get(address) as
      | { oldId: string; newId: string }
      | undefined;
    if (open) {
      db.prepare('UPDATE reassociations SET resolved_at = ? WHERE address = ? AND new_system_id = ?').run(at, address, open.newId);
      if (open.oldId === now) {
        this.audit('site.restore-recognised', { address, systemId: now }, at);
        return;
      }
      flag(open.oldId, null, true);
      this.audit('site.wipe-detected', { address, oldSystemId: open.oldId, newSystemId: now, wipedAgain: open.newId }, at);
      return;
    }
    const registered = db.prepare('SELECT state FROM registrations WHERE address = ?').pluck().get(address) === 'registered';
    // Nothing to re-associate for a server that held no registration: recorded, resolved at once.
    flag(before, registered ? null : at, registered);
    this.audit('site.wipe-detected', { address, oldSystemId: before, newSystemId: now, registered }, at);
  }

  /** Part of saveRead: servers whose parent answered without them, and everything below those. */
  private removeGone(at: string, outcome: ReadOutcome): void {
    const db = this.db;
    const reached = new Set([...outcome.servers.map((s) => s.address), ...outcome.failures.map((f) => f.address)]);
    const listed = new Map(outcome.servers.filter((s) => s.children !== null).map((s) => [s.address, { name: s.name, children: new Set(s.children), unplaced: new Set(s.unplaced) }]));
    const roots = new Set(outcome.roots);
    const rows = db.prepare('SELECT address, system_id, name, parent_address FROM servers').all() as { address: string; system_id: string; name: string; parent_address: string | null }[];
    const gone = new Map<string, string>();
    for (const row of rows) {
      if (reached.has(row.address)) continue;
      const parent = row.parent_address === null ? null : listed.get(row.parent_address);
      if (parent && !parent.children.has(row.address) && !parent.unplaced.has(row.name)) gone.set(row.address, say('site.noLongerListed', { parent: parent.name }));
      else if (row.parent_address === null && !roots.has(row.address)) gone.set(row.address, say('site.takenOff'));
    }
    // Whatever was below a removed server and was not reached another way goes with it.
    const nameOf = new Map(rows.map((r) => [r.address, r.name]));
    for (let grew = true; grew; ) {
      grew = false;
      for (const row of rows) {
        if (gone.has(row.address) || reached.has(row.address) || row.parent_address === null || !gone.has(row.parent_address)) continue;
        const parentName = nameOf.get(row.parent_address)!;
        gone.set(row.address, say('site.parentRemoved', { parent: parentName }));
        grew = true;
      }
    }
    if (!gone.size) return;
    this.recordRemovals(at, rows, gone);
    // A server read this time below one removed now stands on its own.
    db.prepare('UPDATE servers SET parent_address = NULL WHERE parent_address IS NOT NULL AND parent_address NOT IN (SELECT address FROM servers)').run();
  }

  private recordRemovals(at: string, rows: readonly { address: string; system_id: string; name: string; parent_address: string | null }[], gone: ReadonlyMap<string, string>): void {
    const db = this.db;
    const record = db.prepare('INSERT INTO server_removals (address, name, system_id, parent_address, reason, removed_at) VALUES (?, ?, ?, ?, ?, ?)');
    // The System ID history and an open re-association stay: a server that comes back is judged by them.
    const forget = [db.prepare('DELETE FROM servers WHERE address = ?'), db.prepare('DELETE FROM registrations WHERE address = ?')];
    const forgetOverrides = db.prepare('DELETE FROM lead_overrides WHERE shadow_address = ? OR lead_address = ?');
    for (const row of rows) {
      const reason = gone.get(row.address);
      if (reason === undefined) continue;
      record.run(row.address, row.name, row.system_id, row.parent_address, reason, at);
      for (const statement of forget) statement.run(row.address);
      forgetOverrides.run(row.address, row.address);
      this.audit('site.server-removed', { address: row.address, systemId: row.system_id, reason }, at);
    }
  }

  knownKinds(): Map<string, ServerKind> {
    const rows = this.db.prepare('SELECT address, kind FROM servers').all() as { address: string; kind: ServerKind }[];
    return new Map(rows.map((r) => [r.address, r.kind]));
  }

  overrides(): Map<string, string> {
    const rows = this.db.prepare('SELECT shadow_address, lead_address FROM lead_overrides').all() as { shadow_address: string; lead_address: string }[];
    return new Map(rows.map((r) => [r.shadow_address, r.lead_address]));
  }

  setOverride(shadow: string, lead: string | null, at = new Date().toISOString()): void {
    this.db.transaction(() => {
      if (lead === null) this.db.prepare('DELETE FROM lead_overrides WHERE shadow_address = ?').run(shadow);
      else
        this.db
          .prepare('INSERT INTO lead_overrides (shadow_address, lead_address, set_at) VALUES (?, ?, ?) ON CONFLICT (shadow_address) DO UPDATE SET lead_address = excluded.lead_address, set_at = excluded.set_at')
          .run(shadow, lead, at);
      this.audit('site.lead-set', { shadow, lead }, at);
    })();
  }

  snapshot(): SiteSnapshot {
    const db = this.db;
    const rows = db.prepare('SELECT address, system_id, name, kind, model, version, parent_address, last_seen_at, read_note FROM servers ORDER BY address').all() as ServerRow[];
    const readAt = this.setting('site.readAt');
    const cancelled = this.setting('site.readCancelled') === '1';
    const byAddress = new Map(rows.map((r) => [r.address, r]));
    const registrations = new Map((db.prepare('SELECT * FROM registrations').all() as RegistrationRow[]).map((r) => [r.address, toRegistration(r)]));
    const failures = new Map((db.prepare('SELECT address, kind, reason FROM read_failures').all() as ReadFailure[]).map((f) => [f.address, f]));
    const wipes = new Map(
      (db.prepare('SELECT address, old_system_id FROM reassociations WHERE resolved_at IS NULL').all() as { address: string; old_system_id: string }[]).map((w) => [w.address, w.old_system_id]),
    );
    // Wipes of servers that held no registration: nothing to re-associate, but the new ID is said.
    const newUnregistered = new Map(
      (db.prepare('SELECT address, old_system_id, new_system_id FROM reassociations WHERE was_registered = 0').all() as { address: string; old_system_id: string; new_system_id: string }[]).map((w) => [
        `${w.address}\n${w.new_system_id}`,
        w.old_system_id,
      ]),
    );
    const leads = computeLeads(rows.map((r) => ({ address: r.address, parentAddress: r.parent_address })), this.overrides());
    const systemIds = new Map(rows.map((r) => [r.address, r.system_id]));
    const servers: ServerView[] = rows.map((r) => {
      const lead = leads.get(r.address)!;
      const failure = failures.get(r.address);
      const registration = registrations.get(r.address) ?? null;
      const leadRegistered = registrations.get(lead.leadAddress)?.state === 'registered';
      let status: ServerStatus;
      const notRead = !failure && readAt !== null && r.last_seen_at !== readAt ? this.whyNotRead(r, readAt, cancelled, byAddress, failures) : null;
      if (failure) status = failure.kind === 'ews-disabled' ? 'ews-disabled' : 'unreachable';
      else if (wipes.has(r.address)) status = 'needs-reassociation';
      else if (notRead) status = 'not-read';
      else if (lead.role === 'lead') status = registration?.state === 'registered' ? 'registered' : 'unregistered';
      else status = leadRegistered ? 'inherits' : 'unregistered';
      // A shadow still holding a registration of its own (registered stand-alone, then attached):
      // the lead's registration will overwrite it (DOMAIN.md, Lead and shadow).
      const leadSystemId = systemIds.get(lead.leadAddress);
      const ownRegistration = lead.role === 'shadow' && registration?.state === 'registered' && registration.leadSystemId !== leadSystemId;
      const replacedId = registration?.state === 'registered' ? undefined : newUnregistered.get(`${r.address}\n${r.system_id}`);
      const notice = ownRegistration
        ? say('site.ownRegistrationNotice', { registration: [registration.organization, registration.siteName, registration.code].filter(Boolean).join(', ') || say('site.registered') })
        : replacedId !== undefined
          ? say(lead.role === 'lead' ? 'site.newIdLead' : 'site.newIdShadow', { previous: replacedId })
          : null;
      return {
        address: r.address,
        systemId: r.system_id,
        name: r.name,
        kind: r.kind,
        model: r.model,
        version: r.version,
        parentAddress: r.parent_address,
        leadAddress: lead.leadAddress,
        role: lead.role,
        relationship: lead.relationship,
        status,
        statusReason: failure?.reason ?? notRead,
        readNote: r.read_note,
        previousSystemId: wipes.get(r.address) ?? null,
        registration,
        notice,
        lastSeenAt: r.last_seen_at,
      };
    });
    const known = new Set(rows.map((r) => r.address));
    const removed = readAt === null ? [] : (db.prepare(
      'SELECT address, name, system_id AS systemId, parent_address AS parentAddress, reason, removed_at AS removedAt FROM server_removals WHERE removed_at = ? ORDER BY address',
    ).all(readAt) as RemovedServer[]);
    return {
      readAt,
      servers,
      failures: [...failures.values()].filter((f) => !known.has(f.address)).sort((a, b) => a.address.localeCompare(b.address)),
      removed,
    };
  }

  /** Why a stored server was not read by the last read: the nearest server above it that failed, or the read was cut short. */
  private whyNotRead(row: ServerRow, readAt: string, cancelled: boolean, byAddress: ReadonlyMap<string, ServerRow>, failures: ReadonlyMap<string, ReadFailure>): string {
    const since = say('site.keepsKnown', { date: row.last_seen_at.slice(0, 10) });
    for (let parent = row.parent_address, hops = 0; parent !== null && hops < 16; hops++) {
      const above = byAddress.get(parent);
      const failure = failures.get(parent);
      if (failure) return say('site.notReadParentFailed', { parent: above?.name ?? parent, reason: failure.reason.replace(/\.$/, ''), since });
      if (above?.last_seen_at === readAt) {
        if (cancelled) break;
        // The note goes with the name: a name and a note side by side could not be told apart again.
        return say('site.notReadThrough', { parent: above.read_note ? `${above.name} (${above.read_note.replace(/\.$/, '')})` : above.name, since });
      }
      parent = above?.parent_address ?? null;
    }
    if (cancelled) return say('site.notReadCancelled', { since });
    return say('site.notReadLast', { since });
  }

  detail(address: string): ServerDetail | null {
    const snapshot = this.snapshot();
    const server = snapshot.servers.find((s) => s.address === address);
    if (!server) return null;
    const history = (this.db.prepare('SELECT system_id AS systemId, seen_at AS seenAt FROM system_id_history WHERE address = ? ORDER BY seen_at, rowid').all(address) as { systemId: string; seenAt: string }[]);
    const shadows = snapshot.servers.filter((s) => s.role === 'shadow' && s.leadAddress === address).map((s) => s.address);
    return { server, history, shadows };
  }
}
