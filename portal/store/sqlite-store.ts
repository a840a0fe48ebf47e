// The portal's data layer on SQLite (better-sqlite3, WAL). Statements are prepared once; every
// method that writes more than one row runs in one transaction, and `decide` runs its read, the
// caller's decision and the writes in one IMMEDIATE transaction (a savepoint of one, with the other
// decisions of the same turn of the event loop: group commit, see decide), so concurrent claims
// on one System ID are serialised and can never produce two owners.
import type { Db } from '../../shared/node/sqlite.js';
import type { SystemListQuery } from '../../shared/portal/systems.js';
import { newAccountOrganization, sqliteOrganizations } from './sqlite-organizations.js';
import { delegationQuery, sqlitePartnerAccess } from './sqlite-partner-access.js';
import { sqliteLicenses } from './sqlite-licenses.js';
import { summaryOf } from './summary.js';
import type { CreatedAccount } from './organization-store.js';
import type {
  AuditInput,
  AuditRow,
  Decision,
  Found,
  InventorySaved,
  InvitationLink,
  EmailVerificationRow,
  VerificationOutcome,
  ListedSystem,
  PortalStore,
  QueuedMail,
  RegistrationState,
} from './store.js';
import { ShadowSystemIdError, SystemIdTakenError } from './store.js';
import { storedColumns, toAccount, toCode, toInvitation, toInventory, toListed, toMail, toRegistrationState, type AccountDbRow, type InventoryDbRow, type InvitationDbRow, type IssuedCodeDbRow, type ListedDbRow, type MailDbRow, type RegistrationDbRow, type SystemIdDbRow } from './rows/accounts-systems.js';

const MAX_MAIL_ATTEMPTS = 12;

const SORT_COLUMNS: Record<SystemListQuery['sort'], string> = {
  systemId: 'system_id',
  siteName: 'site_name',
  city: 'city',
  country: 'country',
  status: 'status',
  updatedAt: 'updated_at',
};

export function sqliteStore(db: Db): PortalStore {
  const organizationOfNewAccount = newAccountOrganization(db);
  const q = {
    insertAccount: db.prepare(
      `INSERT INTO accounts (email, kind, name, organization, password_hash, created_at, password_changed_at)
       VALUES (@email, @kind, @name, @organization, @passwordHash, @createdAt, @createdAt)
       ON CONFLICT (email) DO NOTHING RETURNING *`,
    ),
    accountByEmail: db.prepare('SELECT * FROM accounts WHERE email = ?'),
    accountById: db.prepare('SELECT * FROM accounts WHERE id = ?'),
    setPassword: db.prepare('UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE id = ?'),
    revokeOthers: db.prepare('UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND id != ? AND revoked_at IS NULL'),
    setPendingTotp: db.prepare('UPDATE accounts SET totp_pending_sealed = ? WHERE id = ?'),
    confirmTotp: db.prepare(
      'UPDATE accounts SET totp_secret_sealed = totp_pending_sealed, totp_pending_sealed = NULL, totp_last_step = ? WHERE id = ? AND totp_pending_sealed = ?',
    ),
    verifySession: db.prepare('UPDATE sessions SET mfa_verified = 1 WHERE id = ?'),
    clearRecovery: db.prepare('DELETE FROM recovery_codes WHERE account_id = ?'),
    insertRecovery: db.prepare('INSERT INTO recovery_codes (account_id, code_hash) VALUES (?, ?)'),
    useTotpStep: db.prepare('UPDATE accounts SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)'),
    useRecovery: db.prepare('UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at IS NULL'),
    insertSession: db.prepare(
      'INSERT INTO sessions (token_hash, account_id, created_at, expires_at, address, mfa_verified) VALUES (@tokenHash, @accountId, @createdAt, @expiresAt, @address, @mfaVerified)',
    ),
    sessionByToken: db.prepare(
      `SELECT s.id AS session_id, s.expires_at AS session_expires_at, s.mfa_verified AS session_mfa_verified, a.* FROM sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?`,
    ),
    revokeSession: db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    revokeSessions: db.prepare('UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL'),
    countFailures: db.prepare('SELECT count(*) AS n FROM logon_failures WHERE key = ? AND at >= ?'),
    addFailure: db.prepare('INSERT INTO logon_failures (key, at) VALUES (?, ?)'),
    refundFailure: db.prepare('DELETE FROM logon_failures WHERE rowid = ?'),
    pruneFailures: db.prepare('DELETE FROM logon_failures WHERE at < ?'),
    clearFailures: db.prepare('DELETE FROM logon_failures WHERE key = ?'),
    systemId: db.prepare('SELECT system_id, registration_id, associated_at, replaced_at FROM system_ids WHERE system_id = ?'),
    systemIdsOf: db.prepare('SELECT system_id, associated_at, replaced_at FROM system_ids WHERE registration_id = ? ORDER BY associated_at, rowid'),
    registration: db.prepare('SELECT * FROM registrations WHERE id = ?'),
    currentSystemId: db.prepare('SELECT system_id FROM system_ids WHERE registration_id = ? AND replaced_at IS NULL'),
    insertRegistration: db.prepare(
      `INSERT INTO registrations (integrator_id, end_user_id, end_user_edited, installation, site_administrator, warranty, consent, created_at, updated_at)
       VALUES (@integratorId, @endUserId, @endUserEdited, @installation, @siteAdministrator, @warranty, @consent, @now, @now)`,
    ),
    insertSystemId: db.prepare('INSERT INTO system_ids (system_id, registration_id, associated_at) VALUES (?, ?, ?)'),
    reinstateSystemId: db.prepare('UPDATE system_ids SET replaced_at = NULL, associated_at = ? WHERE system_id = ?'),
    replaceSystemIds: db.prepare('UPDATE system_ids SET replaced_at = ? WHERE registration_id = ? AND replaced_at IS NULL'),
    invitationsOf: db.prepare('SELECT id, email, role, created_at, expires_at, accepted_at, token_hash FROM system_invitations WHERE registration_id = ? ORDER BY id'),
    insertInvitation: db.prepare('INSERT INTO system_invitations (registration_id, email, role, invited_by, created_at, expires_at, token_hash) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    invitationByToken: db.prepare(
      `SELECT i.id, i.email, i.role, i.created_at, i.expires_at, i.accepted_at, i.token_hash, i.registration_id,
              a.name AS inviter_name, a.organization AS inviter_organization, a.email AS inviter_email, r.installation
       FROM system_invitations i JOIN accounts a ON a.id = i.invited_by JOIN registrations r ON r.id = i.registration_id WHERE i.token_hash = ?`,
    ),
    insertVerification: db.prepare('INSERT INTO email_verifications (account_id, email, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
    verification: db.prepare('SELECT account_id, email, expires_at, used_at, replaced_at FROM email_verifications WHERE token_hash = ?'),
    replaceVerifications: db.prepare('UPDATE email_verifications SET replaced_at = ? WHERE account_id = ? AND used_at IS NULL AND replaced_at IS NULL'),
    useVerification: db.prepare('UPDATE email_verifications SET used_at = ? WHERE token_hash = ? AND used_at IS NULL'),
    verifyAccount: db.prepare('UPDATE accounts SET email_verified_at = coalesce(email_verified_at, ?) WHERE id = ? AND email = ?'),
    acceptInvitation: db.prepare('UPDATE system_invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL'),
    insertAudit: db.prepare('INSERT INTO audit_log (at, account_id, registration_id, action, detail) VALUES (?, ?, ?, ?, ?)'),
    auditOf: db.prepare(
      `SELECT l.id, l.at, a.email AS actor, l.action, l.detail FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
       WHERE l.registration_id = ? ORDER BY l.id`,
    ),
    codeByRequest: db.prepare('SELECT * FROM issued_codes WHERE request_digest = ?'),
    insertCode: db.prepare(
      `INSERT INTO issued_codes (registration_id, kind, system_id, request_digest, request_code, registration_code, token, issued_by, issued_at, valid_until)
       VALUES (@registrationId, @kind, @systemId, @requestDigest, @requestCode, '', '', @issuedBy, @issuedAt, '')`,
    ),
    completeCode: db.prepare('UPDATE issued_codes SET registration_code = ?, token = ?, valid_until = ? WHERE id = ?'),
    codesOf: db.prepare('SELECT * FROM issued_codes WHERE registration_id = ? ORDER BY id DESC'),
    insertMail: db.prepare('INSERT INTO mail_queue (created_at, recipients, subject, body, registration_id) VALUES (?, ?, ?, ?, ?)'),
    mailOf: db.prepare(
      `SELECT id, created_at, recipients, subject, sent_at, attempts, last_error,
              CASE WHEN sent_at IS NOT NULL THEN 'sent' WHEN attempts >= ${MAX_MAIL_ATTEMPTS} THEN 'failed' ELSE 'queued' END AS state
       FROM mail_queue WHERE registration_id = ? ORDER BY id DESC`,
    ),
    // Every column but delivery, which only inventory reports and issued codes change.
    upsertSummary: db.prepare(
      `INSERT INTO system_summaries (registration_id, integrator_id, end_user_id, system_id, site_name, city, country, status, updated_at, search)
       VALUES (@registrationId, @integratorId, @endUserId, @systemId, @siteName, @city, @country, @status, @updatedAt, @search)
       ON CONFLICT (registration_id) DO UPDATE SET integrator_id = excluded.integrator_id, end_user_id = excluded.end_user_id, system_id = excluded.system_id,
         site_name = excluded.site_name, city = excluded.city, country = excluded.country, status = excluded.status, updated_at = excluded.updated_at, search = excluded.search`,
    ),
    // The latest event wins: an online report, or a code issued for an offline request.
    setDelivery: db.prepare('UPDATE system_summaries SET delivery = ?, delivered_at = ? WHERE registration_id = ? AND (delivered_at IS NULL OR delivered_at <= ?)'),
    deliveryOf: db.prepare('SELECT delivery FROM system_summaries WHERE registration_id = ?'),
    upsertInventory: db.prepare(
      `INSERT INTO inventories (registration_id, reported_at, source, lead_system_id, reported_by, servers) VALUES (@registrationId, @reportedAt, @source, @leadSystemId, @accountId, @servers)
       ON CONFLICT (registration_id) DO UPDATE SET reported_at = excluded.reported_at, source = excluded.source, lead_system_id = excluded.lead_system_id,
         reported_by = excluded.reported_by, servers = excluded.servers`,
    ),
    inventoryOf: db.prepare('SELECT registration_id, reported_at, source, lead_system_id, servers FROM inventories WHERE registration_id = ?'),
    clearShadows: db.prepare('DELETE FROM inventory_shadows WHERE registration_id = ?'),
    insertShadow: db.prepare('INSERT OR IGNORE INTO inventory_shadows (system_id, registration_id) VALUES (?, ?)'),
    shadowOf: db.prepare(
      `SELECT i.lead_system_id, i.reported_at FROM inventory_shadows s JOIN inventories i ON i.registration_id = s.registration_id
       WHERE s.system_id = ? ORDER BY i.reported_at DESC LIMIT 1`,
    ),
    // After MAX_MAIL_ATTEMPTS a message stays in the queue with its last error, for the operator.
    pendingMail: db.prepare(
      `UPDATE mail_queue SET next_try_at = @leaseEnd WHERE id IN (
         SELECT id FROM mail_queue WHERE sent_at IS NULL AND next_try_at <= @now AND attempts < ${MAX_MAIL_ATTEMPTS} ORDER BY id LIMIT @limit)
       RETURNING id, recipients, subject, body, attempts`,
    ),
    mailSent: db.prepare('UPDATE mail_queue SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?'),
    mailFailed: db.prepare('UPDATE mail_queue SET attempts = attempts + 1, last_error = ?, next_try_at = ? WHERE id = ?'),
  };

  const account = (id: number | null) => {
    if (id === null) return null;
    const row = q.accountById.get(id) as AccountDbRow | undefined;
    return row ? toAccount(row) : null;
  };

  const loadState = (registrationId: number): RegistrationState =>
    toRegistrationState(
      q.registration.get(registrationId) as RegistrationDbRow,
      q.systemIdsOf.all(registrationId) as SystemIdDbRow[],
      q.invitationsOf.all(registrationId) as InvitationDbRow[],
      account,
    );

  const find = (systemId: string): Found | null => {
    const row = q.systemId.get(systemId) as { system_id: string; registration_id: number; associated_at: string; replaced_at: string | null } | undefined;
    if (!row) return null;
    return {
      matched: { systemId: row.system_id, associatedAt: row.associated_at, replacedAt: row.replaced_at },
      state: loadState(row.registration_id),
    };
  };

  const issueTx = db.transaction((input: Parameters<PortalStore['issueCode']>[0], build: Parameters<PortalStore['issueCode']>[1]) => {
    const before = q.codeByRequest.get(input.requestDigest) as IssuedCodeDbRow | undefined;
    if (before) return { row: toCode(before), existing: true };
    const serial = Number(q.insertCode.run(input).lastInsertRowid);
    const built = build(serial);
    q.completeCode.run(built.registrationCode, built.token, built.validUntil, serial);
    q.setDelivery.run('offline', input.issuedAt, input.registrationId, input.issuedAt);
    writeAudit({ accountId: input.issuedBy, action: 'code.issued', detail: { serial, kind: input.kind, systemId: input.systemId } }, input.registrationId, input.issuedAt);
    return { row: toCode(q.codeByRequest.get(input.requestDigest) as IssuedCodeDbRow), existing: false };
  });

  const writeAudit = (entry: AuditInput, registrationId: number | null, now: string) =>
    q.insertAudit.run(now, entry.accountId, registrationId, entry.action, JSON.stringify(entry.detail));

  // One prepared statement per combination of columns an update sets: a handful in practice.
  const updates = new Map<string, { run(...params: unknown[]): unknown }>();
  const update = (registrationId: number, set: Record<string, unknown>, now: string) => {
    const columns = storedColumns(set, 'number');
    const sql = `UPDATE registrations SET ${[...columns.map(([column]) => `${column} = ?`), 'revision = revision + 1', 'updated_at = ?'].join(', ')} WHERE id = ?`;
    let statement = updates.get(sql);
    if (!statement) updates.set(sql, (statement = db.prepare(sql)));
    statement.run(...columns.map(([, value]) => value), now, registrationId);
  };

  const delegation = delegationQuery(db);
  const decideTx = db.transaction((systemId: string, now: string, decide: (found: Found | null) => Decision, delegationFor: number | undefined) => {
    const found = find(systemId);
    if (found && delegationFor !== undefined) found.delegatedEndUser = delegation(delegationFor, systemId);
    const decision = decide(found);
    const { change } = decision;
    let registrationId = found?.state.id ?? null;
    if (change.kind === 'create') {
      const { fields } = change;
      registrationId = Number(
        q.insertRegistration.run({
          integratorId: change.integratorId,
          endUserId: change.endUserId,
          endUserEdited: Number(change.endUserEdited),
          installation: JSON.stringify(fields.installation),
          siteAdministrator: JSON.stringify(fields.siteAdministrator),
          warranty: fields.warranty === null ? null : JSON.stringify(fields.warranty),
          consent: JSON.stringify(fields.consent),
          now,
        }).lastInsertRowid,
      );
      q.insertSystemId.run(change.systemId, registrationId, now);
    } else if (change.kind === 'update' && registrationId !== null) {
      update(registrationId, change.set, now);
      if (change.acceptInvitation !== undefined) q.acceptInvitation.run(now, change.acceptInvitation);
    } else if (change.kind === 'invite' && registrationId !== null) {
      q.insertInvitation.run(registrationId, change.email, change.role, change.invitedBy, now, change.expiresAt, change.tokenHash);
    } else if (change.kind === 'associate' && registrationId !== null) {
      const held = q.systemId.get(change.newSystemId) as { registration_id: number } | undefined;
      if (held && held.registration_id !== registrationId) throw new SystemIdTakenError(change.newSystemId);
      // A shadow inherits its lead's registration: associating its ID would re-key the lead's.
      const shadow = q.shadowOf.get(change.newSystemId) as { lead_system_id: string; reported_at: string } | undefined;
      if (shadow) throw new ShadowSystemIdError(change.newSystemId, shadow.lead_system_id, shadow.reported_at);
      q.replaceSystemIds.run(now, registrationId);
      // A System ID this registration had before (a database restored from a backup) becomes current again.
      if (held) q.reinstateSystemId.run(now, change.newSystemId);
      else q.insertSystemId.run(change.newSystemId, registrationId, now);
      update(registrationId, {}, now);
    }
    const after = registrationId === null ? null : loadState(registrationId);
    if (after && change.kind !== 'none') q.upsertSummary.run(summaryOf(after));
    if (decision.audit) writeAudit(decision.audit, registrationId, now);
    const mail = after && decision.mail?.(after);
    if (mail && mail.recipients.length) q.insertMail.run(now, JSON.stringify(mail.recipients), mail.subject, mail.body, registrationId);
    return { decision, after };
  });

  // Group commit. Decisions asked for in one turn of the event loop are written in one IMMEDIATE
  // transaction at its end, each in a savepoint of its own (better-sqlite3 nests transactions so),
  // one after the other in the order they came: each sees the ones before it as if it had run
  // alone, and one that throws (a refusal) is rolled back alone. One COMMIT, and the pages they
  // share (the audit log's and the mail queue's last pages, the summaries' indexes) written to the
  // WAL once, for them all; none is answered before the commit.
  type DecideArgs = Parameters<typeof decideTx>;
  type Outcome = { ok: ReturnType<typeof decideTx> } | { error: unknown };
  let waiting: { args: DecideArgs; resolve: (value: ReturnType<typeof decideTx>) => void; reject: (error: unknown) => void }[] = [];
  const commitGroup = db.transaction((group: DecideArgs[]): Outcome[] =>
    group.map((args) => {
      try {
        return { ok: decideTx(...args) };
      } catch (error) {
        return { error };
      }
    }),
  );
  const commitWaiting = () => {
    const group = waiting;
    waiting = [];
    let outcomes: Outcome[];
    try {
      outcomes = commitGroup.immediate(group.map((d) => d.args));
    } catch (error) {
      // The commit itself failed (the file locked past the busy timeout, the disk full): none was written.
      for (const d of group) d.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => ('ok' in outcome ? group[i]!.resolve(outcome.ok) : group[i]!.reject(outcome.error)));
  };

  const saveInventoryTx = db.transaction(
    (report: Parameters<PortalStore['saveInventory']>[0], audit: Parameters<PortalStore['saveInventory']>[1], now: string): InventorySaved => {
      const { registrationId } = report;
      const lead = q.systemId.get(report.leadSystemId) as { registration_id: number; replaced_at: string | null } | undefined;
      if (!lead || lead.registration_id !== registrationId || lead.replaced_at !== null) {
        return { leadNotCurrent: (q.currentSystemId.get(registrationId) as { system_id: string }).system_id };
      }
      const held = report.servers.flatMap((server, index) => {
        if (server.role !== 'shadow') return [];
        const row = q.systemId.get(server.systemId) as { registration_id: number } | undefined;
        return row && row.registration_id !== registrationId ? [{ index, systemId: server.systemId }] : [];
      });
      if (held.length) return { held };
      q.upsertInventory.run({ ...report, reportedAt: now, servers: JSON.stringify(report.servers) });
      q.clearShadows.run(registrationId);
      for (const server of report.servers) if (server.role === 'shadow') q.insertShadow.run(server.systemId, registrationId);
      if (report.source === 'online') q.setDelivery.run('online', now, registrationId, now);
      writeAudit({ ...audit, accountId: report.accountId }, registrationId, now);
      return { saved: { registrationId, reportedAt: now, source: report.source, leadSystemId: report.leadSystemId, servers: report.servers } };
    },
  );

  // One pair of statements (page, total) per owner column, sort, order and with or without search: at most 48.
  const listStatements = new Map<string, { page: ReturnType<Db['prepare']>; count: ReturnType<Db['prepare']> }>();
  const listStatement = (role: 'integrator' | 'end-user', sort: SystemListQuery['sort'], order: SystemListQuery['order'], searching: boolean) => {
    const key = `${role}/${sort}/${order}/${searching}`;
    let statements = listStatements.get(key);
    if (!statements) {
      const owner = role === 'integrator' ? 'integrator_id' : 'end_user_id';
      const where = `${owner} = @accountId${searching ? ' AND instr(search, @q) > 0' : ''}`;
      const direction = order === 'asc' ? 'ASC' : 'DESC';
      statements = {
        page: db.prepare(
          `SELECT registration_id, system_id, site_name, city, country, status, delivery, updated_at FROM system_summaries
           WHERE ${where} ORDER BY ${SORT_COLUMNS[sort]} ${direction}, registration_id ${direction} LIMIT @limit OFFSET @offset`,
        ),
        count: db.prepare(`SELECT count(*) AS n FROM system_summaries WHERE ${where}`),
      };
      listStatements.set(key, statements);
    }
    return statements;
  };
  const listTx = db.transaction((owner: Parameters<PortalStore['listSystems']>[0], query: SystemListQuery) => {
    // Lower-cased as the search column is (summary.ts), so the match ignores case beyond ASCII too.
    const needle = query.q?.trim().normalize('NFC').toLowerCase();
    const { page, count } = listStatement(owner.role, query.sort, query.order, Boolean(needle));
    const where = { accountId: owner.accountId, ...(needle ? { q: needle } : {}) };
    return {
      total: (count.get(where) as { n: number }).n,
      items: (page.all({ ...where, limit: query.limit, offset: query.offset }) as ListedDbRow[]).map(toListed),
    };
  });

  return {
    ...sqliteOrganizations(db),
    ...sqlitePartnerAccess(db),
    ...sqliteLicenses(db),
    engine: 'sqlite',
    schemaVersion: async () => db.pragma('user_version', { simple: true }) as number,

    // The account and its organization in one transaction (docs/partners.md): a new one, as its
    // administrator, or a co-worker invitation's, as a member. The organization is checked before
    // the account is written, so a taken Partner ID is refused whether or not the address has an
    // account (sign-up tells nobody who has one).
    createAccount: async ({ joining, ...input }) =>
      db.transaction((): CreatedAccount => {
        const refused = organizationOfNewAccount.check(joining, input.createdAt);
        if (refused) return refused;
        const row = q.insertAccount.get(input) as AccountDbRow | undefined;
        if (!row) return 'exists';
        organizationOfNewAccount.place(row, joining, input.createdAt);
        return toAccount(q.accountById.get(row.id) as AccountDbRow);
      }).immediate(),
    async accountByEmail(email) {
      const row = q.accountByEmail.get(email) as AccountDbRow | undefined;
      return row ? toAccount(row) : null;
    },
    addEmailVerification: async (input, mail, now) =>
      db.transaction(() => {
        q.replaceVerifications.run(now, input.accountId);
        q.insertVerification.run(input.accountId, input.email, input.tokenHash, now, input.expiresAt);
        q.insertMail.run(now, JSON.stringify(mail.recipients), mail.subject, mail.body, null);
      })(),
    async emailVerification(tokenHash) {
      const row = q.verification.get(tokenHash) as { account_id: number; email: string; expires_at: string; used_at: string | null } | undefined;
      return row ? ({ accountId: row.account_id, email: row.email, expiresAt: row.expires_at, usedAt: row.used_at } satisfies EmailVerificationRow) : null;
    },
    useEmailVerification: async (tokenHash, now) =>
      db.transaction((): VerificationOutcome => {
        const row = q.verification.get(tokenHash) as { account_id: number; email: string; expires_at: string; used_at: string | null; replaced_at: string | null } | undefined;
        if (!row) return 'unknown';
        if (row.used_at !== null) return 'used';
        if (row.replaced_at !== null) return 'replaced';
        if (row.expires_at <= now) return 'expired';
        q.useVerification.run(now, tokenHash);
        // The address the link went to must still be the account's: a link for an old address verifies nothing.
        return q.verifyAccount.run(now, row.account_id, row.email).changes === 1 ? 'verified' : 'address-changed';
      }).immediate(),
    queueMail: async (mail, now) => void q.insertMail.run(now, JSON.stringify(mail.recipients), mail.subject, mail.body, null),
    async invitationByToken(tokenHash) {
      const row = q.invitationByToken.get(tokenHash) as
        | (InvitationDbRow & { registration_id: number; inviter_name: string; inviter_organization: string; inviter_email: string; installation: string })
        | undefined;
      if (!row) return null;
      return {
        invitation: toInvitation(row),
        registrationId: row.registration_id,
        systemId: (q.currentSystemId.get(row.registration_id) as { system_id: string }).system_id,
        siteName: (JSON.parse(row.installation) as { siteName: string }).siteName,
        invitedBy: { name: row.inviter_name, organization: row.inviter_organization, email: row.inviter_email },
      } satisfies InvitationLink;
    },
    countAttempts: async (key, since) => (q.countFailures.get(key, since) as { n: number }).n,
    changePassword: async (accountId, passwordHash, now, keepSessionId) =>
      db.transaction(() => {
        q.setPassword.run(passwordHash, now, accountId);
        q.revokeOthers.run(now, accountId, keepSessionId);
      })(),
    setPendingTotp: async (accountId, sealed) => void q.setPendingTotp.run(sealed, accountId),
    confirmTotp: async (accountId, pendingSealed, hashes, step, sessionId, now) =>
      db.transaction(() => {
        if (q.confirmTotp.run(step, accountId, pendingSealed).changes !== 1) return false;
        q.clearRecovery.run(accountId);
        for (const hash of hashes) q.insertRecovery.run(accountId, hash);
        q.verifySession.run(sessionId);
        q.revokeOthers.run(now, accountId, sessionId);
        return true;
      })(),
    useTotpStep: async (accountId, step) => q.useTotpStep.run(step, accountId, step).changes === 1,
    useRecoveryCode: async (accountId, codeHash, now) => q.useRecovery.run(now, accountId, codeHash).changes === 1,

    createSession: async (input) => void q.insertSession.run({ ...input, mfaVerified: Number(input.mfaVerified) }),
    async sessionByTokenHash(tokenHash, now) {
      const row = q.sessionByToken.get(tokenHash, now) as (AccountDbRow & { session_id: number; session_expires_at: string; session_mfa_verified: number }) | undefined;
      return row ? { sessionId: row.session_id, expiresAt: row.session_expires_at, mfaVerified: row.session_mfa_verified === 1, account: toAccount(row) } : null;
    },
    revokeSession: async (sessionId, now) => void q.revokeSession.run(now, sessionId),
    revokeSessions: async (accountId, now) => q.revokeSessions.run(now, accountId).changes,

    chargeAttempt: async (limits, since, at) =>
      db.transaction(() => {
        for (const { key, limit } of limits) if ((q.countFailures.get(key, since) as { n: number }).n >= limit) return { limited: key };
        // Entries older than a day can no longer count against anyone.
        q.pruneFailures.run(at - 24 * 3600_000);
        return { charged: limits.map(({ key }) => Number(q.addFailure.run(key, at).lastInsertRowid)) };
      }).immediate(),
    refundAttempt: async (charged) =>
      db.transaction(() => {
        for (const id of charged) q.refundFailure.run(id);
      })(),
    clearFailures: async (key) => void q.clearFailures.run(key),

    decide: (systemId, now, decide, options) =>
      new Promise((resolve, reject) => {
        if (!waiting.length) setImmediate(commitWaiting);
        waiting.push({ args: [systemId, now, decide, options?.delegationFor], resolve, reject });
      }),
    findSystem: async (systemId) => find(systemId),
    registration: async (registrationId) => (q.registration.get(registrationId) ? loadState(registrationId) : null),
    listSystems: async (owner, query) => listTx(owner, query),
    saveInventory: async (report, audit, now) => saveInventoryTx.immediate(report, audit, now),
    async inventoryOf(registrationId) {
      const row = q.inventoryOf.get(registrationId) as InventoryDbRow | undefined;
      return row ? toInventory(row) : null;
    },
    deliveryOf: async (registrationId) => (q.deliveryOf.get(registrationId) as { delivery: ListedSystem['delivery'] } | undefined)?.delivery ?? null,
    mailOf: async (registrationId) => (q.mailOf.all(registrationId) as MailDbRow[]).map(toMail),
    auditOf: async (registrationId) =>
      (q.auditOf.all(registrationId) as (Omit<AuditRow, 'detail'> & { detail: string })[]).map((r) => ({ ...r, detail: JSON.parse(r.detail) })),
    audit: async (entry, now) => void writeAudit(entry, null, now),

    issueCode: async (input, build) => issueTx.immediate(input, build),
    codesOf: async (registrationId) => (q.codesOf.all(registrationId) as IssuedCodeDbRow[]).map(toCode),
    async codeForRequest(requestDigest) {
      const row = q.codeByRequest.get(requestDigest) as IssuedCodeDbRow | undefined;
      return row ? toCode(row) : null;
    },

    // Taken with a lease as on PostgreSQL (pg-store.ts), in one IMMEDIATE transaction: a message
    // taken by an instance that then died waits for its lease to end, here too.
    pendingMail: async (now, limit, leaseMs) =>
      (
        db.transaction(() => q.pendingMail.all({ now, limit, leaseEnd: now + leaseMs })).immediate() as {
          id: number;
          recipients: string;
          subject: string;
          body: string;
          attempts: number;
        }[]
      )
        .sort((a, b) => a.id - b.id)
        .map((r): QueuedMail => ({ ...r, recipients: JSON.parse(r.recipients) })),
    mailOutcomes: async (sent, failed, now) =>
      db.transaction(() => {
        for (const id of sent) q.mailSent.run(now, id);
        for (const f of failed) q.mailFailed.run(f.error.slice(0, 1000), f.nextTryAt, f.id);
      })(),

    close: () => db.close(),
  };
}
