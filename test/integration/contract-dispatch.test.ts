// The contract's validation, through the same dispatcher both hosts use, over the real services.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createDispatcher } from '../../main/host/dispatch.js';
import { ipcCallHandler } from '../../main/host/ipc-guard.js';
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
    [{ address: '' }, 'address', /Enter a server address/],
    [{ address: '10.0.0.5', extra: true }, '', /extra/],
    [{ address: 'x'.repeat(100_000) }, 'address', /at most 2,048/],
    ['not an object', '', /object/i],
  ];
  for (const [input, field, message] of cases) {
    const result = await dispatch('site.server', input);
    assert.equal(result.ok, false);
    if (result.ok) continue;
    assert.equal(result.error.code, 'invalid_input', JSON.stringify(input).slice(0, 40));
    assert.ok(result.error.issues?.some((i) => i.path === field && message.test(i.message)), `${JSON.stringify(result.error.issues)}`);
    assert.match(result.error.message, /^site\.server: /);
  }
});

test('a refusal stays short whatever was sent: 10,000 unknown keys are not repeated back', async () => {
  const input = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`key-${i}-${'x'.repeat(40)}`, i]));
  const result = await dispatch('site.server', { address: '10.0.0.5', ...input });
  assert.equal(!result.ok && result.error.code, 'invalid_input');
  assert.ok(JSON.stringify(result).length < 5000, `${JSON.stringify(result).length} characters`);
});

test('an unknown call and an invalid address list say so, field by field', async () => {
  const unknown = await dispatch('site.format', {});
  assert.equal(!unknown.ok && unknown.error.code, 'unknown_call');
  const bad = await dispatch('site.connection.save', { targets: '10.0.0.300', password: 'x' });
  assert.equal(!bad.ok && bad.error.code, 'invalid_input');
  const issues = !bad.ok ? bad.error.issues : [];
  assert.match(issues?.find((i) => i.path === 'targets')?.message ?? '', /Line 1 \(10\.0\.0\.300\): .*0 to 255/);
  assert.match(issues?.find((i) => i.path === 'username')?.message ?? '', /user name that goes with the password/);
  const numbers = await dispatch('site.connection.save', { targets: '10.0.0.1', concurrency: 1000, timeoutSeconds: 'ten' });
  assert.deepEqual(!numbers.ok && numbers.error.issues?.map((i) => i.path).sort(), ['concurrency', 'timeoutSeconds']);
});

test('a site that does not answer is reported, not a crash', async () => {
  const saved = await dispatch('site.connection.save', { targets: `127.0.0.1:${await closedPort()}` });
  assert.equal(saved.ok, true);
  const result = await dispatch('site.discover', {});
  assert.equal(result.ok, true);
  const snapshot = result.ok ? (result.value as { failures: { reason: string }[] }) : { failures: [] };
  assert.match(snapshot.failures[0]?.reason ?? '', /Connection refused/);
  assert.deepEqual(logged, [], 'expected failures are not logged as bugs');
});

test('asking for a server that was never read says what to do', async () => {
  const result = await dispatch('site.server', { address: 'http://10.9.9.9' });
  assert.equal(!result.ok && result.error.code, 'not_found');
  assert.match(!result.ok ? result.error.message : '', /Read the site again/);
});

test('the Electron IPC handler: malformed input gets the same field errors; other frames are refused', async () => {
  const handle = ipcCallHandler(dispatch);
  const appFrame = { senderFrame: { url: 'app://companion/index.html', parent: null } };
  const bad = await handle(appFrame, 'site.server', { address: 42 });
  assert.equal(!bad.ok && bad.error.code, 'invalid_input');
  assert.deepEqual(!bad.ok && bad.error.issues?.map((i) => i.path), ['address']);
  const huge = await handle(appFrame, 'site.connection.save', { targets: 'x'.repeat(200_000) });
  assert.match(!huge.ok ? huge.error.message : '', /at most 100,000 characters/);
  const subFrame = await handle({ senderFrame: { url: 'app://companion/index.html', parent: {} } }, 'app.info', {});
  assert.equal(!subFrame.ok && subFrame.error.code, 'forbidden');
  const foreign = await handle({ senderFrame: { url: 'https://example.com/', parent: null } }, 'app.info', {});
  assert.equal(!foreign.ok && foreign.error.code, 'forbidden');
  assert.equal((await handle(appFrame, 'app.info', {})).ok, true);
});
