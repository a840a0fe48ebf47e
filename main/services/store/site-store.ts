// What the companion remembers about the site: the connection, the servers it read with their
// System ID history and registration, the relationships the user set up, and what failed.
import type { Db } from '../../../shared/node/sqlite.js';
import { computeLeads } from '../../../shared/domain/leads.js';
import type { ReadFailure, Registration, ServerDetail, ServerKind, ServerStatus, ServerView, SiteSnapshot } from '../../../shared/domain/server.js';

export interface ReadServer {
  address: string;
  systemId: string;
  name: string;
  kind: ServerKind;
  model: string;
  version: string;
  parentAddress: string | null;
  registration: Registration | null;
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
   * Records one read of the site in one transaction. A server that failed keeps what was stored
   * before: a failed read never overwrites good data. A complete read (not cancelled) forgets
   * servers that are no longer part of the site.
   */
  saveRead(at: string, servers: ReadServer[], failures: ReadFailure[], complete: boolean): void {
    const db = this.db;
    const existing = db.prepare('SELECT system_id FROM servers WHERE address = ?');
    const upsert = db.prepare(`
      INSERT INTO servers (address, system_id, name, kind, model, version, parent_address, first_seen_at, last_seen_at)
      VALUES (@address, @systemId, @name, @kind, @model, @version, @parentAddress, @at, @at)
      ON CONFLICT (address) DO UPDATE SET
        system_id = excluded.system_id, name = excluded.name, kind = excluded.kind, model = excluded.model,
        version = excluded.version, parent_address = excluded.parent_address, last_seen_at = excluded.last_seen_at`);
    const history = db.prepare('INSERT OR IGNORE INTO system_id_history (address, system_id, seen_at) VALUES (?, ?, ?)');
    const wiped = db.prepare('INSERT OR IGNORE INTO reassociations (address, old_system_id, new_system_id, detected_at) VALUES (?, ?, ?, ?)');
    const registration = db.prepare(`
      INSERT INTO registrations (address, state, method, code, organization, site_name, registered_at, lead_system_id, read_at)
      VALUES (@address, @state, @method, @code, @organization, @siteName, @registeredAt, @leadSystemId, @at)
      ON CONFLICT (address) DO UPDATE SET state = excluded.state, method = excluded.method, code = excluded.code,
        organization = excluded.organization, site_name = excluded.site_name, registered_at = excluded.registered_at,
        lead_system_id = excluded.lead_system_id, read_at = excluded.read_at`);
    const addFailure = db.prepare('INSERT INTO read_failures (address, kind, reason, at) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const s of servers) {
        const before = existing.get(s.address) as { system_id: string } | undefined;
        if (before && before.system_id !== s.systemId) {
          wiped.run(s.address, before.system_id, s.systemId, at);
          this.audit('site.wipe-detected', { address: s.address, oldSystemId: before.system_id, newSystemId: s.systemId }, at);
        }
        upsert.run({ ...s, at });
        history.run(s.address, s.systemId, at);
        if (s.registration) registration.run({ address: s.address, ...s.registration, at });
      }
      db.prepare('DELETE FROM read_failures').run();
      for (const f of failures) addFailure.run(f.address, f.kind, f.reason, at);
      if (complete) {
        // Servers neither read nor failing are no longer part of the site.
        db.prepare('DELETE FROM servers WHERE last_seen_at <> ? AND address NOT IN (SELECT address FROM read_failures)').run(at);
        db.exec(`
          DELETE FROM registrations WHERE address NOT IN (SELECT address FROM servers);
          DELETE FROM lead_overrides WHERE shadow_address NOT IN (SELECT address FROM servers) OR lead_address NOT IN (SELECT address FROM servers);`);
      }
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run('site.readAt', at);
    })();
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
    const rows = db.prepare('SELECT address, system_id, name, kind, model, version, parent_address, last_seen_at FROM servers ORDER BY address').all() as ServerRow[];
    const registrations = new Map((db.prepare('SELECT * FROM registrations').all() as RegistrationRow[]).map((r) => [r.address, toRegistration(r)]));
    const failures = new Map((db.prepare('SELECT address, kind, reason FROM read_failures').all() as ReadFailure[]).map((f) => [f.address, f]));
    const wipes = new Map(
      (db.prepare('SELECT address, old_system_id FROM reassociations WHERE resolved_at IS NULL').all() as { address: string; old_system_id: string }[]).map((w) => [w.address, w.old_system_id]),
    );
    const leads = computeLeads(rows.map((r) => ({ address: r.address, parentAddress: r.parent_address })), this.overrides());
    const systemIds = new Map(rows.map((r) => [r.address, r.system_id]));
    const servers: ServerView[] = rows.map((r) => {
      const lead = leads.get(r.address)!;
      const failure = failures.get(r.address);
      const registration = registrations.get(r.address) ?? null;
      const leadRegistered = registrations.get(lead.leadAddress)?.state === 'registered';
      let status: ServerStatus;
      if (failure) status = failure.kind === 'ews-disabled' ? 'ews-disabled' : 'unreachable';
      else if (wipes.has(r.address)) status = 'needs-reassociation';
      else if (lead.role === 'lead') status = registration?.state === 'registered' ? 'registered' : 'unregistered';
      else status = leadRegistered ? 'inherits' : 'unregistered';
      // A shadow still holding a registration of its own (registered stand-alone, then attached):
      // the lead's registration will overwrite it (DOMAIN.md, Lead and shadow).
      const leadSystemId = systemIds.get(lead.leadAddress);
      const ownRegistration = lead.role === 'shadow' && registration?.state === 'registered' && registration.leadSystemId !== leadSystemId;
      const notice = ownRegistration
        ? `Holds a registration of its own (${[registration.organization, registration.siteName, registration.code].filter(Boolean).join(', ') || 'registered'}) from before it became a shadow; its lead's registration will overwrite it.`
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
        statusReason: failure?.reason ?? null,
        previousSystemId: wipes.get(r.address) ?? null,
        registration,
        notice,
        lastSeenAt: r.last_seen_at,
      };
    });
    const known = new Set(rows.map((r) => r.address));
    return {
      readAt: this.setting('site.readAt'),
      servers,
      failures: [...failures.values()].filter((f) => !known.has(f.address)).sort((a, b) => a.address.localeCompare(b.address)),
    };
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
