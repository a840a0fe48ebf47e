import type { PgMigration } from '../../store/pg-db.js';
import { ID, NOCASE, TEXT } from './sql.js';

// As SQLite's 0002: accounts with sessions and MFA; registrations with their System IDs (history
// kept) and the invitations to their free place; the audit log and the mail queue. Differences, for
// what SQLite gives implicitly: logon_failures has an id (SQLite's rowid), and system_ids a seq
// (SQLite's rowid: the order IDs were added, the tie-break after associated_at).
export const m0002: PgMigration = {
  version: 2,
  name: 'accounts-systems',
  async up(sql) {
    await sql.run(`
      -- SQLite's COLLATE NOCASE for e-mail addresses (sql.ts).
      CREATE COLLATION portal_nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

      CREATE TABLE accounts (
        id                  ${ID},
        email               ${NOCASE} NOT NULL UNIQUE,
        kind                ${TEXT} NOT NULL CHECK (kind IN ('branch', 'partner', 'end-user')),
        name                ${TEXT} NOT NULL,
        organization        ${TEXT} NOT NULL,
        password_hash       ${TEXT} NOT NULL,
        totp_secret_sealed  ${TEXT},
        totp_pending_sealed ${TEXT},
        totp_last_step      bigint,
        created_at          ${TEXT} NOT NULL,
        password_changed_at ${TEXT} NOT NULL
      );

      CREATE TABLE recovery_codes (
        account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        code_hash  ${TEXT} NOT NULL,
        used_at    ${TEXT},
        PRIMARY KEY (account_id, code_hash)
      );

      -- Tokens are stored as SHA-256 hashes: a copy of the database logs nobody on.
      CREATE TABLE sessions (
        id           ${ID},
        token_hash   ${TEXT} NOT NULL UNIQUE,
        account_id   bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        created_at   ${TEXT} NOT NULL,
        expires_at   ${TEXT} NOT NULL,
        revoked_at   ${TEXT},
        address      ${TEXT} NOT NULL,
        -- The session itself passed the authenticator check.
        mfa_verified boolean NOT NULL DEFAULT false
      );
      CREATE INDEX sessions_account ON sessions(account_id);

      CREATE TABLE logon_failures (
        id  ${ID},
        key ${TEXT} NOT NULL,
        -- Milliseconds since 1970.
        at  bigint NOT NULL
      );
      CREATE INDEX logon_failures_key_at ON logon_failures(key, at);

      CREATE TABLE registrations (
        id                 ${ID},
        integrator_id      bigint REFERENCES accounts(id),
        end_user_id        bigint REFERENCES accounts(id),
        end_user_edited    boolean NOT NULL DEFAULT false,
        installation       ${TEXT} NOT NULL,
        site_administrator ${TEXT} NOT NULL,
        warranty           ${TEXT},
        consent            ${TEXT} NOT NULL,
        revision           integer NOT NULL DEFAULT 1,
        created_at         ${TEXT} NOT NULL,
        updated_at         ${TEXT} NOT NULL
      );
      CREATE INDEX registrations_integrator ON registrations(integrator_id);
      CREATE INDEX registrations_end_user ON registrations(end_user_id);

      -- System IDs are case-sensitive: "C" compares them exactly.
      CREATE TABLE system_ids (
        system_id       ${TEXT} PRIMARY KEY,
        registration_id bigint NOT NULL REFERENCES registrations(id),
        associated_at   ${TEXT} NOT NULL,
        replaced_at     ${TEXT},
        seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE
      );
      CREATE INDEX system_ids_registration ON system_ids(registration_id);

      CREATE TABLE system_invitations (
        id              ${ID},
        registration_id bigint NOT NULL REFERENCES registrations(id),
        email           ${NOCASE} NOT NULL,
        role            ${TEXT} NOT NULL CHECK (role IN ('integrator', 'end-user')),
        invited_by      bigint NOT NULL REFERENCES accounts(id),
        created_at      ${TEXT} NOT NULL,
        expires_at      ${TEXT} NOT NULL,
        accepted_at     ${TEXT}
      );
      CREATE INDEX system_invitations_registration ON system_invitations(registration_id);

      CREATE TABLE audit_log (
        id              ${ID},
        at              ${TEXT} NOT NULL,
        account_id      bigint REFERENCES accounts(id),
        registration_id bigint REFERENCES registrations(id),
        action          ${TEXT} NOT NULL,
        detail          ${TEXT} NOT NULL
      );
      CREATE INDEX audit_log_registration ON audit_log(registration_id, id);
      CREATE INDEX audit_log_account ON audit_log(account_id, id);

      CREATE TABLE mail_queue (
        id          ${ID},
        created_at  ${TEXT} NOT NULL,
        recipients  ${TEXT} NOT NULL,
        subject     ${TEXT} NOT NULL,
        body        ${TEXT} NOT NULL,
        attempts    integer NOT NULL DEFAULT 0,
        -- Milliseconds since 1970.
        next_try_at bigint NOT NULL DEFAULT 0,
        sent_at     ${TEXT},
        last_error  ${TEXT}
      );
      CREATE INDEX mail_queue_pending ON mail_queue(sent_at, next_try_at);
    `);
  },
};
