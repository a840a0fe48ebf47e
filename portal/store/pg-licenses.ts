// Licenses, vouchers, subscriptions and credits on PostgreSQL: see license-store.ts and, for the
// same statements on SQLite, sqlite-licenses.ts. A key or voucher is claimed by one conditional
// UPDATE (`... WHERE redeemed_at IS NULL RETURNING`) inside a SERIALIZABLE transaction (pg-db.ts)
// that also places the period and writes the audit: of any number of redemptions of one key, from
// any number of instances, exactly one changes the row; the others find it redeemed and write
// nothing. A balance is read and spent in one serializable transaction, so two spendings at once
// cannot both pass the check: one of them runs again and sees the other's ledger row.
import type { LedgerRow, LicenseStore } from './license-store.js';
import type { PgDatabase, Sql } from './pg-db.js';
import { newPeriod, toPeriod, type PeriodDbRow } from './rows/licenses.js';
import { writeAudit } from './pg-partner-access.js';

const INSERT_PERIOD = `INSERT INTO subscription_periods (customer_org_id, starts_on, ends_on, months, source, license_id, ledger_id, action, added_by, added_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
const INSERT_LEDGER = 'INSERT INTO credit_ledger (organization_id, at, account_id, change, reason, voucher_id, customer_org_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id';

const periodsOf = async (sql: Sql, customerOrgId: number) =>
  (
    await sql.all<PeriodDbRow>(
      `SELECT s.starts_on, s.ends_on, s.months, s.source, l.key_end, -c.change AS credits, s.action, s.added_at
       FROM subscription_periods s LEFT JOIN licenses l ON l.id = s.license_id LEFT JOIN credit_ledger c ON c.id = s.ledger_id
       WHERE s.customer_org_id = $1 ORDER BY s.starts_on, s.id`,
      [customerOrgId],
    )
  ).map(toPeriod);
const balanceOf = async (sql: Sql, organizationId: number) =>
  (await sql.get<{ n: number }>('SELECT coalesce(sum(change), 0) AS n FROM credit_ledger WHERE organization_id = $1', [organizationId]))!.n;
const linkOpen = async (sql: Sql, customerOrgId: number, partnerOrgId: number | null) =>
  partnerOrgId === null ||
  (await sql.get('SELECT 1 FROM partner_access WHERE customer_org_id = $1 AND partner_org_id = $2 AND revoked_at IS NULL', [customerOrgId, partnerOrgId])) !== undefined;

export function pgLicenses(db: PgDatabase): LicenseStore {
  return {
    createLicenses: async (input, audit, now) =>
      db.transaction(async (tx) => {
        for (const hash of input.keyHashes) await tx.run('INSERT INTO licenses (key_hash, months, created_by, created_at) VALUES ($1, $2, $3, $4)', [hash, input.months, input.accountId, now]);
        await writeAudit(tx, [audit], now);
      }),
    createVouchers: async (input, audit, now) =>
      db.transaction(async (tx) => {
        for (const hash of input.codeHashes) await tx.run('INSERT INTO vouchers (code_hash, credits, created_by, created_at) VALUES ($1, $2, $3, $4)', [hash, input.credits, input.accountId, now]);
        await writeAudit(tx, [audit], now);
      }),

    subscriptionPeriods: async (customerOrgId) => periodsOf(db.sql, customerOrgId),

    redeemLicense: async (input, place, audit, now) =>
      db.transaction(
        async (tx) => {
          if (!(await linkOpen(tx, input.customerOrgId, input.actor.partnerOrgId))) return { refused: 'no-link' as const };
          const license = await tx.get<{ id: number; months: number; redeemed_at: string | null }>('SELECT id, months, redeemed_at FROM licenses WHERE key_hash = $1', [input.keyHash]);
          if (!license) return { refused: 'unknown' as const };
          if (license.redeemed_at !== null) return { refused: 'redeemed' as const, redeemedAt: license.redeemed_at };
          const placed = place(await periodsOf(tx, input.customerOrgId), license.months);
          if ('refused' in placed) return placed;
          const period = newPeriod(placed.startsOn, license.months, { source: 'license', keyEnd: input.keyEnd }, now);
          // The claim is what decides: one conditional UPDATE.
          const claimed = await tx.get(
            `UPDATE licenses SET redeemed_at = $1, redeemed_by = $2, customer_org_id = $3, starts_on = $4, ends_on = $5, key_end = $6
             WHERE id = $7 AND redeemed_at IS NULL RETURNING id`,
            [now, input.actor.accountId, input.customerOrgId, period.startsOn, period.endsOn, input.keyEnd, license.id],
          );
          if (!claimed) return { refused: 'redeemed' as const, redeemedAt: now };
          await tx.run(INSERT_PERIOD, [input.customerOrgId, period.startsOn, period.endsOn, period.months, 'license', license.id, null, null, input.actor.accountId, now]);
          await writeAudit(tx, audit(period), now);
          return { period, periods: await periodsOf(tx, input.customerOrgId) };
        },
        // Many redemptions for one customer at once queue rather than collide (each places its period after the others').
        { lock: `subscription:${input.customerOrgId}` },
      ),

    redeemVoucher: async (input, audit, now) =>
      db.transaction(async (tx) => {
        const voucher = await tx.get<{ id: number; credits: number; redeemed_at: string | null }>('SELECT id, credits, redeemed_at FROM vouchers WHERE code_hash = $1', [input.codeHash]);
        if (!voucher) return { refused: 'unknown' as const };
        if (voucher.redeemed_at !== null) return { refused: 'redeemed' as const, redeemedAt: voucher.redeemed_at };
        const claimed = await tx.get('UPDATE vouchers SET redeemed_at = $1, redeemed_by = $2, organization_id = $3, code_end = $4 WHERE id = $5 AND redeemed_at IS NULL RETURNING id', [
          now,
          input.accountId,
          input.organizationId,
          input.codeEnd,
          voucher.id,
        ]);
        if (!claimed) return { refused: 'redeemed' as const, redeemedAt: now };
        await tx.run(INSERT_LEDGER, [input.organizationId, now, input.accountId, voucher.credits, 'voucher', voucher.id, null]);
        await writeAudit(tx, [audit(voucher.credits)], now);
        return { credits: voucher.credits, balance: await balanceOf(tx, input.organizationId) };
      }),

    spendCredits: async (input, place, audit, now) =>
      db.transaction(
        async (tx) => {
          if (!(await linkOpen(tx, input.customerOrgId, input.partnerOrgId))) return { refused: 'no-link' as const };
          const placed = place(await periodsOf(tx, input.customerOrgId));
          if ('refused' in placed) return placed;
          const before = await balanceOf(tx, input.partnerOrgId);
          if (before < input.cost) return { refused: 'too-few' as const, balance: before };
          const reason = ({ activate: 'activation', renew: 'renewal', amend: 'amendment' } as const)[input.action];
          const ledgerId = (await tx.get<{ id: number }>(INSERT_LEDGER, [input.partnerOrgId, now, input.accountId, -input.cost, reason, null, input.customerOrgId]))!.id;
          const period = newPeriod(placed.startsOn, input.months, { source: 'credits', credits: input.cost, action: input.action }, now);
          await tx.run(INSERT_PERIOD, [input.customerOrgId, period.startsOn, period.endsOn, period.months, 'credits', null, ledgerId, input.action, input.accountId, now]);
          const balance = await balanceOf(tx, input.partnerOrgId);
          await writeAudit(tx, audit(period, balance), now);
          return { period, periods: await periodsOf(tx, input.customerOrgId), balance };
        },
        { lock: `subscription:${input.customerOrgId}` },
      ),

    credits: async (organizationId, limit) =>
      db.transaction(
        async (tx) => {
          const balance = await balanceOf(tx, organizationId);
          const rows = await tx.all<{ id: number; at: string; change: number; reason: LedgerRow['reason']; customer_org_id: number | null; customer_name: string | null; code_end: string | null }>(
            `SELECT c.id, c.at, c.change, c.reason, c.customer_org_id, o.name AS customer_name, v.code_end
             FROM credit_ledger c LEFT JOIN organizations o ON o.id = c.customer_org_id LEFT JOIN vouchers v ON v.id = c.voucher_id
             WHERE c.organization_id = $1 ORDER BY c.id DESC LIMIT $2`,
            [organizationId, limit],
          );
          // Newest first: each entry's balance is the one after it, walking back from today's.
          let after = balance;
          const entries = rows.map((r) => {
            const entry = { id: r.id, at: r.at, change: r.change, reason: r.reason, customerOrgId: r.customer_org_id, customerName: r.customer_name, voucherEnd: r.reason === 'voucher' ? r.code_end : null, balance: after };
            after -= r.change;
            return entry;
          });
          return { balance, entries };
        },
        { readOnly: true },
      ),
  };
}
