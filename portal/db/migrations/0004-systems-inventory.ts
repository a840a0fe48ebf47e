import type { Migration } from '../../../shared/node/sqlite.js';
import { summaryRow, type SummaryRow } from '../../store/summary.js';

// The account's systems list as its own narrow table, kept by the store on every write, so a page
// (searched, sorted, paged) is one indexed query; how the registration last reached its site
// (delivery); the latest inventory per registration, with its shadows' System IDs indexed so an
// association can refuse a shadow's ID; and the registration each notification mail is about.
export const m0004: Migration = {
  version: 4,
  name: 'systems-inventory',
  up(db) {
    db.exec(`
      -- Sorted the way people read: text case-insensitively; ties by registration so pages are stable.
      CREATE TABLE system_summaries (
        registration_id INTEGER PRIMARY KEY REFERENCES registrations(id),
        integrator_id   INTEGER REFERENCES accounts(id),
        end_user_id     INTEGER REFERENCES accounts(id),
        system_id       TEXT NOT NULL COLLATE NOCASE,
        site_name       TEXT NOT NULL COLLATE NOCASE,
        city            TEXT NOT NULL COLLATE NOCASE,
        country         TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('confirmed', 'pending-consent')),
        -- The latest of an online inventory report and a code issued: how the registration reached its site.
        delivery        TEXT CHECK (delivery IN ('online', 'offline')),
        delivered_at    TEXT,
        updated_at      TEXT NOT NULL,
        search          TEXT NOT NULL
      ) STRICT;
      -- The default order (last change, newest first) straight from an index, per kind of owner.
      CREATE INDEX system_summaries_integrator ON system_summaries(integrator_id, updated_at, registration_id);
      CREATE INDEX system_summaries_end_user ON system_summaries(end_user_id, updated_at, registration_id);

      CREATE TABLE inventories (
        registration_id INTEGER PRIMARY KEY REFERENCES registrations(id),
        reported_at     TEXT NOT NULL,
        source          TEXT NOT NULL CHECK (source IN ('online', 'offline')),
        lead_system_id  TEXT NOT NULL,
        reported_by     INTEGER REFERENCES accounts(id),
        servers         TEXT NOT NULL
      ) STRICT;
      -- Every shadow of every latest report: a shadow's System ID is never associated on its own.
      CREATE TABLE inventory_shadows (
        system_id       TEXT NOT NULL,
        registration_id INTEGER NOT NULL REFERENCES inventories(registration_id),
        PRIMARY KEY (system_id, registration_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX inventory_shadows_registration ON inventory_shadows(registration_id);

      -- Null for mail queued before this version.
      ALTER TABLE mail_queue ADD COLUMN registration_id INTEGER REFERENCES registrations(id);
      CREATE INDEX mail_queue_registration ON mail_queue(registration_id, id);
    `);

    const insert = db.prepare(
      `INSERT INTO system_summaries (registration_id, integrator_id, end_user_id, system_id, site_name, city, country, status, delivery, delivered_at, updated_at, search)
       VALUES (@registrationId, @integratorId, @endUserId, @systemId, @siteName, @city, @country, @status, @delivery, @deliveredAt, @updatedAt, @search)`,
    );
    const rows = db
      .prepare(
        `SELECT r.id, r.integrator_id, r.end_user_id, r.installation, r.consent, r.updated_at,
                (SELECT system_id FROM system_ids s WHERE s.registration_id = r.id ORDER BY s.replaced_at IS NULL DESC, s.associated_at DESC, s.rowid DESC LIMIT 1) AS system_id,
                (SELECT max(issued_at) FROM issued_codes c WHERE c.registration_id = r.id) AS last_code_at
         FROM registrations r`,
      )
      .all() as Array<BackfillRow & { last_code_at: string | null }>;
    for (const r of rows) {
      insert.run({
        ...backfilledSummary(r),
        // No inventory was kept before: a registration with a code issued reached its site offline.
        delivery: r.last_code_at ? 'offline' : null,
        deliveredAt: r.last_code_at,
      });
    }
  },
};

/** A registration made before this version, as the backfill reads it (here and in pg-migrations/0004). */
export interface BackfillRow {
  id: number;
  integrator_id: number | null;
  end_user_id: number | null;
  installation: string;
  consent: string;
  updated_at: string;
  system_id: string;
}

/** The systems list's row of a registration made before this version (also pg-migrations/0004). */
export function backfilledSummary(r: BackfillRow): SummaryRow {
  const installation = JSON.parse(r.installation) as { siteName: string; city: string; country: string };
  const consent = JSON.parse(r.consent) as Record<'shareSystemInformation' | 'sharePersonalInformation', { given: boolean }>;
  return summaryRow({
    registrationId: r.id,
    integratorId: r.integrator_id,
    endUserId: r.end_user_id,
    systemId: r.system_id,
    siteName: installation.siteName,
    city: installation.city,
    country: installation.country,
    confirmed: consent.shareSystemInformation.given && consent.sharePersonalInformation.given,
    updatedAt: r.updated_at,
  });
}
