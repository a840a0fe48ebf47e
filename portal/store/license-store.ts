// The store's part for licenses, vouchers, subscriptions and credits (docs/partners.md, Licenses
// and credits). The SQLite engine is sqlite-licenses.ts. Every method is one unit of work: each
// that claims a key or a voucher, or spends credits, reads and writes in one IMMEDIATE transaction,
// so a key is redeemed once however many ask at the same time, and a balance is never overspent.
import type { OrgAudit } from './partner-access-store.js';

export interface PeriodRow {
  startsOn: string;
  /** The first day after the period. */
  endsOn: string;
  months: number;
  source: 'license' | 'credits';
  keyEnd: string | null;
  credits: number | null;
  action: 'activate' | 'renew' | 'amend' | null;
  addedAt: string;
}

export interface LedgerRow {
  id: number;
  at: string;
  change: number;
  reason: 'voucher' | 'activation' | 'renewal' | 'amendment';
  customerOrgId: number | null;
  customerName: string | null;
  voucherEnd: string | null;
}

/**
 * Where a new period goes, decided inside the transaction from the customer's timeline as it is
 * then (its periods in order): the start, or a refusal the service words.
 */
export type Placement<R extends string> = { startsOn: string } | { refused: R };

/** Who redeems or spends: a partner with an open link to the customer (checked again inside the transaction), or the customer's own administrator. */
export type Actor = { accountId: number; partnerOrgId: number | null };

export interface LicenseStore {
  /** Records new licenses (by hash) with their audit entry, atomically. */
  createLicenses(input: { months: number; keyHashes: string[]; accountId: number }, audit: OrgAudit, now: string): Promise<void>;
  createVouchers(input: { credits: number; codeHashes: string[]; accountId: number }, audit: OrgAudit, now: string): Promise<void>;

  /** The customer's periods in order of their start. */
  subscriptionPeriods(customerOrgId: number): Promise<PeriodRow[]>;

  /**
   * Claims a license for a customer once: the link (for a partner) checked open, the key known and
   * unredeemed, the period placed by `place` from the timeline as it is inside the transaction; then
   * the claim (one conditional UPDATE), the period and the audit entries. Nothing is written on a
   * refusal.
   */
  redeemLicense<R extends string>(
    input: { keyHash: string; keyEnd: string; customerOrgId: number; actor: Actor },
    place: (periods: PeriodRow[], months: number) => Placement<R>,
    audit: (period: PeriodRow) => OrgAudit[],
    now: string,
  ): Promise<{ refused: 'no-link' | 'unknown' | R } | { refused: 'redeemed'; redeemedAt: string } | { period: PeriodRow; periods: PeriodRow[] }>;

  /** Claims a voucher once for an organization: its credits in the ledger, with the audit entry. */
  redeemVoucher(
    input: { codeHash: string; codeEnd: string; organizationId: number; accountId: number },
    audit: (credits: number) => OrgAudit,
    now: string,
  ): Promise<{ refused: 'unknown' } | { refused: 'redeemed'; redeemedAt: string } | { credits: number; balance: number }>;

  /**
   * Spends `cost` credits of the partner organization on a period for the customer: the link checked
   * open, the balance checked, the period placed by `place`; the ledger row, the period and the
   * audit entries, atomically. Nothing is written on a refusal.
   */
  spendCredits<R extends string>(
    input: { partnerOrgId: number; customerOrgId: number; accountId: number; cost: number; months: number; action: 'activate' | 'renew' | 'amend' },
    place: (periods: PeriodRow[]) => Placement<R>,
    audit: (period: PeriodRow, balance: number) => OrgAudit[],
    now: string,
  ): Promise<{ refused: 'no-link' | R } | { refused: 'too-few'; balance: number } | { period: PeriodRow; periods: PeriodRow[]; balance: number }>;

  /** The organization's balance (the sum of its ledger) and its newest `limit` entries, newest first. */
  credits(organizationId: number, limit: number): Promise<{ balance: number; entries: (LedgerRow & { balance: number })[] }>;
}
