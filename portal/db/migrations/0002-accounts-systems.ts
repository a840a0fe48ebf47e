import type { Migration } from '../../../shared/node/sqlite.js';

// Accounts with sessions and MFA; registrations with their System IDs (history kept) and the
// invitations to their free place; the audit log, and the mail queue that edits write into in the
// same transaction.
export const m0002: Migration = {
  version: 2,
  name: 'accounts-systems',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id                  INTEGER PRIMARY KEY,
        email               TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind                TEXT NOT NULL CHECK (kind IN ('branch', 'partner', 'end-user')),
        name                TEXT NOT NULL,
        organization        TEXT NOT NULL,
        password_hash       TEXT NOT NULL,
        totp_secret_sealed  TEXT,
        totp_pending_sealed TEXT,
        totp_last_step      INTEGER,
        created_at          TEXT NOT NULL,
        password_changed_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE recovery_codes (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        code_hash  TEXT NOT NULL,
        used_at    TEXT,
        PRIMARY KEY (account_id, code_hash)
      ) STRICT;

      -- Tokens are stored as SHA-256 hashes: a copy of the database logs nobody on.
      CREATE TABLE sessions (
        id          INTEGER PRIMARY KEY,
        token_hash  TEXT NOT NULL UNIQUE,
        account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        revoked_at  TEXT,
        address     TEXT NOT NULL,
        -- The session itself passed the authenticator check: one opened with the password alone
        -- before enrolment must not gain full access when the account later enrols.
        mfa_verified INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX sessions_account ON sessions(account_id);

      CREATE TABLE logon_failures (
        key TEXT NOT NULL,
        at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX logon_failures_key_at ON logon_failures(key, at);

      CREATE TABLE registrations (
        id                   INTEGER PRIMARY KEY,
        integrator_id        INTEGER REFERENCES accounts(id),
        end_user_id          INTEGER REFERENCES accounts(id),
        end_user_edited      INTEGER NOT NULL DEFAULT 0,
        installation         TEXT NOT NULL,
        site_administrator   TEXT NOT NULL,
        warranty             TEXT,
        consent              TEXT NOT NULL,
        revision             INTEGER NOT NULL DEFAULT 1,
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX registrations_integrator ON registrations(integrator_id);
      CREATE INDEX registrations_end_user ON registrations(end_user_id);

      -- System IDs are case-sensitive: BINARY collation, the default, compares them exactly.
      CREATE TABLE system_ids (
        system_id       TEXT PRIMARY KEY,
        registration_id INTEGER NOT NULL REFERENCES registrations(id),
        associated_at   TEXT NOT NULL,
        replaced_at     TEXT
      ) STRICT;
      CREATE INDEX system_ids_registration ON system_ids(registration_id);

      -- A registered system's free place (integrator or end user) is taken only by the account its
      -- owner invited: knowing a System ID is not enough to see or change a registration.
      CREATE TABLE system_invitations (
        id              INTEGER PRIMARY KEY,
        registration_id INTEGER NOT NULL REFERENCES registrations(id),
        email           TEXT NOT NULL COLLATE NOCASE,
        role            TEXT NOT NULL CHECK (role IN ('integrator', 'end-user')),
        invited_by      INTEGER NOT NULL REFERENCES accounts(id),
        created_at      TEXT NOT NULL,
        expires_at      TEXT NOT NULL,
        accepted_at     TEXT
      ) STRICT;
      CREATE INDEX system_invitations_registration ON system_invitations(registration_id);

      CREATE TABLE audit_log (
        id              INTEGER PRIMARY KEY,
        at              TEXT NOT NULL,
        account_id      INTEGER REFERENCES accounts(id),
        registration_id INTEGER REFERENCES registrations(id),
        action          TEXT NOT NULL,
        detail          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_registration ON audit_log(registration_id, id);
      CREATE INDEX audit_log_account ON audit_log(account_id, id);

      CREATE TABLE mail_queue (
        id          INTEGER PRIMARY KEY,
        created_at  TEXT NOT NULL,
        recipients  TEXT NOT NULL,
        subject     TEXT NOT NULL,
        body        TEXT NOT NULL,
        attempts    INTEGER NOT NULL DEFAULT 0,
        next_try_at INTEGER NOT NULL DEFAULT 0,
        sent_at     TEXT,
        last_error  TEXT
      ) STRICT;
      CREATE INDEX mail_queue_pending ON mail_queue(sent_at, next_try_at);
    `);
  },
};
