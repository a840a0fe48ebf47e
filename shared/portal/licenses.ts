// License keys, voucher codes, subscriptions and credits as they cross the portal's API
// (docs/partners.md, Licenses and credits).
//
// A license key and a voucher code are codes of shared/codes (docs/codes.md): groups of five
// Crockford Base32 symbols and a check character, the first group a fixed marker (BMSKY for a
// license key, BMSVC for a voucher; the alphabet has no I, L, O or U, so no LICNS or VOUCH), so a
// mistyped character is named by its group before the portal's database is asked, exactly as for a
// Registration code. After the marker, 20 data symbols (100 bits):
//
//   license key: version (1 symbol, 1), months (2 symbols, 1 to 120), random (17 symbols, 85 bits)
//   voucher:     version (1 symbol, 1), credits (3 symbols, 1 to 10000), random (16 symbols, 80 bits)
//
// The check characters and the months or credits are for typing, not for security: anyone can make
// a key that reads. What makes a key is its random part and the portal's record of it, which keeps
// only the SHA-256 of the key in its one spelling (formatLicenseKey: upper case, with dashes).
// Browser-safe: no Node (crypto.getRandomValues is the Web Crypto API, in Node 20 too).
import { z } from 'zod';
import { ALPHABET, isSeparator, showCharacter, symbolOf } from '../codes/alphabet.js';
import { GROUP_DATA, GROUP_SIZE } from '../codes/check.js';
import type { CodeFailure, CodeResult } from '../codes/failure.js';
import type { CodeFormat } from '../codes/formats.js';
import { formatCode, readCode } from '../codes/typed.js';
import { say } from '../messages/say.js';

export const LICENSE_FORMAT: CodeFormat = { id: 'license', label: 'license key', groups: 5, marker: 'BMSKY' };
export const VOUCHER_FORMAT: CodeFormat = { id: 'voucher', label: 'voucher code', groups: 5, marker: 'BMSVC' };

export const LICENSE_MONTHS = { min: 1, max: 120 } as const;
export const VOUCHER_CREDITS = { min: 1, max: 10_000 } as const;
/** Keys or vouchers made in one request. */
export const BATCH_MAX = 100;
/** The price of a subscription bought with credits: one credit per month, whatever the action. */
export const CREDITS_PER_MONTH = 1;
/** The latest start date accepted, in days from today. */
export const START_DAYS_AHEAD = 366;

const VERSION = 1;
const PAYLOAD = (LICENSE_FORMAT.groups - 1) * GROUP_DATA;

function randomSymbols(count: number): number[] {
  const bytes = new Uint8Array(count);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b & 31);
}

/** A number as `width` symbols, most significant first. */
const toSymbols = (value: number, width: number) => Array.from({ length: width }, (_, i) => Math.floor(value / 32 ** (width - 1 - i)) % 32);
const fromSymbols = (symbols: ArrayLike<number>, from: number, width: number) => Array.from({ length: width }, (_, i) => symbols[from + i]!).reduce((n, s) => n * 32 + s, 0);

/** A new license key for `months` (1 to 120), in its one spelling. `random`: 17 symbols (tests). */
export function makeLicenseKey(months: number, random: number[] = randomSymbols(PAYLOAD - 3)): string {
  if (!Number.isInteger(months) || months < LICENSE_MONTHS.min || months > LICENSE_MONTHS.max) throw new RangeError(`A license runs 1 to 120 months, not ${months}.`);
  return formatCode(LICENSE_FORMAT, [VERSION, ...toSymbols(months, 2), ...random]);
}

/** A new voucher code for `credits` (1 to 10000), in its one spelling. `random`: 16 symbols (tests). */
export function makeVoucherCode(credits: number, random: number[] = randomSymbols(PAYLOAD - 4)): string {
  if (!Number.isInteger(credits) || credits < VOUCHER_CREDITS.min || credits > VOUCHER_CREDITS.max) throw new RangeError(`A voucher holds 1 to 10000 credits, not ${credits}.`);
  return formatCode(VOUCHER_FORMAT, [VERSION, ...toSymbols(credits, 3), ...random]);
}

export interface ReadLicense {
  /** The key in its one spelling (upper case, dashes): what the portal hashes. */
  key: string;
  months: number;
}
export interface ReadVoucher {
  code: string;
  credits: number;
}

const damaged = (message: string): { ok: false; failure: CodeFailure } => ({ ok: false, failure: { reason: 'damaged', message } });

/** Reads a typed license key as readCode reads any code; the refusal in the catalog's words (licenses.*). */
export function readLicenseKey(text: string): CodeResult<ReadLicense> {
  const read = readCode(text, LICENSE_FORMAT);
  if (!read.ok) return { ok: false, failure: { ...read.failure, message: refusalText('key', read.failure, text) } };
  const months = fromSymbols(read.value, 1, 2);
  if (read.value[0] !== VERSION || months < LICENSE_MONTHS.min || months > LICENSE_MONTHS.max) return damaged(say('licenses.keyDamaged'));
  return { ok: true, value: { key: formatCode(LICENSE_FORMAT, read.value), months } };
}

export function readVoucherCode(text: string): CodeResult<ReadVoucher> {
  const read = readCode(text, VOUCHER_FORMAT);
  if (!read.ok) return { ok: false, failure: { ...read.failure, message: refusalText('voucher', read.failure, text) } };
  const credits = fromSymbols(read.value, 1, 3);
  if (read.value[0] !== VERSION || credits < VOUCHER_CREDITS.min || credits > VOUCHER_CREDITS.max) return damaged(say('licenses.voucherDamaged'));
  return { ok: true, value: { code: formatCode(VOUCHER_FORMAT, read.value), credits } };
}

/** The last group of a key or code: how a list names it without showing it. */
export const lastGroup = (key: string) => key.slice(-GROUP_SIZE);

/** The code characters of a text, separators dropped, for the refusal's parameters. */
const codeCharacters = (text: string) => [...text].filter((c) => !isSeparator(c));

function refusalText(kind: 'key' | 'voucher', failure: CodeFailure, text: string): string {
  const format = kind === 'key' ? LICENSE_FORMAT : VOUCHER_FORMAT;
  const other = kind === 'key' ? VOUCHER_FORMAT : LICENSE_FORMAT;
  const characters = codeCharacters(text);
  const expected = format.groups * GROUP_SIZE;
  switch (failure.reason) {
    case 'bad_character': {
      const index = characters.findIndex((c) => symbolOf(c) < 0);
      const character = characters[index] ?? '?';
      const params = { character: showCharacter(character), group: Math.floor(index / GROUP_SIZE) + 1, position: (index % GROUP_SIZE) + 1 };
      return kind === 'key' ? say('licenses.keyCharacter', params) : say('licenses.voucherCharacter', params);
    }
    case 'wrong_length':
      if (!characters.length) {
        const params = { characters: expected, groups: format.groups, marker: format.marker! };
        return kind === 'key' ? say('licenses.keyEmpty', params) : say('licenses.voucherEmpty', params);
      }
      return kind === 'key' ? say('licenses.keyLength', { count: characters.length }) : say('licenses.voucherLength', { count: characters.length });
    case 'bad_group': {
      const groups = failure.groups ?? [];
      if (groups.length === 1) return kind === 'key' ? say('licenses.keyGroup', { group: groups[0]! }) : say('licenses.voucherGroup', { group: groups[0]! });
      return kind === 'key' ? say('licenses.keyGroups', { groups: groups.join(', ') }) : say('licenses.voucherGroups', { groups: groups.join(', ') });
    }
    default: {
      // A whole code of the right length whose marker is another's: say which it is.
      const head = characters
        .slice(0, GROUP_DATA)
        .map((c) => ALPHABET[symbolOf(c)] ?? '?')
        .join('');
      if (head === other.marker) return say(kind === 'key' ? 'licenses.keyIsVoucher' : 'licenses.voucherIsKey');
      return kind === 'key' ? say('licenses.keyNotOne', { marker: format.marker! }) : say('licenses.voucherNotOne', { marker: format.marker! });
    }
  }
}

// Days: a subscription's dates are calendar days (UTC), `YYYY-MM-DD`.

/** The UTC day of a moment. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A real calendar day, `YYYY-MM-DD`. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The day `months` calendar months later; a day the month does not have is its last day (31 Jan + 1 = 28 or 29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = m - 1 + months;
  const year = y + Math.floor(total / 12);
  const month = ((total % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(year, month, Math.min(d, last)));
  date.setUTCFullYear(year);
  return date.toISOString().slice(0, 10);
}

export const addDays = (day: string, days: number) => dayOf(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);

// The API's schemas.

const wholeNumber = (min: number, max: number, message: string) => z.number({ error: message }).int(message).min(min, message).max(max, message);

export const CreateLicensesInput = z.strictObject({
  months: wholeNumber(LICENSE_MONTHS.min, LICENSE_MONTHS.max, say('licenses.monthsRange')),
  count: wholeNumber(1, BATCH_MAX, say('licenses.countRange')),
});
export const CreateVouchersInput = z.strictObject({
  credits: wholeNumber(VOUCHER_CREDITS.min, VOUCHER_CREDITS.max, say('licenses.creditsRange')),
  count: wholeNumber(1, BATCH_MAX, say('licenses.countRange')),
});

/** A typed key, read and checked: a mistyped one is refused here, naming its group, before the database is asked. */
export const LicenseKey = z
  .string({ error: say('licenses.keyAsText') })
  .max(200, { message: say('licenses.keyEmpty', { characters: 30, groups: 5, marker: 'BMSKY' }), abort: true })
  .transform((text, ctx) => {
    const read = readLicenseKey(text);
    if (read.ok) return read.value;
    ctx.addIssue({ code: 'custom', message: read.failure.message });
    return z.NEVER;
  });

export const VoucherCode = z
  .string({ error: say('licenses.voucherAsText') })
  .max(200, { message: say('licenses.voucherEmpty', { characters: 30, groups: 5, marker: 'BMSVC' }), abort: true })
  .transform((text, ctx) => {
    const read = readVoucherCode(text);
    if (read.ok) return read.value;
    ctx.addIssue({ code: 'custom', message: read.failure.message });
    return z.NEVER;
  });

/** A start date: a calendar day; whether it is today or later is the portal's check (its clock). */
export const StartDay = z
  .string({ error: say('licenses.startsOnFormat') })
  .max(10, { message: say('licenses.startsOnFormat'), abort: true })
  .refine(isDay, say('licenses.startsOnFormat'));

export const RedeemLicenseInput = z.strictObject({ key: LicenseKey, startsOn: StartDay });
export const RedeemVoucherInput = z.strictObject({ code: VoucherCode });

export const CREDIT_ACTIONS = ['activate', 'renew', 'amend'] as const;
export type CreditAction = (typeof CREDIT_ACTIONS)[number];
export const SpendCreditsInput = z.strictObject({
  action: z.enum(CREDIT_ACTIONS, { error: say('licenses.actionChoice') }),
  months: wholeNumber(LICENSE_MONTHS.min, LICENSE_MONTHS.max, say('licenses.monthsRange')),
  /** activate only: the first day (today or later); default today. */
  startsOn: StartDay.optional(),
});

/** Made by a portal administrator: shown once, the portal keeps their hashes. */
export const NewLicenses = z.strictObject({ months: z.number().int(), keys: z.array(z.string()), createdAt: z.string() });
export const NewVouchers = z.strictObject({ credits: z.number().int(), codes: z.array(z.string()), createdAt: z.string() });

/** One period of a customer's subscription timeline: from `startsOn` to the day before `endsOn`. */
export const SubscriptionPeriod = z.strictObject({
  startsOn: z.string(),
  /** The first day after the period: the day a period stacked after it starts. */
  endsOn: z.string(),
  months: z.number().int(),
  source: z.enum(['license', 'credits']),
  /** A license's key, by its last group only; null for credits. */
  keyEnd: z.string().nullable(),
  /** Credits spent; null for a license. */
  credits: z.number().int().nullable(),
  /** What the credits did; null for a license. */
  action: z.enum(CREDIT_ACTIONS).nullable(),
  /** The period holds today (UTC). */
  active: z.boolean(),
  addedAt: z.string(),
});
export type SubscriptionPeriod = z.infer<typeof SubscriptionPeriod>;

export const Subscription = z.strictObject({
  customerId: z.number().int(),
  name: z.string(),
  /** The portal's today (UTC), against which `active` was told. */
  today: z.string(),
  /** A period holds today. */
  active: z.boolean(),
  /** The end of the last period (its `endsOn`); null with no period. */
  endsOn: z.string().nullable(),
  /** In order of their start. */
  periods: z.array(SubscriptionPeriod),
});
export type Subscription = z.infer<typeof Subscription>;

export const LicenseRedeemed = z.strictObject({
  message: z.string(),
  period: SubscriptionPeriod,
  /** The start asked for fell inside the timeline: the period starts when it ended instead. */
  stacked: z.boolean(),
  subscription: Subscription,
});

export const CreditEntry = z.strictObject({
  at: z.string(),
  change: z.number().int(),
  reason: z.enum(['voucher', 'activation', 'renewal', 'amendment']),
  /** The customer a spending was for; null for a voucher. */
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  /** A voucher's code by its last group; null for a spending. */
  voucherEnd: z.string().nullable(),
  /** The balance after this entry. */
  balance: z.number().int(),
});
export type CreditEntry = z.infer<typeof CreditEntry>;

export const Credits = z.strictObject({
  balance: z.number().int(),
  /** Newest first. */
  history: z.array(CreditEntry),
});
export type Credits = z.infer<typeof Credits>;

export const VoucherRedeemed = z.strictObject({ message: z.string(), credits: z.number().int(), balance: z.number().int() });

export const CreditsSpent = z.strictObject({
  message: z.string(),
  cost: z.number().int(),
  balance: z.number().int(),
  period: SubscriptionPeriod,
  subscription: Subscription,
});
