import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { isTrustedSender } from '../../main/host/ipc-guard.js';
import { containedPath } from '../../main/host/security.js';

test('only the top frame of the app page is a trusted IPC sender', () => {
  assert.equal(isTrustedSender({ url: 'app://companion/index.html', parent: null }), true);
  assert.equal(isTrustedSender({ url: 'app://companion/index.html', parent: {} }), false, 'sub-frame');
  assert.equal(isTrustedSender({ url: 'https://evil.example/', parent: null }), false, 'other origin');
  assert.equal(isTrustedSender({ url: 'app://other/index.html', parent: null }), false, 'other app host');
  assert.equal(isTrustedSender({ url: 'file:///etc/passwd', parent: null }), false, 'file url');
  assert.equal(isTrustedSender(null), false);
});

test('static files are served only from inside the renderer folder', () => {
  const root = path.resolve('/srv/app');
  assert.equal(containedPath(root, '/index.html'), path.join(root, 'index.html'));
  assert.equal(containedPath(root, '/assets/a.js'), path.join(root, 'assets', 'a.js'));
  assert.equal(containedPath(root, '/../etc/passwd'), path.join(root, 'etc', 'passwd'));
  assert.equal(containedPath(root, '/%2e%2e/%2e%2e/etc/passwd'), path.join(root, 'etc', 'passwd'));
  assert.equal(containedPath(root, '/a%00b'), null);
  assert.equal(containedPath(root, '/%E0%A4%A'), null);
});
