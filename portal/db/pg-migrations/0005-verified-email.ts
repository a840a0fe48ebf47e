import type { PgMigration } from '../../store/pg-db.js';
import { ID, NOCASE, NOW_ISO, TEXT } from './sql.js';

// As SQLite's 0005: e-mail verification and invitation links (single-use, expiring, stored as
// SHA-256 hashes). Accounts made before count as verified; open invitations without a link close.
export const m0005: PgMigration = {
  version: 5,
  name: 'verified-email',
  async up(sql) {
    await sql.run(`
      ALTER TABLE accounts ADD COLUMN email_verified_at ${TEXT};
      UPDATE accounts SET email_verified_at = created_at;

      CREATE TABLE email_verifications (
        id          ${ID},
        account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        -- The address the link was sent to: a link verifies only that address.
        email       ${NOCASE} NOT NULL,
        token_hash  ${TEXT} NOT NULL UNIQUE,
        created_at  ${TEXT} NOT NULL,
        expires_at  ${TEXT} NOT NULL,
        used_at     ${TEXT}
      );
      CREATE INDEX email_verifications_account ON email_verifications(account_id);

      ALTER TABLE system_invitations ADD COLUMN token_hash ${TEXT};
      CREATE UNIQUE INDEX system_invitations_token ON system_invitations(token_hash) WHERE token_hash IS NOT NULL;
      UPDATE system_invitations SET expires_at = ${NOW_ISO}
        WHERE accepted_at IS NULL AND token_hash IS NULL AND expires_at > ${NOW_ISO};
    `);
  },
};
