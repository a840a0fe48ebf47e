import type { PgMigration } from '../../store/pg-db.js';
import { TEXT } from './sql.js';

// Every Registration code the portal issued, with the request it answers. The id is the code's
// serial: an identity (a sequence) shared by every instance, never reused, so serials only grow.
export const m0003: PgMigration = {
  version: 3,
  name: 'issued-codes',
  async up(sql) {
    await sql.run(`
      CREATE TABLE issued_codes (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        registration_id   bigint NOT NULL REFERENCES registrations(id),
        kind              ${TEXT} NOT NULL CHECK (kind IN ('register', 'associate')),
        system_id         ${TEXT} NOT NULL,
        request_digest    ${TEXT} NOT NULL UNIQUE,
        request_code      ${TEXT} NOT NULL,
        registration_code ${TEXT} NOT NULL,
        token             ${TEXT} NOT NULL,
        issued_by         bigint NOT NULL REFERENCES accounts(id),
        issued_at         ${TEXT} NOT NULL,
        valid_until       ${TEXT} NOT NULL
      );
      CREATE INDEX issued_codes_registration ON issued_codes(registration_id, id);
    `);
  },
};
