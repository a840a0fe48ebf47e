// The browser-mode host as a process: the token and origin rules, and the contract over WebSocket.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { callOver, openSocket } from '../support/ws-client.js';
import { startCompanion, type Started } from '../support/processes.js';

let app: Started<{ url: string; origin: string; token: string }>;
const wsUrl = (token?: string) => `${app.info.origin.replace('http', 'ws')}/__companion/ws${token === undefined ? '' : `?token=${token}`}`;

before(async () => {
  app = await startCompanion();
});
after(() => app?.stop());

test('the page is served with a strict CSP and the bridge script', async () => {
  const response = await fetch(app.info.url);
  assert.equal(response.status, 200);
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(await response.text(), /<script src="\/__companion\/bridge\.js"><\/script>/);
  assert.equal((await fetch(`${app.info.origin}/..%2f..%2fpackage.json`)).status, 404);
});

test('a WebSocket without the token is refused', async () => {
  await assert.rejects(openSocket(wsUrl(), app.info.origin), /HTTP 401/);
  await assert.rejects(openSocket(wsUrl('wrong-token'), app.info.origin), /HTTP 401/);
});

test('a WebSocket from another origin is refused, even with the token', async () => {
  await assert.rejects(openSocket(wsUrl(app.info.token), 'http://evil.example'), /HTTP 403/);
  await assert.rejects(openSocket(wsUrl(app.info.token), undefined), /HTTP 403/);
});

test('with the token and the page origin, calls work and malformed input gets clear errors', async () => {
  const ws = await openSocket(wsUrl(app.info.token), app.info.origin);
  try {
    const info = await callOver(ws, 'app.info', {});
    assert.equal(info.ok, true);

    const wrongType = await callOver(ws, 'site.server', { address: 12 });
    assert.equal(!wrongType.ok && wrongType.error.code, 'invalid_input');
    assert.deepEqual(!wrongType.ok && wrongType.error.issues?.map((i) => i.path), ['address']);

    const missing = await callOver(ws, 'site.server', {});
    assert.equal(!missing.ok && missing.error.code, 'invalid_input');

    const huge = await callOver(ws, 'site.server', { address: 'a'.repeat(500_000) });
    assert.equal(!huge.ok && huge.error.code, 'invalid_input');
    assert.match(!huge.ok ? huge.error.message : '', /at most 2,048 characters/);

    const unknown = await callOver(ws, 'site.drop', {});
    assert.equal(!unknown.ok && unknown.error.code, 'unknown_call');
  } finally {
    ws.close();
  }
});
