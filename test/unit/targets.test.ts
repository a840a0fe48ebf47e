import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_TARGET_ISSUES, MAX_TARGETS, parseTargets } from '../../shared/domain/targets.js';

test('addresses, lists and ranges expand to base URLs', () => {
  const result = parseTargets('es01:8080, 10.0.0.5\n10.0.1.1-3\nhttps://10.0.2.1-10.0.2.2:8443\n# a comment\n10.0.3.0/30');
  assert.deepEqual(result, {
    ok: true,
    addresses: [
      'http://es01:8080',
      'http://10.0.0.5',
      'http://10.0.1.1',
      'http://10.0.1.2',
      'http://10.0.1.3',
      'https://10.0.2.1:8443',
      'https://10.0.2.2:8443',
      'http://10.0.3.1',
      'http://10.0.3.2',
    ],
  });
});

test('bad entries, duplicates and huge ranges are refused with their line', () => {
  const result = parseTargets('10.0.0.5\n10.0.0.300\n10.0.0.1-10\n10.0.0.9-2\n10.0.0.0/8\n10.1.0.0-10.2.0.0');
  assert.equal(result.ok, false);
  if (result.ok) return;
  const byLine = new Map(result.issues.map((i) => [i.line, i.message]));
  assert.match(byLine.get(2)!, /0 to 255/);
  assert.match(byLine.get(3)!, /10\.0\.0\.5 is already listed on line 1/);
  assert.match(byLine.get(4)!, /lower address to the higher/);
  assert.match(byLine.get(5)!, /\/16 to \/32/);
  assert.match(byLine.get(6)!, new RegExp(`at most ${MAX_TARGETS.toLocaleString('en')}`));
  assert.equal(byLine.has(1), false);
});

test('nothing entered is an error, not an empty read', () => {
  assert.deepEqual(parseTargets(' \n # only a comment'), { ok: false, issues: [{ line: 1, entry: '', message: 'Enter at least one server address.' }] });
});

test('the total is checked before any range is expanded', () => {
  // 7,000 ranges of 4,094 addresses each: 28.7 million strings if expanded first.
  const text = Array.from({ length: 7000 }, (_, i) => `${1 + (i % 100)}.${Math.floor(i / 100)}.0.0/20`).join('\n');
  const started = performance.now();
  const result = parseTargets(text);
  const ms = performance.now() - started;
  assert.ok(ms < 500, `took ${ms.toFixed(0)} ms`);
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(result.issues, [{ line: 1, entry: '', message: 'These entries hold 28,658,000 addresses; at most 4,096 can be read at once.' }]);

  // Entries that are wrong on their own are still named alongside the total.
  const mixed = parseTargets('10.0.0.0/20\n10.0.0.300\n10.1.0.0/20');
  assert.deepEqual(
    !mixed.ok && mixed.issues.map((i) => [i.line, i.message]),
    [
      [1, 'These entries hold 8,188 addresses; at most 4,096 can be read at once.'],
      [2, '"10.0.0.300" is not a valid IPv4 address (each part is 0 to 255).'],
    ],
  );

  // Exactly at the limit is fine; one more is not.
  const full = parseTargets('10.0.0.0/20\n10.0.16.1\n10.0.16.2');
  assert.equal(full.ok && full.addresses.length, MAX_TARGETS);
  const over = parseTargets('10.0.0.0/20\n10.0.16.1-3');
  assert.match(!over.ok ? over.issues[0]!.message : '', /4,097 addresses; at most 4,096/);
});

test('past 20 problems the rest are counted in one last issue', () => {
  const result = parseTargets('10.0.0.5\n'.repeat(3000));
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.issues.length, MAX_TARGET_ISSUES + 1);
  assert.deepEqual(result.issues[0], { line: 2, entry: '10.0.0.5', message: 'http://10.0.0.5 is already listed on line 1.' });
  assert.deepEqual(result.issues.at(-1), { line: 22, entry: '', message: '…and 2,979 more problems.', more: 2979 });
  assert.ok(result.issues.reduce((n, i) => n + i.message.length, 0) < 2000, 'short enough to show');

  const twentyOne = parseTargets('x_1\n'.repeat(21));
  assert.equal(!twentyOne.ok && twentyOne.issues.at(-1)?.message, '…and 1 more problem.');
  const twenty = parseTargets('x_1\n'.repeat(20));
  assert.equal(!twenty.ok && twenty.issues.length, 20, 'twenty are listed in full');
});
