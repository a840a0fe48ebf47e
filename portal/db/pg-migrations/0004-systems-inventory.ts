import type { PgMigration } from '../../store/pg-db.js';
import { backfilledSummary, type BackfillRow } from '../migrations/0004-systems-inventory.js';
import { TEXT } from './sql.js';

// As SQLite's 0004: the account's systems list as its own narrow table, kept by the store on every
// write; how the registration last reached its site (delivery); the latest inventory per
// registration with its shadows' System IDs indexed; the registration each mail is about. The
// list's text columns sort ignoring case by lower() of their "C" text (sql.ts), in the store.
export const m0004: PgMigration = {
  version: 4,
  name: 'systems-inventory',
  async up(sql) {
    await sql.run(`
      CREATE TABLE system_summaries (
        registration_id bigint PRIMARY KEY REFERENCES registrations(id),
        integrator_id   bigint REFERENCES accounts(id),
        end_user_id     bigint REFERENCES accounts(id),
        system_id       ${TEXT} NOT NULL,
        site_name       ${TEXT} NOT NULL,
        city            ${TEXT} NOT NULL,
        country         ${TEXT} NOT NULL,
        status          ${TEXT} NOT NULL CHECK (status IN ('confirmed', 'pending-consent')),
        -- The latest of an online inventory report and a code issued: how the registration reached its site.
        delivery        ${TEXT} CHECK (delivery IN ('online', 'offline')),
        delivered_at    ${TEXT},
        updated_at      ${TEXT} NOT NULL,
        search          ${TEXT} NOT NULL
      );
      CREATE INDEX system_summaries_integrator ON system_summaries(integrator_id, updated_at, registration_id);
      CREATE INDEX system_summaries_end_user ON system_summaries(end_user_id, updated_at, registration_id);

      CREATE TABLE inventories (
        registration_id bigint PRIMARY KEY REFERENCES registrations(id),
        reported_at     ${TEXT} NOT NULL,
        source          ${TEXT} NOT NULL CHECK (source IN ('online', 'offline')),
        lead_system_id  ${TEXT} NOT NULL,
        reported_by     bigint REFERENCES accounts(id),
        servers         ${TEXT} NOT NULL
      );
      CREATE TABLE inventory_shadows (
        system_id       ${TEXT} NOT NULL,
        registration_id bigint NOT NULL REFERENCES inventories(registration_id),
        PRIMARY KEY (system_id, registration_id)
      );
      CREATE INDEX inventory_shadows_registration ON inventory_shadows(registration_id);

      ALTER TABLE mail_queue ADD COLUMN registration_id bigint REFERENCES registrations(id);
      CREATE INDEX mail_queue_registration ON mail_queue(registration_id, id);
    `);

    // Registrations made before this version (none in a database the portal made on PostgreSQL).
    const rows = await sql.all<BackfillRow & { last_code_at: string | null }>(
      `SELECT r.id, r.integrator_id, r.end_user_id, r.installation, r.consent, r.updated_at,
              (SELECT system_id FROM system_ids s WHERE s.registration_id = r.id ORDER BY s.replaced_at IS NULL DESC, s.associated_at DESC, s.seq DESC LIMIT 1) AS system_id,
              (SELECT max(issued_at) FROM issued_codes c WHERE c.registration_id = r.id) AS last_code_at
       FROM registrations r ORDER BY r.id`,
    );
    for (const r of rows) {
      const s = backfilledSummary(r);
      // No inventory was kept before: a registration with a code issued reached its site offline.
      await sql.run(
        `INSERT INTO system_summaries (registration_id, integrator_id, end_user_id, system_id, site_name, city, country, status, delivery, delivered_at, updated_at, search)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [s.registrationId, s.integratorId, s.endUserId, s.systemId, s.siteName, s.city, s.country, s.status, r.last_code_at ? 'offline' : null, r.last_code_at, s.updatedAt, s.search],
      );
    }
  },
};
