// The web app's session cookie as the portal reads it: one value, never a planted twin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookieValue } from '../../portal/http/web-session.js';

test('the session cookie is read once; a second cookie of the same name (planted by a sibling host) makes it none', () => {
  assert.equal(cookieValue('theme=dark; portal_session=bmsp_a', 'portal_session'), 'bmsp_a');
  assert.equal(cookieValue('portal_session=bmsp_a; portal_session=bmsp_b', 'portal_session'), undefined);
  assert.equal(cookieValue('xportal_session=bmsp_a', 'portal_session'), undefined);
  assert.equal(cookieValue(undefined, 'portal_session'), undefined);
  assert.equal(cookieValue('__Host-portal_session=bmsp_c', '__Host-portal_session'), 'bmsp_c');
});
