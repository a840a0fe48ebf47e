import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeServerAddress } from '../../shared/domain/address.js';

test('addresses people type become one base URL', () => {
  const cases: [string, string][] = [
    ['10.0.0.5', 'http://10.0.0.5'],
    ['  es01:8080  ', 'http://es01:8080'],
    ['https://es01.site.local/', 'https://es01.site.local'],
    ['http://127.0.0.1:4000/es-1-as-2/', 'http://127.0.0.1:4000/es-1-as-2'],
    ['HTTP://ES01', 'http://es01'],
  ];
  for (const [input, expected] of cases) {
    const result = normalizeServerAddress(input);
    assert.deepEqual(result, { ok: true, baseUrl: expected }, input);
  }
});

test('bad addresses are refused with a message that says what to do', () => {
  const cases: [string, RegExp][] = [
    ['', /Enter a server address/],
    ['10.0.0.256', /not a valid IPv4/],
    ['ftp://es01', /not supported/],
    ['es 01', /contains spaces/],
    ['http://admin:pw@es01', /credentials/],
    ['es_01!', /not a valid host name|not an address/],
    ['http://es01/?x=1', /no \?query/],
  ];
  for (const [input, message] of cases) {
    const result = normalizeServerAddress(input);
    assert.equal(result.ok, false, input);
    assert.match((result as { message: string }).message, message, input);
  }
});
