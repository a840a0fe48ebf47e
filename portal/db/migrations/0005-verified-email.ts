import type { Migration } from '../../../shared/node/sqlite.js';

// E-mail verification and invitation links. Accounts made before this version count as verified
// (they were made under the rules of their time and may hold systems already). Links are
// single-use and expire; only their SHA-256 hashes are stored. Invitations from before this
// version carry no link, so the ones still open are closed: their owner invites again.
export const m0005: Migration = {
  version: 5,
  name: 'verified-email',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN email_verified_at TEXT;
      UPDATE accounts SET email_verified_at = created_at;

      CREATE TABLE email_verifications (
        id          INTEGER PRIMARY KEY,
        account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        -- The address the link was sent to: a link verifies only that address.
        email       TEXT NOT NULL COLLATE NOCASE,
        token_hash  TEXT NOT NULL UNIQUE,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        used_at     TEXT
      ) STRICT;
      CREATE INDEX email_verifications_account ON email_verifications(account_id);

      ALTER TABLE system_invitations ADD COLUMN token_hash TEXT;
      CREATE UNIQUE INDEX system_invitations_token ON system_invitations(token_hash) WHERE token_hash IS NOT NULL;
      UPDATE system_invitations SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE accepted_at IS NULL AND token_hash IS NULL AND expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
    `);
  },
};
