// The portal's data layer on PostgreSQL, for several portal instances sharing one database: the
// same interface and the same meaning as the SQLite engine (sqlite-store.ts), statement for
// statement. What SQLite gets from running one writer at a time, this gets from pg-db.ts's
// transactions: every other method that reads and then writes runs in one SERIALIZABLE transaction,
// run again when PostgreSQL finds it collided with another, so each behaves as if it ran alone (but
// chargeAttempt: one statement under advisory locks on its keys, see there).
//
// `decide` and `saveInventory` are the exceptions, the portal's busiest writes: READ COMMITTED, with
// locks on everything their decisions read, so that concurrent ones wait for each other instead of
// colliding and running again (as serializable ones did, half of them under load). Each statement
// then sees what was committed before it began:
// - the System ID asked about: an advisory lock on its text, taken with BEGIN (claims on one ID
//   queue, and the first claim of a new ID, which has no row to lock yet, is one at a time);
// - its registration: its row, locked FOR UPDATE before it is read, so a decision reached through
//   another of its System IDs, or an inventory report, waits;
// - an associated System ID and the inventories' shadows: a shared lock per hash bucket of the ID
//   (pg-db.ts, systemIdBucketsLock), taken by an association and by every inventory report, so an
//   ID cannot become one registration's System ID while another site reports it as a shadow;
// - and the primary key of system_ids, should two registrations still take one new ID at once
//   (the loser runs again and finds it taken).
// So concurrent claims on one System ID can never produce two owners, from one process or several.
//
// Single-use things stay single-use across processes the way they do on SQLite: a TOTP step, a
// recovery code, a verification or invitation link, a license key are each claimed by one
// conditional UPDATE (`... WHERE used_at IS NULL`, `totp_last_step < $step`), which PostgreSQL
// re-checks on the row as a concurrent winner left it. Issued-code serials come from the table's
// identity (a sequence shared by every instance).
import type { SystemListQuery } from '../../shared/portal/systems.js';
import type { PgDatabase, Sql, Statement, Tx } from './pg-db.js';
import { isUniqueViolation, pgSchemaVersion, systemIdBucketsLock } from './pg-db.js';
import { newAccountOrganizationPg, pgOrganizations } from './pg-organizations.js';
import { delegatedEndUserStatement, pgPartnerAccess } from './pg-partner-access.js';
import { pgLicenses } from './pg-licenses.js';
import { summaryOf } from './summary.js';
import type { CreatedAccount } from './organization-store.js';
import type {
  AuditInput,
  AuditRow,
  Decision,
  EmailVerificationRow,
  Found,
  InventorySaved,
  InvitationLink,
  ListedSystem,
  PortalStore,
  QueuedMail,
  RegistrationState,
  VerificationOutcome,
} from './store.js';
import { ShadowSystemIdError, SystemIdTakenError } from './store.js';
import { storedColumns, toAccount, toCode, toInvitation, toInventory, toListed, toMail, toRegistrationState, type AccountDbRow, type InventoryDbRow, type InvitationDbRow, type IssuedCodeDbRow, type ListedDbRow, type MailDbRow, type RegistrationDbRow, type SystemIdDbRow } from './rows/accounts-systems.js';

const MAX_MAIL_ATTEMPTS = 12;
// The systems list's text columns sort as SQLite's COLLATE NOCASE: lower() of "C" text lower-cases
// ASCII only, and compares bytes (portal/db/pg-migrations/sql.ts).
const SORT_COLUMNS: Record<SystemListQuery['sort'], string> = {
  systemId: 'lower(system_id)',
  siteName: 'lower(site_name)',
  city: 'lower(city)',
  country: 'country',
  status: 'status',
  updatedAt: 'updated_at',
};

const ACCOUNT_BY_ID = 'SELECT * FROM accounts WHERE id = $1';
const SYSTEM_ID = 'SELECT system_id, registration_id, associated_at, replaced_at FROM system_ids WHERE system_id = $1';
const CURRENT_SYSTEM_ID = 'SELECT system_id FROM system_ids WHERE registration_id = $1 AND replaced_at IS NULL';
const INSERT_SYSTEM_ID = 'INSERT INTO system_ids (system_id, registration_id, associated_at) VALUES ($1, $2, $3)';
const INSERT_MAIL = 'INSERT INTO mail_queue (created_at, recipients, subject, body, registration_id) VALUES ($1, $2, $3, $4, $5)';
const REVOKE_OTHERS = 'UPDATE sessions SET revoked_at = $1 WHERE account_id = $2 AND id != $3 AND revoked_at IS NULL';
const COUNT_FAILURES = 'SELECT count(*) AS n FROM logon_failures WHERE key = $1 AND at >= $2';
const CODE_BY_REQUEST = 'SELECT * FROM issued_codes WHERE request_digest = $1';
// The latest event wins: an online report, or a code issued for an offline request.
const SET_DELIVERY = 'UPDATE system_summaries SET delivery = $1, delivered_at = $2 WHERE registration_id = $3 AND (delivered_at IS NULL OR delivered_at <= $4)';
/**
 * The dispatcher's take: the oldest unsent messages due ($1 now, $2 how many), leased until $3.
 * After MAX_MAIL_ATTEMPTS a message stays in the queue with its last error, for the operator.
 */
export const PENDING_MAIL = `UPDATE mail_queue SET next_try_at = $3 WHERE id IN (
    SELECT id FROM mail_queue WHERE sent_at IS NULL AND next_try_at <= $1 AND attempts < ${MAX_MAIL_ATTEMPTS} ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
  RETURNING id, recipients, subject, body, attempts`;
const LOCK_REGISTRATION_OF = 'SELECT r.id FROM system_ids m JOIN registrations r ON r.id = m.registration_id WHERE m.system_id = $1 FOR UPDATE OF r';
const VERIFICATION = 'SELECT account_id, email, expires_at, used_at, replaced_at FROM email_verifications WHERE token_hash = $1';

/**
 * A registration with its System IDs, invitations and owners' accounts, in one statement (one
 * snapshot, one round trip: no transaction is needed to read it whole). `from` names the rows:
 * the registration by id, or the System ID matched (its columns as matched_*).
 */
const stateSelect = (from: string) => `
  SELECT r.*,
    (SELECT coalesce(json_agg(json_build_object('system_id', x.system_id, 'associated_at', x.associated_at, 'replaced_at', x.replaced_at) ORDER BY x.associated_at, x.seq), '[]')
       FROM system_ids x WHERE x.registration_id = r.id) AS ids_json,
    (SELECT coalesce(json_agg(json_build_object('id', i.id, 'email', i.email, 'role', i.role, 'created_at', i.created_at, 'expires_at', i.expires_at, 'accepted_at', i.accepted_at, 'token_hash', i.token_hash) ORDER BY i.id), '[]')
       FROM system_invitations i WHERE i.registration_id = r.id) AS invitations_json,
    (SELECT coalesce(json_agg(row_to_json(a)), '[]') FROM accounts a WHERE a.id = r.integrator_id OR a.id = r.end_user_id) AS accounts_json
  ${from}`;
const STATE_BY_ID = stateSelect('FROM registrations r WHERE r.id = $1');
const STATE_BY_SYSTEM_ID = stateSelect(
  `, m.system_id AS matched_system_id, m.associated_at AS matched_associated_at, m.replaced_at AS matched_replaced_at
   FROM system_ids m JOIN registrations r ON r.id = m.registration_id WHERE m.system_id = $1`,
);

type StateDbRow = RegistrationDbRow & {
  ids_json: SystemIdDbRow[];
  invitations_json: InvitationDbRow[];
  accounts_json: AccountDbRow[];
};

const toState = (r: StateDbRow): RegistrationState => {
  const accounts = new Map(r.accounts_json.map((a) => [a.id, toAccount(a)]));
  return toRegistrationState(r, r.ids_json, r.invitations_json, (id) => (id === null ? null : (accounts.get(id) ?? null)));
};

type FoundDbRow = StateDbRow & { matched_system_id: string; matched_associated_at: string; matched_replaced_at: string | null };

const toFound = (row: FoundDbRow | undefined): Found | null =>
  row ? { matched: { systemId: row.matched_system_id, associatedAt: row.matched_associated_at, replacedAt: row.matched_replaced_at }, state: toState(row) } : null;

const find = async (sql: Sql, systemId: string): Promise<Found | null> => toFound(await sql.get<FoundDbRow>(STATE_BY_SYSTEM_ID, [systemId]));

const auditStatement = (entry: AuditInput, registrationId: number | null, now: string): Statement => ({
  text: 'INSERT INTO audit_log (at, account_id, registration_id, action, detail) VALUES ($1, $2, $3, $4, $5)',
  values: [now, entry.accountId, registrationId, entry.action, JSON.stringify(entry.detail)],
});

const writeAudit = (sql: Sql, entry: AuditInput, registrationId: number | null, now: string) => {
  const { text, values } = auditStatement(entry, registrationId, now);
  return sql.run(text, values);
};

/** The UPDATE of a registration's fields in `set` (and its revision and time). */
const updateStatement = (registrationId: number, set: Record<string, unknown>, now: string): Statement => {
  const columns = storedColumns(set);
  const values = [...columns.map(([, value]) => value), now, registrationId];
  const assignments = [...columns.map(([column], i) => `${column} = $${i + 1}`), 'revision = revision + 1', `updated_at = $${values.length - 1}`];
  return { text: `UPDATE registrations SET ${assignments.join(', ')} WHERE id = $${values.length}`, values };
};

/** The systems list's row of a registration: every column but delivery, which only inventory reports and issued codes change. */
const summaryStatement = (state: RegistrationState): Statement => {
  const s = summaryOf(state);
  return {
    text: `INSERT INTO system_summaries (registration_id, integrator_id, end_user_id, system_id, site_name, city, country, status, updated_at, search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (registration_id) DO UPDATE SET integrator_id = excluded.integrator_id, end_user_id = excluded.end_user_id, system_id = excluded.system_id,
       site_name = excluded.site_name, city = excluded.city, country = excluded.country, status = excluded.status, updated_at = excluded.updated_at, search = excluded.search`,
    values: [s.registrationId, s.integratorId, s.endUserId, s.systemId, s.siteName, s.city, s.country, s.status, s.updatedAt, s.search],
  };
};

const CREATE_REGISTRATION = `WITH r AS (
    INSERT INTO registrations (integrator_id, end_user_id, end_user_edited, installation, site_administrator, warranty, consent, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id)
  INSERT INTO system_ids (system_id, registration_id, associated_at) SELECT $9, id, $8 FROM r`;

export function pgStore(db: PgDatabase): PortalStore {
  const { sql } = db;
  const organizationOfNewAccount = newAccountOrganizationPg();
  let lastPrune = 0;

  /**
   * A decision in two or three round trips (each wakes both processes, costlier than the statements,
   * and holds the locks longer): BEGIN with the System ID's lock, the registration's row lock and the
   * read; the change with the state it leaves (an edit of fields only: known without asking, so none);
   * the change or what follows from it (systems-list row, audit entry, mail) with COMMIT.
   */
  const decideIn = async (tx: Tx, systemId: string, decide: (found: Found | null) => Decision, now: string, delegationFor: number | undefined) => {
    // READ COMMITTED (see the top of this file): the registration's row is locked before it is read,
    // so a decision reached through another of its System IDs waits for this one, and the read, a
    // statement of its own, sees it whole.
    const [, opened, delegated] = await tx.batch([
      { text: LOCK_REGISTRATION_OF, values: [systemId] },
      { text: STATE_BY_SYSTEM_ID, values: [systemId] },
      ...(delegationFor !== undefined ? [delegatedEndUserStatement(delegationFor, systemId)] : []),
    ]);
    const openedRow = opened!.rows[0] as FoundDbRow | undefined;
    const found = toFound(openedRow);
    if (found && delegated) found.delegatedEndUser = (delegated.rows[0] as { end_user_id: number } | undefined)?.end_user_id ?? null;
    const decision = decide(found);
    const { change } = decision;
    let registrationId = found?.state.id ?? null;
    let after: RegistrationState | null = found?.state ?? null;
    /** The statements, then the state they leave, in one round trip. */
    const withState = async (statements: Statement[], state: Statement) => toState((await tx.batch([...statements, state])).at(-1)!.rows[0] as StateDbRow);
    if (change.kind === 'create') {
      const { fields } = change;
      after = await withState(
        [
          {
            text: CREATE_REGISTRATION,
            values: [
              change.integratorId,
              change.endUserId,
              change.endUserEdited,
              JSON.stringify(fields.installation),
              JSON.stringify(fields.siteAdministrator),
              fields.warranty === null ? null : JSON.stringify(fields.warranty),
              JSON.stringify(fields.consent),
              now,
              change.systemId,
            ],
          },
        ],
        { text: STATE_BY_SYSTEM_ID, values: [change.systemId] },
      );
      registrationId = after.id;
    } else if (change.kind === 'update' && openedRow && change.acceptInvitation === undefined && change.set.integratorId === undefined && change.set.endUserId === undefined) {
      // Fields of the registration's row only: the row it leaves is the one read (locked since) with
      // the values the UPDATE stores, so the change goes with COMMIT.
      tx.atCommit(updateStatement(openedRow.id, change.set, now));
      after = toState({ ...openedRow, ...Object.fromEntries(storedColumns(change.set)), revision: openedRow.revision + 1, updated_at: now });
    } else if (change.kind === 'update' && registrationId !== null && change.acceptInvitation === undefined) {
      // The change and the state it leaves (with the new owner's account) in one statement: only the
      // registration's row changes, so the rest read with it is as the opening read it.
      const { text, values } = updateStatement(registrationId, change.set, now);
      after = toState((await tx.get<StateDbRow>(`WITH r AS (${text} RETURNING *) ${stateSelect('FROM r')}`, values))!);
    } else if (change.kind === 'update' && registrationId !== null) {
      const accept = { text: 'UPDATE system_invitations SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL', values: [now, change.acceptInvitation] };
      after = await withState([updateStatement(registrationId, change.set, now), accept], { text: STATE_BY_ID, values: [registrationId] });
    } else if (change.kind === 'invite' && registrationId !== null) {
      const invite = {
        text: 'INSERT INTO system_invitations (registration_id, email, role, invited_by, created_at, expires_at, token_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        values: [registrationId, change.email, change.role, change.invitedBy, now, change.expiresAt, change.tokenHash],
      };
      after = await withState([invite], { text: STATE_BY_ID, values: [registrationId] });
    } else if (change.kind === 'associate' && registrationId !== null) {
      // The new ID must be no one's and no inventory's shadow: saveInventory takes the same lock,
      // first in the round trip, so the reads after it see what its holders committed.
      const [, heldRow, shadowRow] = await tx.batch([
        systemIdBucketsLock([change.newSystemId]),
        { text: SYSTEM_ID, values: [change.newSystemId] },
        // A shadow inherits its lead's registration: associating its ID would re-key the lead's.
        {
          text: `SELECT i.lead_system_id, i.reported_at FROM inventory_shadows s JOIN inventories i ON i.registration_id = s.registration_id
                 WHERE s.system_id = $1 ORDER BY i.reported_at DESC LIMIT 1`,
          values: [change.newSystemId],
        },
      ]);
      const held = heldRow!.rows[0] as { registration_id: number } | undefined;
      if (held && held.registration_id !== registrationId) throw new SystemIdTakenError(change.newSystemId);
      const shadow = shadowRow!.rows[0] as { lead_system_id: string; reported_at: string } | undefined;
      if (shadow) throw new ShadowSystemIdError(change.newSystemId, shadow.lead_system_id, shadow.reported_at);
      after = await withState(
        [
          { text: 'UPDATE system_ids SET replaced_at = $1 WHERE registration_id = $2 AND replaced_at IS NULL', values: [now, registrationId] },
          // A System ID this registration had before (a database restored from a backup) becomes current again.
          held
            ? { text: 'UPDATE system_ids SET replaced_at = NULL, associated_at = $1 WHERE system_id = $2', values: [now, change.newSystemId] }
            : { text: INSERT_SYSTEM_ID, values: [change.newSystemId, registrationId, now] },
          updateStatement(registrationId, {}, now),
        ],
        { text: STATE_BY_ID, values: [registrationId] },
      );
    }
    // Nothing changed ('none'): the state read at the opening is still the registration's (its row is locked).
    const mail = after && decision.mail?.(after);
    tx.atCommit(
      ...(after && change.kind !== 'none' ? [summaryStatement(after)] : []),
      ...(decision.audit ? [auditStatement(decision.audit, registrationId, now)] : []),
      ...(mail && mail.recipients.length ? [{ text: INSERT_MAIL, values: [now, JSON.stringify(mail.recipients), mail.subject, mail.body, registrationId] }] : []),
    );
    return { decision, after };
  };

  return {
    ...pgOrganizations(db),
    ...pgPartnerAccess(db),
    ...pgLicenses(db),
    engine: 'postgres',
    schemaVersion: () => pgSchemaVersion(sql),

    // The account and its organization in one transaction (docs/partners.md); the organization is
    // checked before the account is written, as on SQLite. Two sign-ups with one address: the
    // second waits on the first's row (ON CONFLICT) and, serializable, runs again and finds it.
    createAccount: async ({ joining, ...input }) =>
      db.transaction(async (tx): Promise<CreatedAccount> => {
        const refused = await organizationOfNewAccount.check(tx, joining, input.createdAt);
        if (refused) return refused;
        const row = await tx.get<AccountDbRow>(
          `INSERT INTO accounts (email, kind, name, organization, password_hash, created_at, password_changed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6)
           ON CONFLICT (email) DO NOTHING RETURNING *`,
          [input.email, input.kind, input.name, input.organization, input.passwordHash, input.createdAt],
        );
        if (!row) return 'exists';
        await organizationOfNewAccount.place(tx, row, joining, input.createdAt);
        return toAccount((await tx.get<AccountDbRow>(ACCOUNT_BY_ID, [row.id]))!);
      }),
    async accountByEmail(email) {
      const row = await sql.get<AccountDbRow>('SELECT * FROM accounts WHERE email = $1', [email]);
      return row ? toAccount(row) : null;
    },
    addEmailVerification: async (input, mail, now) =>
      db.transaction(async (tx) => {
        await tx.run('UPDATE email_verifications SET replaced_at = $1 WHERE account_id = $2 AND used_at IS NULL AND replaced_at IS NULL', [now, input.accountId]);
        await tx.run('INSERT INTO email_verifications (account_id, email, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
          input.accountId,
          input.email,
          input.tokenHash,
          now,
          input.expiresAt,
        ]);
        await tx.run(INSERT_MAIL, [now, JSON.stringify(mail.recipients), mail.subject, mail.body, null]);
      }),
    async emailVerification(tokenHash) {
      const row = await sql.get<{ account_id: number; email: string; expires_at: string; used_at: string | null }>(VERIFICATION, [tokenHash]);
      return row ? ({ accountId: row.account_id, email: row.email, expiresAt: row.expires_at, usedAt: row.used_at } satisfies EmailVerificationRow) : null;
    },
    useEmailVerification: async (tokenHash, now) =>
      db.transaction(async (tx): Promise<VerificationOutcome> => {
        const row = await tx.get<{ account_id: number; email: string; expires_at: string; used_at: string | null; replaced_at: string | null }>(VERIFICATION, [tokenHash]);
        if (!row) return 'unknown';
        if (row.used_at !== null) return 'used';
        if (row.replaced_at !== null) return 'replaced';
        if (row.expires_at <= now) return 'expired';
        await tx.run('UPDATE email_verifications SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL', [now, tokenHash]);
        // The address the link went to must still be the account's: a link for an old address verifies nothing.
        const verified = await tx.run('UPDATE accounts SET email_verified_at = coalesce(email_verified_at, $1) WHERE id = $2 AND email = $3', [now, row.account_id, row.email]);
        return verified === 1 ? 'verified' : 'address-changed';
      }),
    queueMail: async (mail, now) => void (await sql.run(INSERT_MAIL, [now, JSON.stringify(mail.recipients), mail.subject, mail.body, null])),
    invitationByToken: async (tokenHash) =>
      db.transaction(
        async (tx) => {
          const row = await tx.get<InvitationDbRow & { registration_id: number; inviter_name: string; inviter_organization: string; inviter_email: string; installation: string }>(
            `SELECT i.id, i.email, i.role, i.created_at, i.expires_at, i.accepted_at, i.token_hash, i.registration_id,
                    a.name AS inviter_name, a.organization AS inviter_organization, a.email AS inviter_email, r.installation
             FROM system_invitations i JOIN accounts a ON a.id = i.invited_by JOIN registrations r ON r.id = i.registration_id WHERE i.token_hash = $1`,
            [tokenHash],
          );
          if (!row) return null;
          return {
            invitation: toInvitation(row),
            registrationId: row.registration_id,
            systemId: (await tx.get<{ system_id: string }>(CURRENT_SYSTEM_ID, [row.registration_id]))!.system_id,
            siteName: (JSON.parse(row.installation) as { siteName: string }).siteName,
            invitedBy: { name: row.inviter_name, organization: row.inviter_organization, email: row.inviter_email },
          } satisfies InvitationLink;
        },
        { readOnly: true },
      ),
    countAttempts: async (key, since) => (await sql.get<{ n: number }>(COUNT_FAILURES, [key, since]))!.n,
    changePassword: async (accountId, passwordHash, now, keepSessionId) =>
      db.transaction(async (tx) => {
        await tx.run('UPDATE accounts SET password_hash = $1, password_changed_at = $2 WHERE id = $3', [passwordHash, now, accountId]);
        await tx.run(REVOKE_OTHERS, [now, accountId, keepSessionId]);
      }),
    setPendingTotp: async (accountId, sealed) => void (await sql.run('UPDATE accounts SET totp_pending_sealed = $1 WHERE id = $2', [sealed, accountId])),
    confirmTotp: async (accountId, pendingSealed, hashes, step, sessionId, now) =>
      db.transaction(async (tx) => {
        const confirmed = await tx.run(
          'UPDATE accounts SET totp_secret_sealed = totp_pending_sealed, totp_pending_sealed = NULL, totp_last_step = $1 WHERE id = $2 AND totp_pending_sealed = $3',
          [step, accountId, pendingSealed],
        );
        if (confirmed !== 1) return false;
        await tx.run('DELETE FROM recovery_codes WHERE account_id = $1', [accountId]);
        for (const hash of hashes) await tx.run('INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)', [accountId, hash]);
        await tx.run('UPDATE sessions SET mfa_verified = true WHERE id = $1', [sessionId]);
        await tx.run(REVOKE_OTHERS, [now, accountId, sessionId]);
        return true;
      }),
    // One conditional UPDATE each: of two uses of one step (or code) at once, one changes the row.
    useTotpStep: async (accountId, step) =>
      (await sql.run('UPDATE accounts SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)', [step, accountId])) === 1,
    useRecoveryCode: async (accountId, codeHash, now) =>
      (await sql.run('UPDATE recovery_codes SET used_at = $1 WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL', [now, accountId, codeHash])) === 1,

    createSession: async (input) =>
      void (await sql.run('INSERT INTO sessions (token_hash, account_id, created_at, expires_at, address, mfa_verified) VALUES ($1, $2, $3, $4, $5, $6)', [
        input.tokenHash,
        input.accountId,
        input.createdAt,
        input.expiresAt,
        input.address,
        input.mfaVerified,
      ])),
    async sessionByTokenHash(tokenHash, now) {
      const row = await sql.get<AccountDbRow & { session_id: number; session_expires_at: string; session_mfa_verified: boolean }>(
        `SELECT s.id AS session_id, s.expires_at AS session_expires_at, s.mfa_verified AS session_mfa_verified, a.* FROM sessions s JOIN accounts a ON a.id = s.account_id
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
        [tokenHash, now],
      );
      return row ? { sessionId: row.session_id, expiresAt: row.session_expires_at, mfaVerified: row.session_mfa_verified, account: toAccount(row) } : null;
    },
    revokeSession: async (sessionId, now) => void (await sql.run('UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, sessionId])),
    revokeSessions: async (accountId, now) => sql.run('UPDATE sessions SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL', [now, accountId]),

    // Counted before the check: parallel attempts cannot all slip under the limit, from one
    // instance or several. Every attempt holds the advisory lock of each of its keys while it
    // counts and adds (one statement, which sees what the keys' earlier holders added), so two
    // attempts that share a key run one after the other, and attempts that share none do not
    // touch each other's counts.
    chargeAttempt: async (limits, since, at) => {
      const result = await db.withLocks(
        limits.map(({ key }) => `attempts:${key}`),
        async (client) => {
          const { rows } = await client.query<{ key: string; n: number; id: number | null }>(
            `WITH wanted AS (SELECT key, ord FROM unnest($1::text[]) WITH ORDINALITY AS w(key, ord)),
                  counted AS (SELECT w.key, w.ord, (SELECT count(*) FROM logon_failures f WHERE f.key = w.key AND f.at >= $2) AS n FROM wanted w),
                  limited AS (SELECT c.key FROM counted c JOIN unnest($3::float8[]) WITH ORDINALITY AS l(lim, ord) ON l.ord = c.ord WHERE c.n >= l.lim ORDER BY c.ord LIMIT 1),
                  added AS (INSERT INTO logon_failures (key, at) SELECT key, $4 FROM wanted WHERE NOT EXISTS (SELECT 1 FROM limited) ORDER BY ord RETURNING id)
             SELECT (SELECT key FROM limited) AS key, 0 AS n, NULL::bigint AS id UNION ALL SELECT NULL, 0, id FROM added`,
            [limits.map((l) => l.key), since, limits.map((l) => (Number.isFinite(l.limit) ? l.limit : 'Infinity')), at],
          );
          const limited = rows[0]!.key;
          // Identities grow in the order the rows were added: the keys' order.
          return limited !== null ? { limited } : { charged: rows.slice(1).map((r) => r.id!).sort((a, b) => a - b) };
        },
      );
      // Entries older than a day can no longer count against anyone: cleared now and then.
      if ('charged' in result && at - lastPrune > 60_000) {
        lastPrune = at;
        await sql.run('DELETE FROM logon_failures WHERE at < $1', [at - 24 * 3600_000]);
      }
      return result;
    },
    refundAttempt: async (charged) => void (charged.length && (await sql.run('DELETE FROM logon_failures WHERE id = ANY($1::bigint[])', [charged]))),
    clearFailures: async (key) => void (await sql.run('DELETE FROM logon_failures WHERE key = $1', [key])),

    decide: async (systemId, now, decide, options) => {
      try {
        return await db.transaction((tx) => decideIn(tx, systemId, decide, now, options?.delegationFor), { lock: `system:${systemId}`, readCommitted: true });
      } catch (error) {
        // A new System ID that meets another's on insert (a new registration of it and an
        // association to it at once hold different locks) runs again and finds it; should one still
        // come through, it is the same refusal as on SQLite.
        if (isUniqueViolation(error, 'system_ids_pkey')) {
          const detail = (error as { detail?: string }).detail ?? '';
          const taken = /\(system_id\)=\((.*)\) already exists/s.exec(detail)?.[1];
          throw new SystemIdTakenError(taken ?? systemId);
        }
        throw error;
      }
    },
    findSystem: async (systemId) => find(sql, systemId),
    registration: async (registrationId) => {
      const row = await sql.get<StateDbRow>(STATE_BY_ID, [registrationId]);
      return row ? toState(row) : null;
    },
    listSystems: async (owner, query) =>
      db.transaction(
        async (tx) => {
          // Lower-cased as the search column is (summary.ts), so the match ignores case beyond ASCII too.
          const needle = query.q?.trim().normalize('NFC').toLowerCase();
          const ownerColumn = owner.role === 'integrator' ? 'integrator_id' : 'end_user_id';
          const where = `${ownerColumn} = $1${needle ? ' AND strpos(search, $2) > 0' : ''}`;
          const params: unknown[] = needle ? [owner.accountId, needle] : [owner.accountId];
          const direction = query.order === 'asc' ? 'ASC' : 'DESC';
          const total = (await tx.get<{ n: number }>(`SELECT count(*) AS n FROM system_summaries WHERE ${where}`, params))!.n;
          const rows = await tx.all<ListedDbRow>(
            `SELECT registration_id, system_id, site_name, city, country, status, delivery, updated_at FROM system_summaries
             WHERE ${where} ORDER BY ${SORT_COLUMNS[query.sort]} ${direction}, registration_id ${direction} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
            [...params, query.limit, query.offset],
          );
          return {
            total,
            items: rows.map(toListed),
          };
        },
        { readOnly: true },
      ),
    saveInventory: async (report, audit, now) =>
      db.transaction(
        async (tx): Promise<InventorySaved> => {
          const { registrationId } = report;
          // READ COMMITTED, as decide: the registration waits for its decisions (and they for this),
          // and the shadows' IDs for an association of one of them (decideIn takes the same locks).
          // Each lock comes first in its round trip: the reads after it see what its holders committed.
          const [, leadRow] = await tx.batch([
            { text: 'SELECT id FROM registrations WHERE id = $1 FOR UPDATE', values: [registrationId] },
            { text: SYSTEM_ID, values: [report.leadSystemId] },
          ]);
          const lead = leadRow!.rows[0] as { registration_id: number; replaced_at: string | null } | undefined;
          if (!lead || lead.registration_id !== registrationId || lead.replaced_at !== null) {
            return { leadNotCurrent: (await tx.get<{ system_id: string }>(CURRENT_SYSTEM_ID, [registrationId]))!.system_id };
          }
          // Every shadow's ID looked up at once (a site may report thousands of servers).
          const shadowIds = [...new Set(report.servers.filter((s) => s.role === 'shadow').map((s) => s.systemId))];
          const owners = new Map(
            shadowIds.length
              ? (
                  (
                    await tx.batch([systemIdBucketsLock(shadowIds), { text: 'SELECT system_id, registration_id FROM system_ids WHERE system_id = ANY($1::text[])', values: [shadowIds] }])
                  )[1]!.rows as { system_id: string; registration_id: number }[]
                ).map((r) => [r.system_id, r.registration_id])
              : [],
          );
          const held = report.servers.flatMap((server, index) => {
            if (server.role !== 'shadow') return [];
            const owner = owners.get(server.systemId);
            return owner !== undefined && owner !== registrationId ? [{ index, systemId: server.systemId }] : [];
          });
          if (held.length) return { held };
          tx.atCommit(
            {
              text: `INSERT INTO inventories (registration_id, reported_at, source, lead_system_id, reported_by, servers) VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (registration_id) DO UPDATE SET reported_at = excluded.reported_at, source = excluded.source, lead_system_id = excluded.lead_system_id,
                       reported_by = excluded.reported_by, servers = excluded.servers`,
              values: [registrationId, now, report.source, report.leadSystemId, report.accountId, JSON.stringify(report.servers)],
            },
            { text: 'DELETE FROM inventory_shadows WHERE registration_id = $1', values: [registrationId] },
            ...(shadowIds.length ? [{ text: 'INSERT INTO inventory_shadows (system_id, registration_id) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', values: [shadowIds, registrationId] }] : []),
            ...(report.source === 'online' ? [{ text: SET_DELIVERY, values: ['online', now, registrationId, now] }] : []),
            auditStatement({ ...audit, accountId: report.accountId }, registrationId, now),
          );
          return { saved: { registrationId, reportedAt: now, source: report.source, leadSystemId: report.leadSystemId, servers: report.servers } };
        },
        { readCommitted: true },
      ),
    async inventoryOf(registrationId) {
      const row = await sql.get<InventoryDbRow>('SELECT registration_id, reported_at, source, lead_system_id, servers FROM inventories WHERE registration_id = $1', [registrationId]);
      return row ? toInventory(row) : null;
    },
    deliveryOf: async (registrationId) =>
      (await sql.get<{ delivery: ListedSystem['delivery'] }>('SELECT delivery FROM system_summaries WHERE registration_id = $1', [registrationId]))?.delivery ?? null,
    mailOf: async (registrationId) =>
      (
        await sql.all<MailDbRow>(
          `SELECT id, created_at, recipients, subject, sent_at, attempts, last_error,
                  CASE WHEN sent_at IS NOT NULL THEN 'sent' WHEN attempts >= ${MAX_MAIL_ATTEMPTS} THEN 'failed' ELSE 'queued' END AS state
           FROM mail_queue WHERE registration_id = $1 ORDER BY id DESC`,
          [registrationId],
        )
      ).map(toMail),
    auditOf: async (registrationId) =>
      (
        await sql.all<Omit<AuditRow, 'detail'> & { detail: string }>(
          `SELECT l.id, l.at, a.email AS actor, l.action, l.detail FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
           WHERE l.registration_id = $1 ORDER BY l.id`,
          [registrationId],
        )
      ).map((r) => ({ ...r, detail: JSON.parse(r.detail) })),
    audit: async (entry, now) => void (await writeAudit(sql, entry, null, now)),

    // The serial is the row's identity: a sequence every instance draws from, so serials never
    // repeat and only grow. A request answered twice at once: one inserts, the other runs again
    // (serializable; the digest is UNIQUE) and gets the first one's code.
    issueCode: async (input, build) =>
      db.transaction(
        async (tx) => {
          const before = await tx.get<IssuedCodeDbRow>(CODE_BY_REQUEST, [input.requestDigest]);
          if (before) return { row: toCode(before), existing: true };
          const serial = (await tx.get<{ id: number }>(
            `INSERT INTO issued_codes (registration_id, kind, system_id, request_digest, request_code, registration_code, token, issued_by, issued_at, valid_until)
             VALUES ($1, $2, $3, $4, $5, '', '', $6, $7, '') RETURNING id`,
            [input.registrationId, input.kind, input.systemId, input.requestDigest, input.requestCode, input.issuedBy, input.issuedAt],
          ))!.id;
          const built = build(serial);
          await tx.run('UPDATE issued_codes SET registration_code = $1, token = $2, valid_until = $3 WHERE id = $4', [built.registrationCode, built.token, built.validUntil, serial]);
          await tx.run(SET_DELIVERY, ['offline', input.issuedAt, input.registrationId, input.issuedAt]);
          await writeAudit(tx, { accountId: input.issuedBy, action: 'code.issued', detail: { serial, kind: input.kind, systemId: input.systemId } }, input.registrationId, input.issuedAt);
          return { row: toCode((await tx.get<IssuedCodeDbRow>(CODE_BY_REQUEST, [input.requestDigest]))!), existing: false };
        },
        { lock: `code:${input.requestDigest}` },
      ),
    codesOf: async (registrationId) => (await sql.all<IssuedCodeDbRow>('SELECT * FROM issued_codes WHERE registration_id = $1 ORDER BY id DESC', [registrationId])).map(toCode),
    async codeForRequest(requestDigest) {
      const row = await sql.get<IssuedCodeDbRow>(CODE_BY_REQUEST, [requestDigest]);
      return row ? toCode(row) : null;
    },

    // Several instances drain one queue: each takes its batch with a lease (rows another instance is
    // taking are skipped, and taken ones wait until the lease ends), so a message is sent by one
    // instance, not by each. mailOutcomes then records it sent, or when to try again; a message
    // whose instance stopped mid-send is tried again when its lease ends (mail.leaseSeconds).
    pendingMail: async (now, limit, leaseMs) =>
      (
        await sql.all<{ id: number; recipients: string; subject: string; body: string; attempts: number }>(PENDING_MAIL, [now, limit, now + leaseMs])
      )
        .sort((a, b) => a.id - b.id)
        .map((r): QueuedMail => ({ ...r, recipients: JSON.parse(r.recipients) })),
    // One statement, one round trip: the dispatcher records each message as soon as its send
    // settles (those that settle together in one call), so this runs often.
    mailOutcomes: async (sent, failed, now) => {
      if (!sent.length && !failed.length) return;
      await sql.run(
        `WITH sent AS (UPDATE mail_queue SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = ANY($2::bigint[]) RETURNING id),
              failed AS (UPDATE mail_queue m SET attempts = m.attempts + 1, last_error = f.error, next_try_at = f.next_try_at
                         FROM unnest($3::bigint[], $4::text[], $5::bigint[]) AS f(id, error, next_try_at) WHERE m.id = f.id RETURNING m.id)
         SELECT (SELECT count(*) FROM sent) + (SELECT count(*) FROM failed) AS n`,
        [now, sent, failed.map((f) => f.id), failed.map((f) => f.error.slice(0, 1000)), failed.map((f) => f.nextTryAt)],
      );
    },

    // The pool ends in the background: close() is synchronous in the interface (SQLite's is).
    close: () => void db.close().catch(() => undefined),
  };
}
