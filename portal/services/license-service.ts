// Licenses, vouchers, subscriptions and credits (docs/partners.md, Licenses and credits).
//
// A portal administrator makes license keys and voucher codes (shown once; the portal keeps their
// SHA-256). A member of a partner organization with an open link to a customer (any access level)
// redeems a license key for that customer, and sees the customer's subscription timeline; the
// customer's own administrators may redeem one for their organization, and its people see its
// timeline. Partner administrators redeem vouchers for credits and spend them on a customer's
// subscription (activate, renew, amend: CREDITS_PER_MONTH credit a month).
//
// A period starts on the day asked for (today or later, UTC), or, when that day falls inside the
// customer's timeline, on the day the timeline ends: periods are appended, never overlap. The link,
// the key's claim, the balance and the placement are all decided inside one transaction of the
// store, so a revoked partner changes nothing, a key is redeemed once and credits are never
// overspent. Every change is audited with the organizations it concerns.
import type { z } from 'zod';
import { say } from '../../shared/messages/say.js';
import type { PortalRouteName } from '../../shared/portal/api.js';
import {
  addDays,
  addMonths,
  CREDITS_PER_MONTH,
  Credits,
  dayOf,
  lastGroup,
  makeLicenseKey,
  makeVoucherCode,
  NewLicenses,
  NewVouchers,
  START_DAYS_AHEAD,
  Subscription,
  type ReadLicense,
  type ReadVoucher,
  type SpendCreditsInput,
} from '../../shared/portal/licenses.js';
import { sha256 } from '../auth/tokens.js';
import type { PortalHandlers } from '../http/bind-routes.js';
import { PortalHttpError } from '../http/errors.js';
import type { Actor, PeriodRow, Placement } from '../store/license-store.js';
import type { Membership } from '../store/partner-access-store.js';
import type { PortalStore, SessionRow } from '../store/store.js';
import { customerMember, partnerMember } from './membership.js';

/** The last day the portal writes as a date. */
const LAST_DAY = '9999-12-31';
/** Ledger entries in the history. */
const HISTORY = 200;

/** The first day after the customer's last period; null with none. */
const timelineEnd = (periods: PeriodRow[]) => periods.reduce<string | null>((end, p) => (end === null || p.endsOn > end ? p.endsOn : end), null);
const activeOn = (p: PeriodRow, today: string) => p.startsOn <= today && today < p.endsOn;
/** A period's last day, as a person says "until". */
const lastDayOf = (endsOn: string) => addDays(endsOn, -1);

export class LicenseService {
  constructor(
    private readonly store: PortalStore,
    private readonly now: () => number = Date.now,
  ) {}

  private iso = () => new Date(this.now()).toISOString();
  private today = () => dayOf(this.now());

  private partner = (session: SessionRow, administrator: boolean) => partnerMember(this.store, session, administrator);

  /** A partner with an open link to the customer, as it is now (the store checks it again inside its transaction). */
  private async linkedPartner(session: SessionRow, customerId: number, administrator: boolean): Promise<Membership> {
    const partner = await this.partner(session, administrator);
    if (!(await this.store.openLink(customerId, partner.organizationId))) throw new PortalHttpError('forbidden', say('partners.notYourCustomer'));
    return partner;
  }

  private customer = (session: SessionRow, administrator: boolean) => customerMember(this.store, session, administrator, say('licenses.customerPeopleOnly'));

  // Portal administrators.

  async createLicenses(session: SessionRow, input: { months: number; count: number }): Promise<z.output<typeof NewLicenses>> {
    const keys = Array.from({ length: input.count }, () => makeLicenseKey(input.months));
    const createdAt = this.iso();
    await this.store.createLicenses(
      { months: input.months, keyHashes: keys.map(sha256), accountId: session.account.id },
      { organizationId: session.account.organizationId, accountId: session.account.id, action: 'license.created', detail: { months: input.months, count: input.count } },
      createdAt,
    );
    return NewLicenses.parse({ months: input.months, keys, createdAt });
  }

  async createVouchers(session: SessionRow, input: { credits: number; count: number }): Promise<z.output<typeof NewVouchers>> {
    const codes = Array.from({ length: input.count }, () => makeVoucherCode(input.credits));
    const createdAt = this.iso();
    await this.store.createVouchers(
      { credits: input.credits, codeHashes: codes.map(sha256), accountId: session.account.id },
      { organizationId: session.account.organizationId, accountId: session.account.id, action: 'voucher.created', detail: { credits: input.credits, count: input.count } },
      createdAt,
    );
    return NewVouchers.parse({ credits: input.credits, codes, createdAt });
  }

  // Subscriptions.

  private view(customerId: number, name: string, periods: PeriodRow[]): Subscription {
    const today = this.today();
    const shown = periods.map((p) => ({ ...p, active: activeOn(p, today) }));
    return Subscription.parse({ customerId, name, today, active: shown.some((p) => p.active), endsOn: timelineEnd(periods), periods: shown });
  }

  private async subscription(customerId: number): Promise<Subscription> {
    const [name, periods] = await Promise.all([this.store.organizationName(customerId), this.store.subscriptionPeriods(customerId)]);
    return this.view(customerId, name ?? '', periods);
  }

  async customerSubscription(session: SessionRow, customerId: number): Promise<Subscription> {
    await this.linkedPartner(session, customerId, false);
    return this.subscription(customerId);
  }

  async ownSubscription(session: SessionRow): Promise<Subscription> {
    const customer = await this.customer(session, false);
    return this.subscription(customer.organizationId);
  }

  /** Today or later (UTC), and at most START_DAYS_AHEAD days ahead; else a 400 on `startsOn`. */
  private checkStart(startsOn: string) {
    const today = this.today();
    const refuse = (message: string) => new PortalHttpError('invalid_input', message, [{ path: 'startsOn', message }]);
    if (startsOn < today) throw refuse(say('licenses.startsOnPast', { date: startsOn, today }));
    const latest = addDays(today, START_DAYS_AHEAD);
    if (startsOn > latest) throw refuse(say('licenses.startsOnFar', { latest }));
  }

  async redeemForCustomer(session: SessionRow, customerId: number, input: { key: ReadLicense; startsOn: string }) {
    const partner = await this.linkedPartner(session, customerId, false);
    return this.redeem(session, customerId, input, { accountId: session.account.id, partnerOrgId: partner.organizationId }, partner);
  }

  async redeemOwn(session: SessionRow, input: { key: ReadLicense; startsOn: string }) {
    const customer = await this.customer(session, true);
    return this.redeem(session, customer.organizationId, input, { accountId: session.account.id, partnerOrgId: null }, null);
  }

  private async redeem(session: SessionRow, customerId: number, input: { key: ReadLicense; startsOn: string }, actor: Actor, partner: Membership | null) {
    this.checkStart(input.startsOn);
    const keyEnd = lastGroup(input.key.key);
    let stacked = false;
    const result = await this.store.redeemLicense(
      { keyHash: sha256(input.key.key), keyEnd, customerOrgId: customerId, actor },
      (periods, months): Placement<'too-far'> => {
        const end = timelineEnd(periods);
        stacked = end !== null && input.startsOn < end;
        const startsOn = stacked ? end! : input.startsOn;
        return addMonths(startsOn, months) > LAST_DAY ? { refused: 'too-far' } : { startsOn };
      },
      (period) => {
        const detail = { customerId, keyEnd, months: period.months, startsOn: period.startsOn, endsOn: period.endsOn, asked: input.startsOn };
        const entries = [{ organizationId: customerId, accountId: partner ? null : session.account.id, action: 'subscription.license-redeemed', detail: { ...detail, partnerId: partner?.partnerId ?? null } }];
        if (partner) entries.push({ organizationId: partner.organizationId, accountId: session.account.id, action: 'license.redeemed', detail: { ...detail, partnerId: null } });
        return entries;
      },
      this.iso(),
    );
    if ('refused' in result) {
      switch (result.refused) {
        case 'no-link':
          throw new PortalHttpError('forbidden', say('partners.notYourCustomer'));
        case 'unknown':
          throw new PortalHttpError('not_found', say('licenses.keyUnknown'), [{ path: 'key', message: say('licenses.keyUnknown') }]);
        case 'redeemed':
          throw new PortalHttpError('conflict', say('licenses.keyRedeemed', { date: result.redeemedAt.slice(0, 10) }), [
            { path: 'key', message: say('licenses.keyRedeemed', { date: result.redeemedAt.slice(0, 10) }) },
          ]);
        case 'too-far':
          throw new PortalHttpError('conflict', say('licenses.tooFar'));
      }
    }
    const { period, periods } = result;
    const words = { months: period.months, startsOn: period.startsOn, endsOn: lastDayOf(period.endsOn) };
    const subscription = this.view(customerId, (await this.store.organizationName(customerId)) ?? '', periods);
    return {
      message: stacked ? say('licenses.redeemedStacked', { ...words, asked: input.startsOn }) : say('licenses.redeemed', words),
      period: subscription.periods.find((p) => p.startsOn === period.startsOn && p.source === 'license' && p.keyEnd === keyEnd)!,
      stacked,
      subscription,
    };
  }

  // Vouchers and credits.

  async redeemVoucher(session: SessionRow, input: { code: ReadVoucher }) {
    const partner = await this.partner(session, true);
    const codeEnd = lastGroup(input.code.code);
    const result = await this.store.redeemVoucher(
      { codeHash: sha256(input.code.code), codeEnd, organizationId: partner.organizationId, accountId: session.account.id },
      (credits) => ({ organizationId: partner.organizationId, accountId: session.account.id, action: 'voucher.redeemed', detail: { credits, codeEnd } }),
      this.iso(),
    );
    if ('refused' in result) {
      if (result.refused === 'unknown') throw new PortalHttpError('not_found', say('licenses.voucherUnknown'), [{ path: 'code', message: say('licenses.voucherUnknown') }]);
      const message = say('licenses.voucherRedeemed', { date: result.redeemedAt.slice(0, 10) });
      throw new PortalHttpError('conflict', message, [{ path: 'code', message }]);
    }
    return { message: say('licenses.voucherAdded', { credits: result.credits, balance: result.balance }), credits: result.credits, balance: result.balance };
  }

  async credits(session: SessionRow): Promise<Credits> {
    const partner = await this.partner(session, false);
    const { balance, entries } = await this.store.credits(partner.organizationId, HISTORY);
    return Credits.parse({
      balance,
      history: entries.map((e) => ({ at: e.at, change: e.change, reason: e.reason, customerId: e.customerOrgId, customerName: e.customerName, voucherEnd: e.voucherEnd, balance: e.balance })),
    });
  }

  async spendCredits(session: SessionRow, customerId: number, input: z.output<typeof SpendCreditsInput>) {
    const partner = await this.linkedPartner(session, customerId, true);
    if (input.startsOn !== undefined) {
      if (input.action !== 'activate') throw new PortalHttpError('invalid_input', say('licenses.startsOnActivateOnly'), [{ path: 'startsOn', message: say('licenses.startsOnActivateOnly') }]);
      this.checkStart(input.startsOn);
    }
    const today = this.today();
    const cost = input.months * CREDITS_PER_MONTH;
    const place = (periods: PeriodRow[]): Placement<'has-subscription' | 'nothing-to-renew' | 'nothing-to-amend' | 'too-far'> => {
      const end = timelineEnd(periods);
      let startsOn: string;
      if (input.action === 'activate') {
        if (end !== null && end > today) return { refused: 'has-subscription' };
        startsOn = input.startsOn ?? today;
      } else if (input.action === 'renew') {
        if (end === null) return { refused: 'nothing-to-renew' };
        startsOn = end > today ? end : today;
      } else {
        if (!periods.some((p) => activeOn(p, today))) return { refused: 'nothing-to-amend' };
        startsOn = end!;
      }
      return addMonths(startsOn, input.months) > LAST_DAY ? { refused: 'too-far' } : { startsOn };
    };
    const result = await this.store.spendCredits(
      { partnerOrgId: partner.organizationId, customerOrgId: customerId, accountId: session.account.id, cost, months: input.months, action: input.action },
      place,
      (period, balance) => {
        const detail = { customerId, action: input.action, months: period.months, credits: cost, startsOn: period.startsOn, endsOn: period.endsOn };
        return [
          { organizationId: partner.organizationId, accountId: session.account.id, action: 'credits.spent', detail: { ...detail, balance } },
          // The customer's log names the partner, never its person.
          { organizationId: customerId, accountId: null, action: 'subscription.credits-added', detail: { ...detail, partnerId: partner.partnerId } },
        ];
      },
      this.iso(),
    );
    if ('refused' in result) {
      switch (result.refused) {
        case 'no-link':
          throw new PortalHttpError('forbidden', say('partners.notYourCustomer'));
        case 'too-few':
          throw new PortalHttpError('conflict', say('licenses.creditsTooFew', { cost, balance: result.balance }));
        case 'has-subscription': {
          const end = timelineEnd(await this.store.subscriptionPeriods(customerId));
          throw new PortalHttpError('conflict', say('licenses.activateHasSubscription', { date: end ? lastDayOf(end) : today }));
        }
        case 'nothing-to-renew':
          throw new PortalHttpError('conflict', say('licenses.renewNothing'));
        case 'nothing-to-amend':
          throw new PortalHttpError('conflict', say('licenses.amendNothing'));
        case 'too-far':
          throw new PortalHttpError('conflict', say('licenses.tooFar'));
      }
    }
    const subscription = this.view(customerId, (await this.store.organizationName(customerId)) ?? '', result.periods);
    return {
      message: say('licenses.spent', { cost, months: result.period.months, startsOn: result.period.startsOn, endsOn: lastDayOf(result.period.endsOn), balance: result.balance }),
      cost,
      balance: result.balance,
      period: subscription.periods.find((p) => p.startsOn === result.period.startsOn && p.source === 'credits')!,
      subscription,
    };
  }
}

type LicenseRoutes =
  | 'createLicenses'
  | 'createVouchers'
  | 'redeemLicense'
  | 'customerSubscription'
  | 'spendCredits'
  | 'redeemOwnLicense'
  | 'ownSubscription'
  | 'redeemVoucher'
  | 'creditBalance';

/** The handlers of the license routes (shared/portal/api.ts), for buildPortal. */
export function licenseHandlers(licenses: LicenseService): Pick<PortalHandlers, LicenseRoutes & PortalRouteName> {
  return {
    createLicenses: async ({ session, body }) => licenses.createLicenses(session, body),
    createVouchers: async ({ session, body }) => licenses.createVouchers(session, body),
    redeemLicense: async ({ session, params, body }) => licenses.redeemForCustomer(session, params.customerId, body),
    customerSubscription: async ({ session, params }) => licenses.customerSubscription(session, params.customerId),
    spendCredits: async ({ session, params, body }) => licenses.spendCredits(session, params.customerId, body),
    redeemOwnLicense: async ({ session, body }) => licenses.redeemOwn(session, body),
    ownSubscription: async ({ session }) => licenses.ownSubscription(session),
    redeemVoucher: async ({ session, body }) => licenses.redeemVoucher(session, body),
    creditBalance: async ({ session }) => licenses.credits(session),
  };
}
