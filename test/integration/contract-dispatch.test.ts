// The contract's validation, through the same dispatcher both hosts use, over the real services.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createDispatcher } from '../../main/host/dispatch.js';
import { createCompanion } from '../../main/services/index.js';
import { closedPort, tempDir } from '../support/processes.js';

const companion = createCompanion({ dataDir: tempDir('dispatch'), version: '0.0.0-test', emit: () => {} });
const logged: string[] = [];
const dispatch = createDispatcher(companion.handlers, (m) => logged.push(m));
after(() => companion.close());

test('a valid call returns its value', async () => {
  assert.deepEqual(await dispatch('app.info', {}), { ok: true, value: { name: 'BMS Companion', version: '0.0.0-test' } });
});

test('wrong type, missing field, unknown field and a huge string are refused with field messages', async () => {
  const cases: [unknown, string, RegExp][] = [
    [{ address: 42 }, 'address', /as text/],
    [{}, 'address', /as text/],
    [{ address: '10.0.0.5', extra: true }, '', /extra/],
    [{ address: 'x'.repeat(100_000) }, 'address', /at most 2,048/],
    ['not an object', '', /object/i],
  ];
  for (const [input, field, message] of cases) {
    const result = await dispatch('site.read', input);
    assert.equal(result.ok, false);
    if (result.ok) continue;
    assert.equal(result.error.code, 'invalid_input', JSON.stringify(input).slice(0, 40));
    assert.ok(result.error.issues?.some((i) => i.path === field && message.test(i.message)), `${JSON.stringify(result.error.issues)}`);
    assert.match(result.error.message, /^site\.read: /);
  }
});

test('an unknown call and an invalid address say so', async () => {
  const unknown = await dispatch('site.format', {});
  assert.equal(!unknown.ok && unknown.error.code, 'unknown_call');
  const bad = await dispatch('site.read', { address: '10.0.0.300' });
  assert.equal(!bad.ok && bad.error.code, 'invalid_input');
  assert.match(!bad.ok ? bad.error.message : '', /not a valid IPv4/);
});

test('a server that does not answer is a clear error, not a crash', async () => {
  const result = await dispatch('site.read', { address: `127.0.0.1:${await closedPort()}` });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'unreachable');
  assert.match(!result.ok ? result.error.message : '', /Connection refused/);
  assert.deepEqual(logged, [], 'expected failures are not logged as bugs');
});
