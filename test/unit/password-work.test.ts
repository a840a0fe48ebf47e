// The password-hashing lanes (portal/auth/password-work.ts): log-ons are served first and always
// find a slot when one is kept for them; sign-ups wait in a bounded queue, then are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PasswordWork } from '../../portal/auth/password-work.js';
import { PortalHttpError } from '../../portal/http/errors.js';

/** Work that runs until released, recording when it started. */
function gate(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { run: () => (started.push(name), done), release: () => release() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('with two slots, a sign-up starts only when nothing runs: a log-on arriving then starts at once', async () => {
  const work = new PasswordWork({ slots: 2, signUpQueue: 10 });
  const started: string[] = [];
  const s1 = gate(started, 's1');
  const s2 = gate(started, 's2');
  const l1 = gate(started, 'l1');
  const l2 = gate(started, 'l2');
  const runs = [work.run('signUp', s1.run), work.run('signUp', s2.run)];
  await tick();
  assert.deepEqual(started, ['s1'], 'the second sign-up waits: it would take the last slot');
  runs.push(work.run('logOn', l1.run));
  await tick();
  assert.deepEqual(started, ['s1', 'l1'], 'the log-on takes the slot kept free');
  s1.release();
  await tick();
  assert.deepEqual(started, ['s1', 'l1'], 'no sign-up while a log-on runs and only one slot would stay free');
  runs.push(work.run('logOn', l2.run));
  await tick();
  assert.deepEqual(started, ['s1', 'l1', 'l2'], 'the next log-on starts at once');
  l1.release();
  l2.release();
  await tick();
  assert.deepEqual(started, ['s1', 'l1', 'l2', 's2'], 'the sign-up runs once the log-ons are done');
  s2.release();
  await Promise.all(runs);
});

test('with one slot, sign-ups run when nothing else does, and log-ons waiting go first', async () => {
  const work = new PasswordWork({ slots: 1, signUpQueue: 10 });
  const started: string[] = [];
  const s1 = gate(started, 's1');
  const s2 = gate(started, 's2');
  const l1 = gate(started, 'l1');
  const runs = [work.run('signUp', s1.run), work.run('signUp', s2.run)];
  await tick();
  runs.push(work.run('logOn', l1.run));
  await tick();
  assert.deepEqual(started, ['s1']);
  s1.release();
  await tick();
  assert.deepEqual(started, ['s1', 'l1'], 'the waiting log-on before the waiting sign-up');
  l1.release();
  await tick();
  assert.deepEqual(started, ['s1', 'l1', 's2']);
  s2.release();
  await Promise.all(runs);
});

test('sign-ups past the queue are refused at once with 429 and Retry-After', async () => {
  const work = new PasswordWork({ slots: 2, signUpQueue: 1 });
  const started: string[] = [];
  const s1 = gate(started, 's1');
  const s2 = gate(started, 's2');
  const runs = [work.run('signUp', s1.run), work.run('signUp', s2.run)];
  await tick();
  await assert.rejects(
    work.run('signUp', async () => undefined),
    (error: unknown) => error instanceof PortalHttpError && error.status === 429 && error.retryAfterSeconds === 5,
  );
  s1.release();
  await tick();
  s2.release();
  await Promise.all(runs);
  assert.deepEqual(started, ['s1', 's2']);
});
