// License keys and voucher codes (shared/portal/licenses.ts, docs/partners.md): made and read back,
// typed forgivingly as every code is, a one-character typo named by its group before any database
// is asked, the other kind of code told apart, and the calendar arithmetic of subscription periods.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALPHABET } from '../../shared/codes/alphabet.js';
import { formatCode } from '../../shared/codes/typed.js';
import {
  addDays,
  addMonths,
  isDay,
  lastGroup,
  LICENSE_FORMAT,
  LicenseKey,
  makeLicenseKey,
  makeVoucherCode,
  readLicenseKey,
  readVoucherCode,
  RedeemLicenseInput,
} from '../../shared/portal/licenses.js';

const KEY = /^BMSKY.-(?:[0-9A-HJKMNP-TV-Z]{6}-){3}[0-9A-HJKMNP-TV-Z]{6}$/;

test('a license key round-trips: its term, 30 characters in 5 groups starting BMSKY, random apart from that', () => {
  for (const months of [1, 12, 36, 120]) {
    const key = makeLicenseKey(months);
    assert.match(key, KEY);
    const read = readLicenseKey(key);
    assert.ok(read.ok, JSON.stringify(read));
    assert.deepEqual(read.value, { key, months });
  }
  const many = new Set(Array.from({ length: 200 }, () => makeLicenseKey(12)));
  assert.equal(many.size, 200, 'the random part makes every key its own');
  assert.throws(() => makeLicenseKey(0), RangeError);
  assert.throws(() => makeLicenseKey(121), RangeError);
});

test('a voucher code round-trips with its credits, starting BMSVC', () => {
  for (const credits of [1, 100, 10_000]) {
    const code = makeVoucherCode(credits);
    assert.match(code, /^BMSVC.-/);
    const read = readVoucherCode(code);
    assert.ok(read.ok);
    assert.deepEqual(read.value, { code, credits });
  }
  assert.throws(() => makeVoucherCode(10_001), RangeError);
});

test('typed forgivingly: lower case, O for 0, I and L for 1, spaces and typographic dashes give the one spelling', () => {
  const random = Array.from({ length: 17 }, (_, i) => [0, 1, 2, 3][i % 4]!);
  const key = makeLicenseKey(24, random);
  const typed = key.toLowerCase().replaceAll('0', 'o').replaceAll('1', 'l').replaceAll('-', ' \u2013 ');
  const read = readLicenseKey(typed);
  assert.ok(read.ok, JSON.stringify(read));
  assert.equal(read.value.key, key, 'hashed in one spelling whatever was typed');
});

test('a one-character typo is named by its group; a refused character by group and place; a short key by its length', () => {
  const key = makeLicenseKey(12);
  for (let position = 0; position < key.length; position++) {
    if (key[position] === '-') continue;
    const group = Math.floor(position / 7) + 1;
    const wrong = ALPHABET[(ALPHABET.indexOf(key[position]!) + 7) % 32]!;
    const typo = key.slice(0, position) + wrong + key.slice(position + 1);
    const read = readLicenseKey(typo);
    assert.equal(read.ok, false, typo);
    if (read.ok) continue;
    assert.equal(read.failure.reason, 'bad_group', typo);
    assert.deepEqual(read.failure.groups, [group]);
    assert.equal(read.failure.message, `Group ${group} of the license key is mistyped: compare it with the original.`);
  }
  const bad = readLicenseKey(`${key.slice(0, 9)}U${key.slice(10)}`);
  assert.ok(!bad.ok);
  assert.equal(bad.failure.message, "'U' (group 2, character 3) is not used in license keys. They use the digits 0-9 and the letters A-Z except U; I and L read as 1, O as 0.");
  const short = readLicenseKey(key.slice(0, -1));
  assert.ok(!short.ok);
  assert.equal(short.failure.message, 'The license key has 29 characters; it should have 30 (5 groups of 6).');
  const empty = readLicenseKey('  ');
  assert.ok(!empty.ok);
  assert.equal(empty.failure.message, 'Enter the license key: 30 characters in 5 groups, starting with BMSKY.');
});

test('a voucher code given as a license key (and back) is named for what it is; a key holding no license is damaged', () => {
  const asKey = readLicenseKey(makeVoucherCode(50));
  assert.ok(!asKey.ok);
  assert.equal(asKey.failure.message, 'This is a voucher code, not a license key: redeem it for credits under Credits.');
  const asVoucher = readVoucherCode(makeLicenseKey(12));
  assert.ok(!asVoucher.ok);
  assert.equal(asVoucher.failure.message, 'This is a license key, not a voucher code: redeem it for a customer.');
  // Every group checks, but the term is 0 or 121 months, or the version is not 1: made by hand, not by the portal.
  for (const payload of [
    [1, 0, 0, ...Array(17).fill(5)],
    [1, 3, 25, ...Array(17).fill(5)],
    [2, 0, 12, ...Array(17).fill(5)],
  ]) {
    const forged = readLicenseKey(formatCode(LICENSE_FORMAT, payload));
    assert.ok(!forged.ok);
    assert.equal(forged.failure.reason, 'damaged');
    assert.equal(forged.failure.message, 'This license key is not valid: its groups check, but it holds no license. Compare it with the mail it came in.');
  }
});

test('the schema reads the key before anything else: the parsed body holds the one spelling and the term', () => {
  const key = makeLicenseKey(6);
  const parsed = RedeemLicenseInput.safeParse({ key: key.toLowerCase(), startsOn: '2030-02-28' });
  assert.ok(parsed.success);
  assert.deepEqual(parsed.data.key, { key, months: 6 });
  const typo = LicenseKey.safeParse(key.slice(0, 8) + (key[8] === 'A' ? 'B' : 'A') + key.slice(9));
  assert.ok(!typo.success);
  assert.equal(typo.error.issues[0]!.message, 'Group 2 of the license key is mistyped: compare it with the original.');
  for (const day of ['2030-02-30', '2030-2-1', 'tomorrow', '']) assert.equal(RedeemLicenseInput.safeParse({ key, startsOn: day }).success, false, day);
  assert.equal(lastGroup(key), key.slice(-6));
});

test('periods: calendar months, a day the month lacks is its last day; days and real dates', () => {
  assert.equal(addMonths('2026-12-01', 12), '2027-12-01');
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
  assert.equal(addMonths('2026-11-15', 3), '2027-02-15');
  assert.equal(addMonths('2026-05-10', 120), '2036-05-10');
  assert.equal(addDays('2027-01-01', -1), '2026-12-31');
  assert.equal(isDay('2028-02-29'), true);
  assert.equal(isDay('2027-02-29'), false);
});
