import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_TARGETS, parseTargets } from '../../shared/domain/targets.js';

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
