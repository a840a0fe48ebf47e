// Licenses, vouchers, subscriptions and credits on SQLite: see license-store.ts. A key or voucher is
// claimed by one conditional UPDATE (`... WHERE redeemed_at IS NULL`) inside an IMMEDIATE
// transaction that also places the period and writes the audit: of any number of redemptions of
// one key, exactly one changes the row; the others find it redeemed and write nothing.
import type { Db } from '../../shared/node/sqlite.js';
import type { LedgerRow, LicenseStore } from './license-store.js';
import type { OrgAudit } from './partner-access-store.js';
import { newPeriod, toPeriod, type PeriodDbRow } from './rows/licenses.js';

export function sqliteLicenses(db: Db): LicenseStore {
  const q = {
    insertLicense: db.prepare('INSERT INTO licenses (key_hash, months, created_by, created_at) VALUES (?, ?, ?, ?)'),
    insertVoucher: db.prepare('INSERT INTO vouchers (code_hash, credits, created_by, created_at) VALUES (?, ?, ?, ?)'),
    periods: db.prepare(
      `SELECT s.starts_on, s.ends_on, s.months, s.source, l.key_end, -c.change AS credits, s.action, s.added_at
       FROM subscription_periods s LEFT JOIN licenses l ON l.id = s.license_id LEFT JOIN credit_ledger c ON c.id = s.ledger_id
       WHERE s.customer_org_id = ? ORDER BY s.starts_on, s.id`,
    ),
    openLink: db.prepare('SELECT 1 FROM partner_access WHERE customer_org_id = ? AND partner_org_id = ? AND revoked_at IS NULL').pluck(),
    license: db.prepare('SELECT id, months, redeemed_at FROM licenses WHERE key_hash = ?'),
    claimLicense: db.prepare(
      `UPDATE licenses SET redeemed_at = @now, redeemed_by = @accountId, customer_org_id = @customerOrgId, starts_on = @startsOn, ends_on = @endsOn, key_end = @keyEnd
       WHERE id = @id AND redeemed_at IS NULL`,
    ),
    insertPeriod: db.prepare(
      `INSERT INTO subscription_periods (customer_org_id, starts_on, ends_on, months, source, license_id, ledger_id, action, added_by, added_at)
       VALUES (@customerOrgId, @startsOn, @endsOn, @months, @source, @licenseId, @ledgerId, @action, @accountId, @now)`,
    ),
    voucher: db.prepare('SELECT id, credits, redeemed_at FROM vouchers WHERE code_hash = ?'),
    claimVoucher: db.prepare('UPDATE vouchers SET redeemed_at = ?, redeemed_by = ?, organization_id = ?, code_end = ? WHERE id = ? AND redeemed_at IS NULL'),
    insertLedger: db.prepare(
      `INSERT INTO credit_ledger (organization_id, at, account_id, change, reason, voucher_id, customer_org_id) VALUES (@organizationId, @now, @accountId, @change, @reason, @voucherId, @customerOrgId)`,
    ),
    balance: db.prepare('SELECT coalesce(sum(change), 0) FROM credit_ledger WHERE organization_id = ?').pluck(),
    ledger: db.prepare(
      `SELECT c.id, c.at, c.change, c.reason, c.customer_org_id, o.name AS customer_name, v.code_end
       FROM credit_ledger c LEFT JOIN organizations o ON o.id = c.customer_org_id LEFT JOIN vouchers v ON v.id = c.voucher_id
       WHERE c.organization_id = ? ORDER BY c.id DESC LIMIT ?`,
    ),
    insertAudit: db.prepare('INSERT INTO audit_log (at, account_id, registration_id, action, detail, organization_id) VALUES (?, ?, NULL, ?, ?, ?)'),
  };

  const writeAudit = (entries: OrgAudit[], now: string) => {
    for (const e of entries) q.insertAudit.run(now, e.accountId, e.action, JSON.stringify(e.detail), e.organizationId);
  };
  const periodsOf = (customerOrgId: number) => (q.periods.all(customerOrgId) as PeriodDbRow[]).map(toPeriod);
  const balanceOf = (organizationId: number) => q.balance.get(organizationId) as number;
  const linkOpen = (customerOrgId: number, partnerOrgId: number | null) => partnerOrgId === null || q.openLink.get(customerOrgId, partnerOrgId) !== undefined;

  return {
    createLicenses: async (input, audit, now) =>
      db.transaction(() => {
        for (const hash of input.keyHashes) q.insertLicense.run(hash, input.months, input.accountId, now);
        writeAudit([audit], now);
      })(),
    createVouchers: async (input, audit, now) =>
      db.transaction(() => {
        for (const hash of input.codeHashes) q.insertVoucher.run(hash, input.credits, input.accountId, now);
        writeAudit([audit], now);
      })(),

    subscriptionPeriods: async (customerOrgId) => periodsOf(customerOrgId),

    redeemLicense: async (input, place, audit, now) =>
      db
        .transaction(() => {
          if (!linkOpen(input.customerOrgId, input.actor.partnerOrgId)) return { refused: 'no-link' as const };
          const license = q.license.get(input.keyHash) as { id: number; months: number; redeemed_at: string | null } | undefined;
          if (!license) return { refused: 'unknown' as const };
          if (license.redeemed_at !== null) return { refused: 'redeemed' as const, redeemedAt: license.redeemed_at };
          const placed = place(periodsOf(input.customerOrgId), license.months);
          if ('refused' in placed) return placed;
          const period = newPeriod(placed.startsOn, license.months, { source: 'license', keyEnd: input.keyEnd }, now);
          const claimed = q.claimLicense.run({ now, accountId: input.actor.accountId, customerOrgId: input.customerOrgId, startsOn: period.startsOn, endsOn: period.endsOn, keyEnd: input.keyEnd, id: license.id });
          // Inside an IMMEDIATE transaction nobody else writes between the read and this: still, the claim is what decides.
          if (claimed.changes !== 1) return { refused: 'redeemed' as const, redeemedAt: now };
          q.insertPeriod.run({ customerOrgId: input.customerOrgId, startsOn: period.startsOn, endsOn: period.endsOn, months: period.months, source: 'license', licenseId: license.id, ledgerId: null, action: null, accountId: input.actor.accountId, now });
          writeAudit(audit(period), now);
          return { period, periods: periodsOf(input.customerOrgId) };
        })
        .immediate(),

    redeemVoucher: async (input, audit, now) =>
      db
        .transaction(() => {
          const voucher = q.voucher.get(input.codeHash) as { id: number; credits: number; redeemed_at: string | null } | undefined;
          if (!voucher) return { refused: 'unknown' as const };
          if (voucher.redeemed_at !== null) return { refused: 'redeemed' as const, redeemedAt: voucher.redeemed_at };
          if (q.claimVoucher.run(now, input.accountId, input.organizationId, input.codeEnd, voucher.id).changes !== 1) return { refused: 'redeemed' as const, redeemedAt: now };
          q.insertLedger.run({ organizationId: input.organizationId, now, accountId: input.accountId, change: voucher.credits, reason: 'voucher', voucherId: voucher.id, customerOrgId: null });
          writeAudit([audit(voucher.credits)], now);
          return { credits: voucher.credits, balance: balanceOf(input.organizationId) };
        })
        .immediate(),

    spendCredits: async (input, place, audit, now) =>
      db
        .transaction(() => {
          if (!linkOpen(input.customerOrgId, input.partnerOrgId)) return { refused: 'no-link' as const };
          const placed = place(periodsOf(input.customerOrgId));
          if ('refused' in placed) return placed;
          const before = balanceOf(input.partnerOrgId);
          if (before < input.cost) return { refused: 'too-few' as const, balance: before };
          const reason = ({ activate: 'activation', renew: 'renewal', amend: 'amendment' } as const)[input.action];
          const ledgerId = Number(
            q.insertLedger.run({ organizationId: input.partnerOrgId, now, accountId: input.accountId, change: -input.cost, reason, voucherId: null, customerOrgId: input.customerOrgId }).lastInsertRowid,
          );
          const period = newPeriod(placed.startsOn, input.months, { source: 'credits', credits: input.cost, action: input.action }, now);
          q.insertPeriod.run({ customerOrgId: input.customerOrgId, startsOn: period.startsOn, endsOn: period.endsOn, months: period.months, source: 'credits', licenseId: null, ledgerId, action: input.action, accountId: input.accountId, now });
          const balance = balanceOf(input.partnerOrgId);
          writeAudit(audit(period, balance), now);
          return { period, periods: periodsOf(input.customerOrgId), balance };
        })
        .immediate(),

    credits: async (organizationId, limit) =>
      db.transaction(() => {
        const balance = balanceOf(organizationId);
        const rows = q.ledger.all(organizationId, limit) as { id: number; at: string; change: number; reason: LedgerRow['reason']; customer_org_id: number | null; customer_name: string | null; code_end: string | null }[];
        // Newest first: each entry's balance is the one after it, walking back from today's.
        let after = balance;
        const entries = rows.map((r) => {
          const entry = { id: r.id, at: r.at, change: r.change, reason: r.reason, customerOrgId: r.customer_org_id, customerName: r.customer_name, voucherEnd: r.reason === 'voucher' ? r.code_end : null, balance: after };
          after -= r.change;
          return entry;
        });
        return { balance, entries };
      })(),
  };
}
